package ckpt.engine;

import ckpt.model.CheckpointTable;
import ckpt.model.Mode;
import ckpt.model.RecoveryTable;
import ckpt.model.Timeline;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Builds a run's recoveries table: one row per restore — the run's own start from a checkpoint or savepoint, each
 * failover, each TaskManager lost. Figures come from Flink: the {@code JobInitialization} span (restore duration,
 * slowest subtask's init and download, bytes restored by where from), the exception history (when it failed), the
 * I/O counters of each attempt and the source's restored positions (records processed twice), and the source's lag
 * gauge (catch-up). A cell whose source Flink did not give is missing, never 0.
 */
final class Recoveries {
    /** The source's lag and restored position at one poll (JobManager clock). */
    private record Sample(long at, long lag, long restoredRecords) {
    }

    private final List<Sample> samples = new ArrayList<>();

    /** Called every poll while the job runs. */
    void sample(long jmNow, JobProbe.Phase phase) {
        samples.add(new Sample(jmNow, phase.lag(), phase.restoredRecords()));
    }

    /**
     * @param restores      the job's JobInitialization spans that restored a checkpoint, oldest first
     * @param failures      Flink's exception history, oldest first
     * @param kills         when the runner killed TaskManagers
     * @param initial       whether the job itself started from a checkpoint or savepoint (restore, cache)
     * @param perAttempt    records the stateful operator processed, by attempt
     * @param verifyRecords read-only records of the verification pass in the first attempt
     * @param lagSlack      lag (records) that counts as back on schedule
     */
    Table build(String run, Mode mode, Timeline t, List<Spans.Init> restores, List<JsonNode> failures,
                List<Long> kills, boolean initial, long[] perAttempt, long verifyRecords, long lagSlack) {
        Table table = RecoveryTable.empty(run);
        long previousEnd = t.jobStart();
        int previousAttempt = 0; // the attempt that ran before this restore (a fresh start restores nothing)
        boolean first = initial;
        for (Spans.Init s : restores) {
            // each failure restarted the job: the attempt this span initialized is the number of failures before it
            int attempt = (int) failures.stream().filter(f -> f.path("timestamp").asLong() <= s.start()).count();
            long failedAt = first ? t.jobStart() : firstFailureSince(failures, previousEnd, s.start());
            long since = previousEnd < 0 ? Long.MIN_VALUE : previousEnd;
            boolean lost = kills.stream().anyMatch(k -> k >= since && k <= s.start());
            table.stringColumn(CheckpointTable.RUN).append(run);
            table.stringColumn(CheckpointTable.MODE).append(mode.name());
            table.stringColumn(RecoveryTable.CAUSE).append(first ? RecoveryTable.RESTORE
                    : lost ? RecoveryTable.TASKMANAGER_LOST : RecoveryTable.FAILURE);
            table.longColumn(CheckpointTable.CHECKPOINT_ID).append(s.checkpointId());
            table.instantColumn(RecoveryTable.TIME).append(Instant.ofEpochMilli(s.start()));
            table.longColumn(CheckpointTable.T_MS).append(s.start() - t.jobStart());
            append(table, RecoveryTable.RESTORED_BYTES, s.restoredBytes("LOCAL_MEMORY", "LOCAL_DISK", "REMOTE", "UNKNOWN"));
            append(table, RecoveryTable.RESTORED_REMOTE_BYTES, s.restoredBytes("REMOTE", "UNKNOWN"));
            append(table, RecoveryTable.RESTORED_LOCAL_BYTES, s.restoredBytes("LOCAL_MEMORY", "LOCAL_DISK"));
            append(table, RecoveryTable.RESTORE_MS, s.end() - s.start());
            append(table, RecoveryTable.INIT_MS_MAX, s.attr("maxInitializeStateDurationMs"));
            append(table, RecoveryTable.DOWNLOAD_MS_MAX, s.attr("maxDownloadStateDurationMs"));
            append(table, RecoveryTable.DOWNTIME_MS, failedAt < 0 ? -1 : s.end() - failedAt);
            append(table, RecoveryTable.CATCHUP_MS, first ? -1 : catchUp(t, s.end(), lagSlack));
            // a lost TaskManager never sends its tasks' last counters: what they processed is not known exactly
            append(table, RecoveryTable.RECORDS_REPLAYED, first ? 0 : lost ? -1 : replayed(previousAttempt, attempt, perAttempt,
                    restoredAt(s.end()), restoredBefore(s.start()), initial && previousAttempt == 0 ? verifyRecords : 0));
            previousEnd = s.end();
            previousAttempt = attempt;
            first = false;
        }
        return table;
    }

    /**
     * The first failure since the previous recovery: a lost TaskManager fails the job, then each redeployment to its
     * slots fails again until Flink notices it is gone — the job was down from the first of them.
     */
    private static long firstFailureSince(List<JsonNode> failures, long since, long restartStart) {
        long at = -1;
        for (JsonNode f : failures) {
            long ts = f.path("timestamp").asLong(-1);
            if (ts > since && ts <= restartStart && (at < 0 || ts < at)) {
                at = ts;
            }
        }
        return at;
    }

    /**
     * From all tasks initialized until the source is back on schedule (its lag within the slack). Only during steady,
     * where the source has a schedule; the gauge is read every poll, so this is good to about 200 ms.
     */
    private long catchUp(Timeline t, long from, long slack) {
        if (t.steadyStart() < 0 || from < t.steadyStart() || from >= t.steadyEnd()) {
            return -1;
        }
        for (Sample s : samples) {
            if (s.at() >= from && s.lag() <= slack) {
                return s.at() - from;
            }
        }
        return -1;
    }

    /** The restored position the new attempt's readers report once they are up. */
    private long restoredAt(long initialized) {
        for (Sample s : samples) {
            if (s.at() >= initialized + 250 && s.restoredRecords() > 0) {
                return s.restoredRecords();
            }
        }
        return -1;
    }

    /** The restored position of the attempt before (0 for a fresh start). */
    private long restoredBefore(long restartStart) {
        long v = 0;
        for (Sample s : samples) {
            if (s.at() < restartStart) {
                v = s.restoredRecords();
            }
        }
        return v;
    }

    /**
     * Records processed twice: what the attempts since the previous recovery processed (the failed ones that never
     * got going processed none), less what of it the restored checkpoint kept (the restored positions' progress),
     * less read-only verification records.
     */
    private static long replayed(int from, int to, long[] perAttempt, long restoredNow, long restoredBefore,
                                 long verify) {
        if (to < 1 || to > perAttempt.length || restoredNow < 0) {
            return -1;
        }
        long processed = -verify;
        for (int a = from; a < to; a++) {
            processed += perAttempt[a];
        }
        return Math.max(0, processed - (restoredNow - restoredBefore));
    }

    private static void append(Table t, String column, long v) {
        if (v < 0) {
            t.longColumn(column).appendMissing();
        } else {
            t.longColumn(column).append(v);
        }
    }
}
