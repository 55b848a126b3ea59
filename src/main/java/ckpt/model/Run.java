package ckpt.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What one experiment measured: a value, complete when it is returned. Every figure comes from Flink (its REST
 * API: checkpoint statistics, I/O counters, exception history) or from the checkpoint storage.
 *
 * @param id            unique id, also the folder name under runs/ (e.g. 2026-11-24T10-02-11-full)
 * @param experiment    what was asked for
 * @param target        where it ran (one line: kind, TaskManagers × slots, Flink version, REST URL)
 * @param dir           runs/&lt;id&gt;: experiment.json, environment.json, checkpoints.csv, subtasks.csv, summary.json
 * @param checkpointDir the job's checkpoint folder (…/&lt;jobId&gt;), kept after the job stopped
 * @param jobId         Flink job id ("" when the job never started)
 * @param status        FINISHED (ran its duration), CANCELLED (stopped by the user) or FAILED: reason
 * @param checkpoints   one row per checkpoint (see {@link CheckpointTable})
 * @param subtasks      one row per checkpoint × operator × subtask (see {@link SubtaskTable})
 * @param counts        Flink's own checkpoint counts for the job
 * @param restarts      one row per restart of the job (time, cause), empty when it never restarted
 * @param metrics       RocksDB native metric samples (empty when none were asked for)
 * @param records       records processed by the stateful operator over all attempts (Flink's I/O counters); on a
 *                      cluster a few written just before the job is cancelled may still be in flight, uncounted
 * @param steadyRecords records the source wrote in the steady phase (its checkpointed position past warm-up)
 * @param timeline      when the phases began and ended (JobManager clock)
 * @param disk          what the job's checkpoint folder holds after the job stopped (walked through Flink's FileSystem)
 * @param files         the retained checkpoint's files, read from its _metadata (see {@link #checkpointFiles()})
 * @param environment   versions (Flink, RocksDB, Java, OS), machine facts and the target
 * @param appliedOptions RocksDB options read back from RocksDB's own OPTIONS file (empty if none was found)
 * @param origin        where the state came from: a warm-up, a restore, the warm-state cache
 * @param recoveries    one row per restore the run went through (see {@link RecoveryTable})
 * @param savepoints    one row per savepoint taken (see {@link SavepointTable})
 * @param verification  the verification pass after a restore ({@link Verification#NONE} without one)
 */
public record Run(String id, Experiment experiment, String target, Path dir, URI checkpointDir, String jobId,
                  String status, Table checkpoints, Table subtasks, CheckpointCounts counts, Table restarts,
                  Table metrics, long records, long steadyRecords, Timeline timeline, DiskUsage disk, Table files,
                  Map<String, String> environment, Map<String, String> appliedOptions, StateOrigin origin,
                  Table recoveries, Table savepoints, Verification verification) {

    public String name() {
        return experiment.displayName();
    }

    public Mode mode() {
        return experiment.mode();
    }

    /** Warm-up wall time: the source's first warm-up record to its last. */
    public long warmupMillis() {
        return timeline.warmupMillis();
    }

    /** Steady wall time: the gate opening to the end of the window (or the stop). */
    public long steadyMillis() {
        return timeline.steadyMillis();
    }

    /** Checkpoints completed in the steady phase: what summaries and compare use. */
    public Table steadyCheckpoints() {
        return CheckpointTable.steady(checkpoints);
    }

    /**
     * Records the warm-up wrote: every key once (or every table row); after a restore there is no fill, only the
     * verification pass's one read per key when it ran.
     */
    public long warmupRecords() {
        if (origin != null && origin.restored()) {
            return verification != null && verification.ran() ? experiment.keys() : 0;
        }
        return experiment.workload().warmupRecords();
    }

    /** Fill throughput: warm-up records over the warm-up's wall time (as fast as the machine allows). */
    public double warmupRecordsPerSecond() {
        return warmupMillis() <= 0 ? 0 : warmupRecords() * 1000.0 / warmupMillis();
    }

    /** The churn the run achieved: steady records per second (compare with the experiment's steady rate). */
    public double steadyRecordsPerSecond() {
        return steadyMillis() <= 0 ? 0 : steadyRecords * 1000.0 / steadyMillis();
    }

    /**
     * Records the stateful operator processed twice: after a restore the source rewinds to the checkpoint and
     * replays what came after it. 0 for a run without failovers.
     */
    public long recordsReplayed() {
        return Math.max(0, records - warmupRecords() - steadyRecords);
    }

    /** Failed checkpoints as Flink counts them, split by where they show (see {@link #failedOutsideHistory()}). */
    public long failedInHistory() {
        return checkpoints.stringColumn(CheckpointTable.STATUS).countOccurrences(CheckpointTable.FAILED);
    }

    /** Checkpoints cut short because the run stopped the job (in Flink's failed count, not a failure). */
    public long abortedAtStop() {
        return checkpoints.stringColumn(CheckpointTable.STATUS).countOccurrences(CheckpointTable.ABORTED);
    }

    /**
     * Failures Flink counts that never entered its history: a trigger refused before the checkpoint started, e.g.
     * "Not all required tasks are currently running" while the job deploys.
     */
    public long failedOutsideHistory() {
        return Math.max(0, counts.failed() - failedInHistory() - abortedAtStop());
    }

    /** Files in the checkpoint folder that no retained checkpoint references: file, bytes, modified. */
    public Table orphans() {
        return disk.orphans();
    }

    /** Full state size of the last completed checkpoint (bytes), or 0 when none completed. */
    public long finalStateBytes() {
        return CheckpointTable.lastCompleted(checkpoints, CheckpointTable.STATE_BYTES);
    }

    /**
     * The files of the retained checkpoint, with their RocksDB names (SSTs, MANIFEST, OPTIONS), kind (shared /
     * private / inline) and size, read from its _metadata with Flink's loader.
     */
    public Table checkpointFiles() {
        if (files == null || files.rowCount() == 0) {
            throw new ckpt.error.CkptException("run " + id + " has no retained checkpoint that could be read in "
                    + checkpointDir + (disk != null && disk.note() != null ? " (" + disk.note() + ")" : ""));
        }
        return files;
    }

    /** How many times the job restarted (failovers) during the run. */
    public int restartCount() {
        return restarts == null ? 0 : restarts.rowCount();
    }

    /** Plain: id, mode, status (the shell and reports show runs richer, through ckpt.report.RunText). */
    @Override
    public String toString() {
        return "Run[" + id + " · " + mode() + " · " + status + "]";
    }
}
