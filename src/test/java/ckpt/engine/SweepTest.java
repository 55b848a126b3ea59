package ckpt.engine;

import static ckpt.model.CheckpointTable.ALIGNMENT_MS;
import static ckpt.model.CheckpointTable.ASYNC_MS;
import static ckpt.model.CheckpointTable.CHECKPOINTED_BYTES;
import static ckpt.model.CheckpointTable.CHECKPOINT_ID;
import static ckpt.model.CheckpointTable.DURATION_MS;
import static ckpt.model.CheckpointTable.FAILURE;
import static ckpt.model.CheckpointTable.METADATA_BYTES;
import static ckpt.model.CheckpointTable.MODE;
import static ckpt.model.CheckpointTable.PHASE;
import static ckpt.model.CheckpointTable.RUN;
import static ckpt.model.CheckpointTable.START_DELAY_MS;
import static ckpt.model.CheckpointTable.STATE_BYTES;
import static ckpt.model.CheckpointTable.STATUS;
import static ckpt.model.CheckpointTable.SYNC_MS;
import static ckpt.model.CheckpointTable.TRIGGER_TIME;
import static ckpt.model.CheckpointTable.T_MS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import ckpt.model.DiskUsage;
import ckpt.model.Experiment;
import ckpt.model.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class SweepTest {

    /** A checkpoint table as the engine records it: three steady, completed checkpoints of the given size. */
    private static Table checkpoints(String run, long checkpointedBytes, long durationMs) {
        Table t = CheckpointTable.empty(run);
        for (int i = 0; i < 3; i++) {
            t.stringColumn(RUN).append(run);
            t.stringColumn(MODE).append("incremental");
            t.longColumn(CHECKPOINT_ID).append(i + 1);
            t.stringColumn(PHASE).append(CheckpointTable.STEADY);
            t.instantColumn(TRIGGER_TIME).append(Instant.ofEpochSecond(1_700_000_000L + i));
            t.longColumn(T_MS).append(i * 1000L);
            t.longColumn(DURATION_MS).append(durationMs + i);
            t.longColumn(SYNC_MS).append(1);
            t.longColumn(ASYNC_MS).append(durationMs - 1);
            t.longColumn(ALIGNMENT_MS).append(0);
            t.longColumn(START_DELAY_MS).append(0);
            t.longColumn(STATE_BYTES).append(checkpointedBytes * 10);
            t.longColumn(CHECKPOINTED_BYTES).append(checkpointedBytes);
            t.longColumn(METADATA_BYTES).append(512);
            t.stringColumn(STATUS).append(CheckpointTable.COMPLETED);
            t.stringColumn(FAILURE).append("");
            t.stringColumn(CheckpointTable.CHECKPOINT_TYPE).append("");
        }
        return t;
    }

    private static Run run(Experiment e, String status, long checkpointedBytes) {
        String id = "2026-01-01T00-00-00-" + e.displayName();
        return ckpt.model.TestRuns.run(id, e, status, checkpoints(e.displayName(), checkpointedBytes, 40),
                Table.create("metrics"), 1000, 100, 3000, DiskUsage.NONE, Map.of(), Map.of());
    }

    /** What the engine's compare does, in small: one row per run, named by the run. */
    private static Table compare(List<Run> runs) {
        StringColumn name = StringColumn.create("run");
        IntColumn count = IntColumn.create("checkpoints");
        DoubleColumn mean = DoubleColumn.create("checkpointed_bytes_mean");
        // Deliberately not in sweep order: the sweep must match rows by run name.
        List<Run> reversed = new ArrayList<>(runs);
        java.util.Collections.reverse(reversed);
        for (Run r : reversed) {
            name.append(r.name());
            Table steady = r.steadyCheckpoints();
            count.append(steady.rowCount());
            mean.append(steady.longColumn(CHECKPOINTED_BYTES).mean());
        }
        return Table.create("compare", name, count, mean);
    }

    private static long bytesFor(Experiment e) {
        String wb = e.rocksdb().get("state.backend.rocksdb.writebuffer.size");
        return switch (wb) {
            case "8mb" -> 1000;
            case "16mb" -> 2000;
            case "64mb" -> 8000;
            default -> throw new IllegalStateException("disk full");
        };
    }

    @Test
    void sweepRunsOncePerValueAndRecordsFailures() {
        List<String> progress = new ArrayList<>();
        List<Experiment> seen = new ArrayList<>();
        Function<Experiment, Run> runner = e -> {
            seen.add(e);
            return run(e, "FINISHED", bytesFor(e));
        };
        Experiment base = Experiment.defaults().mode("incremental").keys(20_000);
        Table t = Sweep.run(base, "writebuffer.size", List.of("8mb", "32mb", "16mb"), runner, SweepTest::compare,
                progress::add);

        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).rocksdb()).containsEntry("state.backend.rocksdb.writebuffer.size", "8mb");
        assertThat(seen.get(0).keys()).isEqualTo(20_000);
        assertThat(seen.stream().map(Experiment::displayName)).containsExactly("wb-8mb", "wb-32mb", "wb-16mb");

        assertThat(t.columnNames()).containsExactly("run", "writebuffer.size", "checkpoints",
                "checkpointed_bytes_mean", "error");
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.stringColumn("run").asList()).containsExactly("wb-8mb", "wb-32mb", "wb-16mb");
        assertThat(t.stringColumn("writebuffer.size").asList()).containsExactly("8mb", "32mb", "16mb");
        assertThat(t.doubleColumn("checkpointed_bytes_mean").get(0)).isEqualTo(1000.0);
        assertThat(t.doubleColumn("checkpointed_bytes_mean").get(2)).isEqualTo(2000.0);
        assertThat(t.intColumn("checkpoints").get(0)).isEqualTo(3);
        // The failed run: name, value, error; other columns missing.
        assertThat(t.doubleColumn("checkpointed_bytes_mean").isMissing(1)).isTrue();
        assertThat(t.intColumn("checkpoints").isMissing(1)).isTrue();
        assertThat(t.stringColumn("error").asList())
                .containsExactly("", "IllegalStateException: disk full", "");

        assertThat(progress).containsExactly(
                "run 1/3 · writebuffer.size=8mb",
                "run 2/3 · writebuffer.size=32mb",
                "run 2/3 failed: IllegalStateException: disk full",
                "run 3/3 · writebuffer.size=16mb",
                "sweep done: 3 runs, 1 failed");
    }

    @Test
    void noErrorColumnWhenAllRunsSucceed() {
        List<String> progress = new ArrayList<>();
        Sweep.Result r = Sweep.runAll(Experiment.defaults().name("base"), "state.backend.rocksdb.writebuffer.size",
                List.of("8mb", "64mb"), e -> run(e, "FINISHED", bytesFor(e)), SweepTest::compare, progress::add);
        assertThat(r.table().columnNames()).doesNotContain("error");
        assertThat(r.table().stringColumn("run").asList()).containsExactly("base-wb-8mb", "base-wb-64mb");
        assertThat(r.runs()).hasSize(2);
        assertThat(r.errors()).isEmpty();
        assertThat(r.stopped()).isFalse();
        assertThat(progress.get(progress.size() - 1)).isEqualTo("sweep done: 2 runs");
    }

    @Test
    void badValuesFailBeforeAnythingRuns() {
        int[] calls = {0};
        Function<Experiment, Run> runner = e -> {
            calls[0]++;
            return run(e, "FINISHED", 1);
        };
        assertThatThrownBy(() -> Sweep.run(Experiment.defaults(), "writebuffer.size", List.of("8mb", "8 potatoes"),
                runner, SweepTest::compare, s -> { }))
                .isInstanceOf(CkptException.class)
                .hasMessage("state.backend.rocksdb.writebuffer.size: '8 potatoes' is not a MemorySize (e.g. 64mb)");
        assertThatThrownBy(() -> Sweep.run(Experiment.defaults(), "writebuffer.sise", List.of("8mb"),
                runner, SweepTest::compare, s -> { }))
                .hasMessageContaining("did you mean state.backend.rocksdb.writebuffer.size");
        assertThatThrownBy(() -> Sweep.run(Experiment.defaults(), "chrun", List.of("0.1"),
                runner, SweepTest::compare, s -> { }))
                .hasMessageContaining("a sweep can also vary: mode, keys, churn");
        assertThatThrownBy(() -> Sweep.run(Experiment.defaults(), "churn", List.of("0.1", "2"),
                runner, SweepTest::compare, s -> { }))
                .hasMessageContaining("churn must be in (0, 1]");
        assertThatThrownBy(() -> Sweep.run(Experiment.defaults(), "writebuffer.size", List.of(),
                runner, SweepTest::compare, s -> { }))
                .hasMessageContaining("needs at least one value");
        assertThat(calls[0]).isZero();
    }

    @Test
    void gridRunsEveryCombination() {
        List<String> progress = new ArrayList<>();
        Table t = Sweep.grid(Experiment.defaults(), "writebuffer.size", List.of("8mb", "16mb"),
                "compression.per.level", List.of("LZ4_COMPRESSION", "NO_COMPRESSION;LZ4_COMPRESSION"),
                e -> run(e, "FINISHED", bytesFor(e)), SweepTest::compare, progress::add);
        assertThat(t.columnNames()).startsWith("run", "writebuffer.size", "compression.per.level");
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.stringColumn("run").asList()).containsExactly("wb-8mb_compr-lz4", "wb-8mb_compr-no-lz4",
                "wb-16mb_compr-lz4", "wb-16mb_compr-no-lz4");
        assertThat(t.stringColumn("writebuffer.size").asList()).containsExactly("8mb", "8mb", "16mb", "16mb");
        assertThat(t.stringColumn("compression.per.level").asList()).containsExactly("LZ4_COMPRESSION",
                "NO_COMPRESSION;LZ4_COMPRESSION", "LZ4_COMPRESSION", "NO_COMPRESSION;LZ4_COMPRESSION");
        assertThat(t.doubleColumn("checkpointed_bytes_mean").asList()).containsExactly(1000.0, 1000.0, 2000.0, 2000.0);
        assertThat(progress).contains("run 3/4 · writebuffer.size=16mb · compression.per.level=LZ4_COMPRESSION");
        assertThatThrownBy(() -> Sweep.grid(Experiment.defaults(), "writebuffer.size", List.of("8mb"),
                "state.backend.rocksdb.writebuffer.size", List.of("16mb"), e -> run(e, "FINISHED", 1),
                SweepTest::compare, s -> { }))
                .hasMessageContaining("two different keys");
    }

    @Test
    void experimentFieldsCanBeSwept() {
        List<Experiment> seen = new ArrayList<>();
        Table t = Sweep.run(Experiment.defaults(), "churn", List.of("0.01", "0.2"), e -> {
            seen.add(e);
            return run(e, "FINISHED", 10);
        }, SweepTest::compare, s -> { });
        assertThat(seen.stream().map(Experiment::churn)).containsExactly(0.01, 0.2);
        assertThat(t.stringColumn("churn").asList()).containsExactly("0.01", "0.2");
        assertThat(t.stringColumn("run").asList()).containsExactly("churn-0.01", "churn-0.2");

        Table modes = Sweep.run(Experiment.defaults(), "mode", List.of("full", "incremental"),
                e -> run(e, "FINISHED", 10), SweepTest::compare, s -> { });
        assertThat(modes.stringColumn("run").asList()).containsExactly("mode-full", "mode-incremental");
    }

    @Test
    void cancelledRunStopsTheSweepAndFailedStatusIsAnError() {
        List<String> progress = new ArrayList<>();
        int[] calls = {0};
        Sweep.Result r = Sweep.runAll(Experiment.defaults(), "writebuffer.size", List.of("8mb", "16mb", "64mb"), e -> {
            calls[0]++;
            String status = calls[0] == 1 ? "FAILED: checkpoint expired" : "CANCELLED";
            return run(e, status, bytesFor(e));
        }, SweepTest::compare, progress::add);
        assertThat(calls[0]).isEqualTo(2);
        assertThat(r.stopped()).isTrue();
        assertThat(r.table().rowCount()).isEqualTo(2);
        assertThat(r.table().stringColumn("error").asList()).containsExactly("FAILED: checkpoint expired", "");
        assertThat(progress).containsExactly("run 1/3 · writebuffer.size=8mb", "run 2/3 · writebuffer.size=16mb",
                "sweep stopped: run 2/3 was cancelled");
    }

    @Test
    void aCompareThatFailsStillShowsTheRuns() {
        List<String> progress = new ArrayList<>();
        Table t = Sweep.run(Experiment.defaults(), "thread.num", List.of("1", "4"), e -> run(e, "FINISHED", 10),
                runs -> {
                    throw new IllegalArgumentException("no steady checkpoints");
                }, progress::add);
        assertThat(t.columnNames()).containsExactly("run", "thread.num", "status", "checkpoints");
        assertThat(t.stringColumn("run").asList()).containsExactly("threads-1", "threads-4");
        assertThat(t.stringColumn("status").asList()).containsOnly("FINISHED");
        assertThat(progress).contains("compare failed: IllegalArgumentException: no steady checkpoints — showing run "
                + "status only");
    }

    @Test
    void theSweepsCompareUsesSteadyCompletedCheckpointsOnly() {
        Function<Experiment, Run> runner = e -> {
            Run r = run(e, "FINISHED", bytesFor(e));
            Table cp = r.checkpoints();
            // A warm-up checkpoint and a failed steady one: both must stay out of the figures.
            for (String[] extra : new String[][] {{CheckpointTable.WARMUP, CheckpointTable.COMPLETED},
                    {CheckpointTable.STEADY, CheckpointTable.FAILED}}) {
                cp.stringColumn(RUN).append(e.displayName());
                cp.stringColumn(MODE).append("incremental");
                cp.longColumn(CHECKPOINT_ID).append(cp.rowCount() + 1);
                cp.stringColumn(PHASE).append(extra[0]);
                cp.instantColumn(TRIGGER_TIME).append(Instant.ofEpochSecond(1_700_000_100L));
                cp.longColumn(T_MS).append(9000);
                cp.longColumn(DURATION_MS).append(99_999);
                cp.longColumn(SYNC_MS).appendMissing();
                cp.longColumn(ASYNC_MS).appendMissing();
                cp.longColumn(ALIGNMENT_MS).appendMissing();
                cp.longColumn(START_DELAY_MS).appendMissing();
                cp.longColumn(STATE_BYTES).append(1);
                cp.longColumn(CHECKPOINTED_BYTES).append(999_999_999);
                cp.longColumn(METADATA_BYTES).append(1);
                cp.stringColumn(STATUS).append(extra[1]);
                cp.stringColumn(FAILURE).append(extra[1].equals(CheckpointTable.FAILED) ? "expired" : "");
                cp.stringColumn(CheckpointTable.CHECKPOINT_TYPE).append("CHECKPOINT");
            }
            return r;
        };
        // the compare the façade wires in (ckpt.report.Tables::compare)
        Table t = Sweep.run(Experiment.defaults(), "writebuffer.size", List.of("8mb", "64mb"), runner,
                ckpt.report.Tables::compare, s -> { });
        assertThat(t.columnNames()).contains("run", "writebuffer.size", "checkpoints", "median_checkpointed_bytes",
                "p50_duration_ms", "max_duration_ms");
        assertThat(t.numberColumn("checkpoints").asDoubleArray()).containsExactly(3, 3);
        assertThat(t.numberColumn("median_checkpointed_bytes").asDoubleArray()).containsExactly(1000.0, 8000.0);
        assertThat(t.numberColumn("p50_duration_ms").getDouble(0)).isEqualTo(41.0); // 40, 41, 42
        assertThat(t.numberColumn("max_duration_ms").getDouble(0)).isEqualTo(42.0);
    }

    @Test
    void namesStayValidAndUnique() {
        List<Experiment> seen = new ArrayList<>();
        Sweep.run(Experiment.defaults().name("a-rather-long-base-name-for-runs"), "writebuffer.size",
                List.of("8mb", "8 mb"), e -> {
                    seen.add(e);
                    return run(e, "FINISHED", 1000);
                }, SweepTest::compare, s -> { });
        assertThat(seen.get(0).displayName()).isEqualTo("a-rather-long-base-name-for-runs-wb-8mb");
        assertThat(seen.get(1).displayName()).isEqualTo("a-rather-long-base-name-for-runs-wb-8m-2");
        assertThat(seen).allSatisfy(e -> assertThat(e.displayName()).matches("[A-Za-z0-9._-]{1,40}"));
    }
}
