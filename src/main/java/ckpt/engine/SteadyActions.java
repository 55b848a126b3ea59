package ckpt.engine;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Faults;
import ckpt.model.Mode;
import ckpt.model.SavepointTable;
import ckpt.model.Timeline;
import ckpt.target.Target;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

/**
 * What a run does to itself during steady, at times counted from the steady start (JobManager clock): kill a
 * TaskManager, take savepoints, and in incremental mode force every n-th checkpoint FULL. Each is asked of Flink over
 * REST like any operator would, and what Flink answers is recorded.
 */
final class SteadyActions {
    private static final Logger LOG = LoggerFactory.getLogger(SteadyActions.class);

    /** A savepoint asked for: when, in what format, where it landed (or why it failed). */
    private static final class Savepoint {
        final long askedAt;
        final String format;
        String path;
        String failure;

        Savepoint(long askedAt, String format) {
            this.askedAt = askedAt;
            this.format = format;
        }
    }

    private final Experiment e;
    private final Target target;
    private final Triggers triggers;
    private final String savepointRoot;
    private final List<Faults.SavepointAt> todo;
    private final List<Savepoint> savepoints = new ArrayList<>();
    private final List<Long> kills = new ArrayList<>();
    private boolean killed;
    private boolean fullPending;
    private long lastFullAsked = -1;

    private final java.util.Set<Long> forcedFull;

    SteadyActions(Experiment e, Target target, Triggers triggers, String checkpointRoot, java.util.Set<Long> forcedFull) {
        this.forcedFull = forcedFull;
        this.e = e;
        this.target = target;
        this.triggers = triggers;
        this.savepointRoot = (checkpointRoot.endsWith("/") ? checkpointRoot : checkpointRoot + "/") + "savepoints";
        this.todo = new ArrayList<>(e.faults().savepoints());
    }

    /** One look: anything due now is done. {@code finishedIds} are the completed steady checkpoints, by id. */
    void tick(Timeline t, long jmNow, Table checkpoints) {
        if (t.steadyStart() < 0 || jmNow >= t.steadyEnd()) {
            return;
        }
        long into = jmNow - t.steadyStart();
        if (!killed && e.faults().killTaskManagerAfter() != null && into >= e.faults().killTaskManagerAfter().toMillis()) {
            killed = true;
            String tm = target.killTaskManager();
            kills.add(jmNow);
            LOG.info("killed {} at +{} ms into steady", tm, into);
        }
        for (var it = todo.iterator(); it.hasNext(); ) {
            Faults.SavepointAt sp = it.next();
            if (into >= sp.after().toMillis()) {
                it.remove();
                Savepoint s = new Savepoint(jmNow, sp.format());
                savepoints.add(s);
                boolean asked = triggers.savepoint(savepointRoot, sp.format().toUpperCase(Locale.ROOT), jmNow, r -> {
                    s.path = r.path("operation").path("location").asText(null);
                    JsonNode cause = r.path("operation").path("failure-cause");
                    s.failure = s.path != null ? null : cause.path("stack-trace").asText("failed").split("\n")[0];
                });
                if (!asked) {
                    s.failure = "Flink refused the savepoint trigger";
                }
            }
        }
        forceFull(checkpoints, jmNow);
    }

    /**
     * Incremental mode with fullCheckpointEvery(n): after n-1 completed incremental checkpoints since the last full
     * one, the next is asked FULL (it is taken right after the one in flight: one checkpoint at a time).
     */
    private void forceFull(Table checkpoints, long jmNow) {
        int n = e.recovery().fullCheckpointEvery();
        if (n <= 0 || e.mode() != Mode.INCREMENTAL || fullPending) {
            return;
        }
        int sinceFull = 0;
        for (int i = checkpoints.rowCount() - 1; i >= 0; i--) {
            if (!CheckpointTable.COMPLETED.equals(checkpoints.stringColumn(CheckpointTable.STATUS).get(i))) {
                continue;
            }
            if (CheckpointTable.FULL_TYPE.equals(checkpoints.stringColumn(CheckpointTable.CHECKPOINT_TYPE).get(i))
                    || checkpoints.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(i) <= lastFullAsked) {
                break;
            }
            sinceFull++;
        }
        if (sinceFull >= n - 1) {
            fullPending = triggers.checkpoint("FULL", jmNow, r -> {
                fullPending = false;
                long id = r.path("operation").path("checkpointId").asLong(-1);
                if (id >= 0) {
                    forcedFull.add(id);
                    lastFullAsked = id;
                }
            });
        }
    }

    /** When the runner killed TaskManagers (JobManager clock). */
    List<Long> kills() {
        return kills;
    }

    /** The savepoints, with their duration as Flink recorded it, and their bytes and files as listed in storage. */
    Table table(String run, Mode mode, long jobStart, StatsReader stats) {
        Table t = SavepointTable.empty(run);
        for (Savepoint s : savepoints) {
            long bytes = -1;
            long files = -1;
            long duration = s.path == null ? -1 : stats.savepointDuration(s.path);
            if (s.path != null) {
                try {
                    List<Storage.Stored> listed = Storage.list(URI.create(s.path));
                    bytes = listed.stream().mapToLong(Storage.Stored::bytes).sum();
                    files = listed.size();
                } catch (IOException ex) {
                    LOG.info("savepoint {} not listed: {}", s.path, ex.getMessage());
                }
            }
            t.stringColumn(CheckpointTable.RUN).append(run);
            t.stringColumn(CheckpointTable.MODE).append(mode.name());
            t.longColumn(CheckpointTable.T_MS).append(s.askedAt - jobStart);
            t.stringColumn(SavepointTable.FORMAT).append(s.format);
            appendOrMissing(t, SavepointTable.TRIGGER_MS, duration);
            appendOrMissing(t, SavepointTable.BYTES, bytes);
            appendOrMissing(t, SavepointTable.FILES, files);
            t.stringColumn(SavepointTable.PATH).append(s.path == null ? "" : s.path);
            t.stringColumn(SavepointTable.STATUS).append(s.path != null ? "COMPLETED"
                    : s.failure != null ? "FAILED: " + s.failure : "NOT FINISHED");
        }
        return t;
    }

    private static void appendOrMissing(Table t, String column, long v) {
        if (v < 0) {
            t.longColumn(column).appendMissing();
        } else {
            t.longColumn(column).append(v);
        }
    }
}
