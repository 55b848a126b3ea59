package ckpt.flink;

import java.nio.file.Path;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * What one experiment measured. Every figure comes from Flink's checkpoint statistics or from the disk.
 *
 * @param id            unique id, also the folder name under runs/ (e.g. 2026-11-24T10-02-11-full)
 * @param experiment    what was asked for
 * @param dir           runs/&lt;id&gt;: experiment.json, environment.json, checkpoints.csv, summary.json
 * @param checkpointDir the job's checkpoint folder (…/checkpoints/&lt;jobId&gt;), kept after the job stopped
 * @param jobId         Flink job id
 * @param status        FINISHED (ran its duration), CANCELLED (stopped by the user) or FAILED: reason
 * @param checkpoints   one row per checkpoint (see {@link CheckpointTable} for the columns)
 * @param metrics       RocksDB native metric samples (empty when none were asked for)
 * @param records       records processed by the stateful operator (Flink's own I/O counter)
 * @param warmupMillis  from job submission until the source had written all warm-up records (excludes the
 *                      checkpoint that closes warm-up)
 * @param steadyMillis  wall time of the steady phase
 * @param disk          file walk of checkpointDir after the job stopped
 * @param environment   versions (Flink, RocksDB, Java, OS) and machine facts
 * @param appliedOptions RocksDB options read back from RocksDB's own OPTIONS file (empty if none was found)
 */
public record Run(String id, Experiment experiment, Path dir, Path checkpointDir, String jobId, String status,
                  Table checkpoints, Table metrics, long records, long warmupMillis, long steadyMillis,
                  DiskUsage disk, Map<String, String> environment, Map<String, String> appliedOptions) {

    public String name() {
        return experiment.displayName();
    }

    public Mode mode() {
        return experiment.mode();
    }

    /** Checkpoints completed in the steady phase: what summaries and compare use. */
    public Table steadyCheckpoints() {
        return CheckpointTable.steady(checkpoints);
    }

    /** Records per second over warm-up and steady together (time at the warm-up gate excluded). */
    public double recordsPerSecond() {
        long ms = warmupMillis + steadyMillis;
        return ms <= 0 ? 0 : records * 1000.0 / ms;
    }

    /** Full state size of the last completed checkpoint (bytes), or 0 when none completed. */
    public long finalStateBytes() {
        return CheckpointTable.lastCompleted(checkpoints, CheckpointTable.STATE_BYTES);
    }

    /**
     * The files of the retained checkpoint, with their RocksDB names (SSTs, MANIFEST, OPTIONS), kind (shared /
     * private) and size, read from its _metadata.
     */
    public Table checkpointFiles() {
        return CheckpointFiles.latest(checkpointDir).map(CheckpointFiles::of)
                .orElseThrow(() -> new ckpt.CkptException("run " + id + " has no retained checkpoint in " + checkpointDir));
    }

    /** A few readable lines: what ran, what it cost, where the files are. */
    public String summary() {
        return RunSummary.text(this);
    }

    @Override
    public String toString() {
        return RunSummary.oneLine(this);
    }
}
