package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import ckpt.model.DiskUsage;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * Real Flink MiniCluster, real RocksDB, real files. The numbers the engine reports are checked against the disk
 * and against the plan of the experiment, not against themselves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineTest {
    /** ~10 MiB of state: well above the 20 KiB inline threshold, small enough for a quick test. */
    static final Experiment SMALL = Experiment.defaults().keys(40_000).valueBytes(256).seconds(3).interval("600ms");

    Run full;
    Run incremental;

    /** Runs of this class's two that ended at their window's last checkpoint (QuickEnd). */
    int quickEnds;

    @BeforeAll
    void runBoth() {
        int before = QuickEnd.ENDED.get();
        full = Runs.run(SMALL.mode("full"));
        incremental = Runs.run(SMALL.mode("incremental").rocksdb("writebuffer.size", "8mb"));
        quickEnds = QuickEnd.ENDED.get() - before;
    }

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void fullCheckpointsPersistTheWholeState() {
        Table steady = full.steadyCheckpoints();
        assertThat(steady.rowCount()).isGreaterThanOrEqualTo(3);
        Table done = CheckpointTable.completed(full.checkpoints());
        for (int i = 0; i < done.rowCount(); i++) {
            assertThat(done.longColumn(CheckpointTable.CHECKPOINTED_BYTES).getLong(i))
                    .isEqualTo(done.longColumn(CheckpointTable.STATE_BYTES).getLong(i));
        }
        // Flink 2.3 takes a FULL RocksDB checkpoint as a native copy of the SST files, private to its chk-N folder
        Table files = full.checkpointFiles();
        Table ssts = files.where(files.stringColumn("rocksdb_file").endsWith(".sst"));
        assertThat(ssts.rowCount()).isPositive();
        assertThat(ssts.stringColumn("kind").unique().asList()).containsExactly("private");
        assertThat(full.disk().sharedBytes()).isZero();
        // 40,000 keys × 256 random bytes ≈ 9.8 MiB of live values; RocksDB adds keys, index and some not yet
        // compacted versions, and cannot compress random bytes away.
        assertThat(full.finalStateBytes()).isBetween(40_000L * 256, 40_000L * 256 * 3);
    }

    @Test
    void incrementalCheckpointsPersistMuchLessThanTheState() {
        Table steady = incremental.steadyCheckpoints();
        assertThat(steady.rowCount()).isGreaterThanOrEqualTo(3);
        double medianDelta = steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).median();
        double medianState = steady.longColumn(CheckpointTable.STATE_BYTES).median();
        assertThat(medianDelta).isLessThan(0.5 * medianState);
        assertThat(medianState).isGreaterThan(40_000 * 256);
    }

    @Test
    void diskBytesMatchAFileWalkOfTheCheckpointDirectory() throws IOException {
        for (Run r : List.of(full, incremental)) {
            long walked = walk(Path.of(r.checkpointDir()));
            assertThat(walked).isPositive();
            assertThat((double) r.disk().totalBytes()).isCloseTo(walked, within(walked * 0.01));
        }
    }

    @Test
    void retainedCheckpointOnDiskHoldsTheReportedState() throws IOException {
        // FULL: the retained chk-N folder holds the last checkpoint's files: its size (without _metadata) is the
        // state size Flink reported for it.
        long lastId = lastCompletedId(full);
        Path chk = Path.of(full.checkpointDir()).resolve("chk-" + lastId);
        assertThat(chk).isDirectory();
        long files = walk(chk) - Files.size(chk.resolve("_metadata"));
        assertThat((double) files).isCloseTo(full.finalStateBytes(), within(full.finalStateBytes() * 0.01));
        // The checkpoint's own metadata accounts for every byte of the reported state size.
        assertThat(full.checkpointFiles().longColumn("bytes").sum()).isEqualTo((double) full.finalStateBytes());
        // INCREMENTAL: the SSTs live in shared/ and what the retained checkpoint references is its full state.
        // Whatever else is on disk is reported as orphaned: a checkpoint the cancel cut short (triggered after the
        // window) can leave the files it had uploaded.
        DiskUsage d = incremental.disk();
        assertThat(d.sharedBytes()).isPositive();
        assertThat((double) d.referencedBytes())
                .isCloseTo(incremental.finalStateBytes(), within(incremental.finalStateBytes() * 0.05));
        assertThat(d.totalBytes()).isEqualTo(d.referencedBytes() + d.orphanedBytes());
    }

    @Test
    void recordsMatchThePlanOfTheExperiment() {
        for (Run r : List.of(full, incremental)) {
            // warm-up writes every key once; steady writes churn × keys per interval for exactly `seconds`, then
            // the source idles. Flink's counter at the stateful operator holds exactly what the source wrote…
            assertThat(r.records()).isEqualTo(SMALL.keys() + r.steadyRecords());
            assertThat(r.recordsReplayed()).isZero();
            // …and the source kept to the plan (within 10 %: on a loaded machine it may fall a little behind)
            double plannedSteady = Math.ceil(SMALL.steadyRate() * SMALL.seconds());
            assertThat((double) r.steadyRecords()).isCloseTo(plannedSteady, within(plannedSteady * 0.10));
            assertThat(r.steadyRecordsPerSecond()).isCloseTo(SMALL.steadyRate(), within(SMALL.steadyRate() * 0.10));
            assertThat(r.steadyMillis()).isEqualTo(SMALL.seconds() * 1000L);
            assertThat(r.restartCount()).isZero();
        }
    }

    @Test
    void rocksdbOptionsFileInTheIncrementalCheckpointShowsTheWriteBufferSize() throws IOException {
        // Found through the checkpoint's own metadata (files on disk have random names).
        Path chk = Path.of(incremental.checkpointDir()).resolve("chk-" + lastCompletedId(incremental));
        assertThat(AppliedOptions.fromCheckpoint(chk.toUri()).orElseThrow())
                .containsEntry("CFOptions \"value\".write_buffer_size", "8388608");
        Table files = incremental.checkpointFiles();
        assertThat(files.stringColumn("rocksdb_file").asList()).anyMatch(n -> n.startsWith("OPTIONS-"));
        assertThat(files.stringColumn("rocksdb_file").asList()).anyMatch(n -> n.endsWith(".sst"));
        assertThat(files.longColumn("bytes").sum()).isCloseTo(incremental.finalStateBytes(), within(1.0));
        assertThat(incremental.appliedOptions()).containsEntry("CFOptions \"value\".write_buffer_size", "8388608");
        // and the FULL run kept the default (64 MiB), read from RocksDB's working directory during the run
        assertThat(full.appliedOptions()).containsEntry("CFOptions \"value\".write_buffer_size", "67108864");
    }

    @Test
    void phasesAreOrderedAndStatusesComplete() {
        for (Run r : List.of(full, incremental)) {
            Table t = r.checkpoints();
            LongColumn ids = t.longColumn(CheckpointTable.CHECKPOINT_ID);
            boolean seenSteady = false;
            for (int i = 0; i < t.rowCount(); i++) {
                String phase = t.stringColumn(CheckpointTable.PHASE).get(i);
                if (phase.equals(CheckpointTable.STEADY)) {
                    seenSteady = true;
                } else if (phase.equals(CheckpointTable.WARMUP)) {
                    assertThat(seenSteady).as("warm-up checkpoint %d after a steady one", ids.getLong(i)).isFalse();
                }
                if (i > 0) {
                    assertThat(ids.getLong(i)).isGreaterThan(ids.getLong(i - 1));
                }
            }
            assertThat(t.stringColumn(CheckpointTable.STATUS).countOccurrences(CheckpointTable.FAILED)).isZero();
            assertThat(r.status()).isEqualTo("FINISHED");
        }
    }

    /**
     * Every steady checkpoint holds a whole interval of changes: the first comes one interval after the gate opened
     * (no periodic checkpoint during warm-up, the schedule restarts at the gate), none right behind the gate (the
     * runner does not ask for a gate checkpoint when one already came), the rest an interval apart, and the one
     * triggered as the window ends (3 s is five 600 ms intervals) is the last steady one.
     */
    /**
     * 3 s at 600 ms is a whole number of intervals: each run stopped as its window's last checkpoint completed,
     * without waiting for a metric fetch, and still has every record (recordsMatchThePlanOfTheExperiment: the
     * steady count then comes from Flink's final counter of the source, the records from the stateful operator's).
     */
    @Test
    void bothRunsStopAtTheirWindowsLastCheckpoint() {
        assertThat(quickEnds).isEqualTo(2);
        for (Run r : List.of(full, incremental)) {
            Table steady = CheckpointTable.steady(r.checkpoints());
            long lastTrigger = steady.instantColumn(CheckpointTable.TRIGGER_TIME).get(steady.rowCount() - 1)
                    .toEpochMilli();
            assertThat(lastTrigger).as(r.name()).isBetween(r.timeline().steadyEnd(), r.timeline().steadyEnd() + 25);
            assertThat(r.timeline().stopAt()).as(r.name()).isGreaterThan(lastTrigger);
        }
    }

    @Test
    void steadyCheckpointsAreAWholeIntervalApartFromTheGateOn() {
        for (Run r : List.of(full, incremental)) {
            Table steady = CheckpointTable.steady(r.checkpoints());
            long interval = r.experiment().interval().toMillis();
            long previous = r.timeline().steadyStart();
            assertThat(steady.rowCount()).as(r.name()).isEqualTo((int) (r.experiment().seconds() * 1000 / interval));
            for (int i = 0; i < steady.rowCount(); i++) {
                long trigger = steady.instantColumn(CheckpointTable.TRIGGER_TIME).get(i).toEpochMilli();
                assertThat(trigger - previous).as("%s: steady checkpoint %d, ms after the %s", r.name(),
                        steady.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(i), i == 0 ? "gate" : "one before")
                        .isBetween(interval - 30, interval + 200);
                previous = trigger;
            }
        }
    }

    @Test
    void runFolderHoldsExperimentEnvironmentCheckpointsAndSummary() throws IOException {
        Path dir = full.dir();
        for (String f : List.of("experiment.json", "environment.json", "checkpoints.csv", "subtasks.csv", "metrics.csv",
                "summary.json", "job.jar")) {
            assertThat(dir.resolve(f)).isRegularFile();
        }
        Table csv = Table.read().csv(dir.resolve("checkpoints.csv").toFile());
        assertThat(csv.rowCount()).isEqualTo(full.checkpoints().rowCount());
        assertThat(dir.resolve(CutShort.OWNER)).doesNotExist(); // the run finished: nothing to repair later
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"status\" : \"FINISHED\"")
                .contains("\"final_state_bytes\" : " + full.finalStateBytes());
        assertThat(Files.readString(dir.resolve("environment.json"))).contains("2.3.0").contains("frocksdb");
        assertThat(dir.resolve("job.jar")).isRegularFile();
        Table subtasks = Table.read().csv(dir.resolve("subtasks.csv").toFile());
        assertThat(subtasks.rowCount()).isEqualTo(full.subtasks().rowCount()).isPositive();
        assertThat(full.id()).endsWith("-full");
    }

    @Test
    void badInputsFailClearlyAndALaterRunStillWorks() {
        assertThatThrownBy(() -> Experiment.defaults().mode("fast"))
                .isInstanceOf(CkptException.class).hasMessageContaining("unknown mode 'fast'")
                .hasMessageContaining("full, incremental");
        assertThatThrownBy(() -> Experiment.defaults().seconds(-5))
                .isInstanceOf(CkptException.class).hasMessageContaining("seconds").hasMessageContaining("-5");
        assertThatThrownBy(() -> Experiment.defaults().interval("soon"))
                .isInstanceOf(CkptException.class).hasMessageContaining("interval 'soon'");
        assertThatThrownBy(() -> Experiment.defaults().churn(1.5)).isInstanceOf(CkptException.class);
        assertThatThrownBy(() -> Runs.run(null)).isInstanceOf(CkptException.class);
        Run again = Runs.run(SMALL.keys(5_000).seconds(1).name("after-errors"));
        assertThat(again.status()).isEqualTo("FINISHED");
        assertThat(CheckpointTable.completed(again.checkpoints()).rowCount()).isPositive();
    }

    @Test
    void cancellingARunReturnsWhatWasMeasuredSoFar() throws Exception {
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(
                () -> Runs.run(SMALL.keys(5_000).seconds(120).interval("300ms").name("cancelled")));
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Runs.active() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(4_000);
        long asked = System.currentTimeMillis();
        assertThat(Runs.cancelCurrent()).isTrue();
        Run r = running.get(60, TimeUnit.SECONDS);
        assertThat(System.currentTimeMillis() - asked).isLessThan(15_000);
        assertThat(r.status()).isEqualTo("CANCELLED");
        assertThat(CheckpointTable.completed(r.checkpoints()).rowCount()).isPositive();
        assertThat(r.dir().resolve("summary.json")).isRegularFile();
        assertThat(Runs.last()).isSameAs(r);
        assertThat(Runs.cancelCurrent()).isFalse();
    }

    @Test
    void aTransactionsTableReplaysAsTheStreamWithOneStatePerAccount() {
        Table tx = Table.create("tx", LongColumn.create("account_id"), tech.tablesaw.api.DoubleColumn.create("amount"));
        for (int i = 0; i < 30_000; i++) {
            tx.longColumn("account_id").append(i % 3_000);
            tx.doubleColumn("amount").append(i % 7 == 0 ? Double.NaN : i * 0.5);
        }
        Run r = Runs.run(SMALL.source(tx).valueBytes(64).seconds(2).rate(2_000).name("replay"));
        assertThat(r.status()).isEqualTo("FINISHED");
        // warm-up is one pass over the table, steady replays it at the given rate for its seconds
        assertThat(r.records()).isEqualTo(30_000 + r.steadyRecords());
        assertThat((double) r.steadyRecords()).isCloseTo(2_000 * 2, within(2_000 * 2 * 0.10));
        // 3,000 accounts × (64-byte value + key) — far less than 30,000 rows would take
        assertThat(r.finalStateBytes()).isBetween(3_000L * 64, 3_000L * 64 * 4);
        assertThatThrownBy(() -> SMALL.source(Table.create("empty", LongColumn.create("account_id"))))
                .isInstanceOf(CkptException.class).hasMessageContaining("no column 'amount'");
    }

    @Test
    void compareReportAndChartsAgreeWithTheRawCheckpointNumbers(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Table cmp = ckpt.Ckpt.compare(full, incremental);
        assertThat(cmp.rowCount()).isEqualTo(3); // two runs and the incremental ÷ full ratio row
        for (int row = 0; row < 2; row++) {
            Run r = row == 0 ? full : incremental;
            Table steady = r.steadyCheckpoints();
            assertThat(cmp.stringColumn("run").get(row)).isEqualTo(r.name());
            assertThat(cmp.numberColumn("checkpoints").getDouble(row)).isEqualTo(steady.rowCount());
            assertThat(cmp.numberColumn("median_checkpointed_bytes").getDouble(row))
                    .isEqualTo(steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).median());
            assertThat(cmp.numberColumn("max_duration_ms").getDouble(row))
                    .isEqualTo(steady.longColumn(CheckpointTable.DURATION_MS).max());
            assertThat(cmp.numberColumn("disk_bytes").getDouble(row)).isEqualTo(r.disk().totalBytes());
            assertThat(cmp.numberColumn("final_state_bytes").getDouble(row)).isEqualTo(r.finalStateBytes());
        }
        double ratio = cmp.numberColumn("median_checkpointed_bytes").getDouble(2);
        assertThat(ratio).isCloseTo(cmp.numberColumn("median_checkpointed_bytes").getDouble(1)
                / cmp.numberColumn("median_checkpointed_bytes").getDouble(0), within(1e-9)).isLessThan(0.5);

        Path html = ckpt.Ckpt.report(tmp.resolve("r.html").toString(), full, incremental);
        String text = Files.readString(html);
        assertThat(text).doesNotContain("http://").doesNotContain("https://").contains(full.jobId())
                .contains(incremental.jobId()).contains("<svg");
        assertThat(ckpt.report.RunText.text(full)).contains("FULL").contains("steady checkpoints");
    }

    @Test
    void aRunOfAnEarlierSessionComesBackFromItsFolderAndComparesTheSame() {
        Run back = PastRuns.load(full.id());
        assertThat(back.id()).isEqualTo(full.id());
        assertThat(back.mode()).isEqualTo(full.mode());
        assertThat(back.checkpoints().columnNames()).isEqualTo(full.checkpoints().columnNames());
        assertThat(back.checkpoints().rowCount()).isEqualTo(full.checkpoints().rowCount());
        assertThat(back.subtasks().rowCount()).isEqualTo(full.subtasks().rowCount());
        assertThat(back.timeline()).isEqualTo(full.timeline());
        assertThat(back.disk().totalBytes()).isEqualTo(full.disk().totalBytes());
        assertThat(back.counts()).isEqualTo(full.counts());
        // what only the run's end knew comes back too: the JIT compilers' CPU, and the caveat if it printed one
        assertThat(back.environment().get("jit_cpu_ms")).isNotNull().isEqualTo(full.environment().get("jit_cpu_ms"));
        assertThat(back.environment().get("jit_note")).isEqualTo(full.environment().get("jit_note"));
        Table now = ckpt.report.Tables.compare(full, incremental);
        Table again = ckpt.report.Tables.compare(back, PastRuns.load(incremental.id()));
        for (String col : now.columnNames()) {
            assertThat(again.column(col).asList()).as(col).isEqualTo(now.column(col).asList());
        }
        Table listed = PastRuns.list();
        assertThat(listed.stringColumn("id").asList()).contains(full.id(), incremental.id());
        assertThatThrownBy(() -> PastRuns.load("no-such-run")).isInstanceOf(CkptException.class)
                .hasMessageContaining("not a finished run folder");
    }

    static long lastCompletedId(Run r) {
        Table done = CheckpointTable.completed(r.checkpoints());
        return done.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(done.rowCount() - 1);
    }

    static long walk(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
