package ckpt.report;

import ckpt.model.CheckpointTable;
import ckpt.model.DiskUsage;
import ckpt.model.Experiment;
import ckpt.model.Mode;
import ckpt.model.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Fixed runs with hand-checked numbers. */
final class Fixtures {
    static final long MIB = 1024L * 1024;
    static final Instant T0 = Instant.parse("2026-11-24T10:02:11.123Z");

    private Fixtures() {
    }

    /** A checkpoint table being built. */
    static final class Cps {
        final Table t;
        final String run;
        final Mode mode;
        long nextId = 1;

        Cps(String run, Mode mode) {
            this.t = CheckpointTable.empty(run);
            this.run = run;
            this.mode = mode;
        }

        /** Appends a checkpoint; null = missing (Flink did not report it). */
        Cps add(String phase, String status, Long duration, Long checkpointed, Long state) {
            long id = nextId++;
            Row r = t.appendRow();
            r.setString(CheckpointTable.RUN, run);
            r.setString(CheckpointTable.MODE, mode.name());
            r.setLong(CheckpointTable.CHECKPOINT_ID, id);
            r.setString(CheckpointTable.PHASE, phase);
            r.setInstant(CheckpointTable.TRIGGER_TIME, T0.plusMillis(1000 * id));
            r.setLong(CheckpointTable.T_MS, 1000 * id);
            set(r, CheckpointTable.DURATION_MS, duration);
            set(r, CheckpointTable.SYNC_MS, duration == null ? null : 2L);
            set(r, CheckpointTable.ASYNC_MS, duration == null ? null : duration - 2);
            set(r, CheckpointTable.ALIGNMENT_MS, 0L);
            set(r, CheckpointTable.START_DELAY_MS, 1L);
            set(r, CheckpointTable.STATE_BYTES, state);
            set(r, CheckpointTable.CHECKPOINTED_BYTES, checkpointed);
            set(r, CheckpointTable.METADATA_BYTES, 1234L);
            r.setString(CheckpointTable.STATUS, status);
            r.setString(CheckpointTable.FAILURE, status.equals(CheckpointTable.FAILED) ? "timeout <expired>" : "");
            r.setString(CheckpointTable.CHECKPOINT_TYPE, "CHECKPOINT"); // what Flink's REST API says for a periodic one
            return this;
        }

        Cps steady(long duration, long checkpointed, long state) {
            return add(CheckpointTable.STEADY, CheckpointTable.COMPLETED, duration, checkpointed, state);
        }

        Cps warmup(long duration, long checkpointed, long state) {
            return add(CheckpointTable.WARMUP, CheckpointTable.COMPLETED, duration, checkpointed, state);
        }

        private static void set(Row r, String col, Long v) {
            if (v == null) {
                r.setMissing(col);
            } else {
                r.setLong(col, v);
            }
        }
    }

    static Run run(String name, Mode mode, Table checkpoints, long records, long warmupMs, long steadyMs, DiskUsage disk) {
        return run(name, mode, checkpoints, records, warmupMs, steadyMs, disk, Map.of());
    }

    /** {@link #run} with more entries in the run's environment (as Execution records them). */
    static Run run(String name, Mode mode, Table checkpoints, long records, long warmupMs, long steadyMs, DiskUsage disk,
                   Map<String, String> moreEnv) {
        Experiment e = Experiment.defaults().name(name).mode(mode);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("flink", "2.3.0");
        env.put("java", "17");
        env.put("note", "<b>not bold</b> & \"quoted\"");
        env.putAll(moreEnv);
        Map<String, String> opts = new LinkedHashMap<>();
        opts.put("write_buffer_size", "67108864");
        opts.put("max_open_files", "-1");
        Table metrics = Table.create("metrics", StringColumn.create("run"), LongColumn.create("t_ms"),
                StringColumn.create("metric"), DoubleColumn.create("value"));
        return ckpt.model.TestRuns.run("2026-11-24T10-02-11-" + name, e, "FINISHED", checkpoints, metrics, records,
                warmupMs, steadyMs, disk, env, opts);
    }

    /**
     * FULL run "full": 2 warm-up checkpoints (5000 ms each, excluded from stats), one failed warm-up checkpoint,
     * steady durations 100, 200, 300, 400, 1000 ms, checkpointed 10…50 MiB, one failed steady checkpoint
     * (9999 ms, excluded). p50 300, p95 880, max 1000, median checkpointed 30 MiB, final state 300 MiB.
     * 1,000,000 records in 2 s + 8 s = 100,000 records/s.
     */
    static Run full() {
        Cps c = new Cps("full", Mode.FULL)
                .warmup(5000, 100 * MIB, 100 * MIB)
                .warmup(5000, 200 * MIB, 200 * MIB)
                .add(CheckpointTable.WARMUP, CheckpointTable.FAILED, null, null, null)
                .steady(300, 30 * MIB, 300 * MIB)
                .steady(100, 10 * MIB, 300 * MIB)
                .add(CheckpointTable.STEADY, CheckpointTable.FAILED, 9999L, 999 * MIB, 999 * MIB)
                .steady(1000, 50 * MIB, 300 * MIB)
                .steady(200, 20 * MIB, 300 * MIB)
                .steady(400, 40 * MIB, 300 * MIB);
        return run("full", Mode.FULL, c.t, 1_000_000, 2000, 8000, new DiskUsage(0, 0, 300 * MIB, 4, 0, 0));
    }

    /**
     * INCREMENTAL run "incremental": steady durations 50, 90, 70 ms, checkpointed 1, 4, 2 MiB: p50 70, p95 88,
     * max 90, median checkpointed 2 MiB; final state 310 MiB; 600,000 records in 10 s = 60,000 records/s.
     */
    static Run incremental() {
        Cps c = new Cps("incremental", Mode.INCREMENTAL)
                .warmup(3000, 250 * MIB, 250 * MIB)
                .steady(50, 1 * MIB, 305 * MIB)
                .steady(90, 4 * MIB, 308 * MIB)
                .steady(70, 2 * MIB, 310 * MIB);
        return run("incremental", Mode.INCREMENTAL, c.t, 600_000, 4000, 6000,
                new DiskUsage(320 * MIB, 30, 1 * MIB, 3, 0, 0));
    }

    /**
     * INCREMENTAL run "compacting": 10 steady checkpoints over 10 s, state 100 MiB each; 8 persisted 4 MiB and 2
     * (after compactions) 90 MiB. Uploaded 212 MiB = 21.2 MiB/s; median 4 MiB, mean 21.2 MiB, p95 90 MiB
     * (h = 8.55 between the two 90s); the 2 large ones carry 180/212 = 84.9 % of the bytes.
     */
    static Run compacting() {
        Cps c = new Cps("compacting", Mode.INCREMENTAL).warmup(3000, 100 * MIB, 100 * MIB);
        for (int i = 0; i < 10; i++) {
            boolean big = i == 3 || i == 7;
            c.steady(big ? 900 : 100, big ? 90 * MIB : 4 * MIB, 100 * MIB);
        }
        return run("compacting", Mode.INCREMENTAL, c.t, 100_000, 1000, 10_000, new DiskUsage(200 * MIB, 20, 0, 0, 0, 0));
    }

    /**
     * FULL run "flaky": 5 steady checkpoints completed (100…500 ms, 10 MiB each) and 6 failed: failed share 6/11,
     * so its percentiles rest on less than half of the checkpoints triggered.
     */
    static Run flaky() {
        Cps c = new Cps("flaky", Mode.FULL);
        for (int i = 1; i <= 5; i++) {
            c.steady(100L * i, 10 * MIB, 10 * MIB);
            c.add(CheckpointTable.STEADY, CheckpointTable.FAILED, null, null, null);
        }
        c.add(CheckpointTable.STEADY, CheckpointTable.FAILED, null, null, null);
        c.add(CheckpointTable.STEADY, CheckpointTable.ABORTED, null, null, null);
        return run("flaky", Mode.FULL, c.t, 1000, 100, 11_000, DiskUsage.NONE);
    }

    /** A FULL run with warm-up checkpoints only: no steady figures. */
    static Run warmupOnly() {
        Cps c = new Cps("warm", Mode.FULL).warmup(700, 5 * MIB, 5 * MIB);
        return run("warm", Mode.FULL, c.t, 10, 0, 0, DiskUsage.NONE);
    }
}
