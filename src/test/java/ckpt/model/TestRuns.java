package ckpt.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Runs made by hand for tests of the tables, charts and reports: the figures a test needs, neutral values for the
 * rest, so a field added to {@link Run} changes one place.
 */
public final class TestRuns {
    private TestRuns() {
    }

    public static Run run(String id, Experiment e, String status, Table checkpoints, Table metrics, long records,
                          long warmupMs, long steadyMs, DiskUsage disk, Map<String, String> env,
                          Map<String, String> applied) {
        return new Run(id, e, "embedded (test)", Path.of("runs", id), URI.create("file:///runs/" + id + "/checkpoints"),
                "job-" + id, status, checkpoints, SubtaskTable.empty(e.displayName()), CheckpointCounts.NONE,
                RestartTable.empty(e.displayName()), metrics, records, Math.max(0, records - e.workload().warmupRecords()),
                timeline(warmupMs, steadyMs), disk, null, env, applied, StateOrigin.FILLED,
                RecoveryTable.empty(e.displayName()), SavepointTable.empty(e.displayName()), Verification.NONE);
    }

    /** A timeline with the given warm-up and steady lengths (job start at 1,000,000 ms, gate checkpoint 2). */
    public static Timeline timeline(long warmupMs, long steadyMs) {
        long w0 = 1_000_000 + 500;
        long s0 = w0 + warmupMs + 200;
        return new Timeline(1_000_000, w0, w0 + warmupMs, 2, s0, s0 + steadyMs, s0 + steadyMs + 50);
    }

    /** The same run under another id (two runs that share a name). */
    public static Run withId(Run r, String id) {
        return copy(r, id, r.experiment(), r.target());
    }

    /** The same run with another experiment and target line (a compare of runs set up differently). */
    public static Run with(Run r, Experiment e, String target) {
        return copy(r, r.id(), e, target);
    }

    private static Run copy(Run r, String id, Experiment e, String target) {
        return new Run(id, e, target, r.dir(), r.checkpointDir(), r.jobId(), r.status(),
                r.checkpoints(), r.subtasks(), r.counts(), r.restarts(), r.metrics(), r.records(), r.steadyRecords(), r.timeline(), r.disk(),
                r.files(), r.environment(), r.appliedOptions(), r.origin(), r.recoveries(), r.savepoints(),
                r.verification());
    }
}
