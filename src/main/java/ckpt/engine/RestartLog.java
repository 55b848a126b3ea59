package ckpt.engine;

import ckpt.job.Phases;
import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.RestartTable;
import ckpt.usercode.UserCode;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A run's restarts, from Flink's exception history: each entry restarted the job or, past the attempts, ended it.
 * The runner reads the history at most once a second while the job runs, and once more at the end.
 *
 * <p>It also tells the user's failures from the runner's own. A failure in the user's code ends the run at once —
 * restarting into the same exception for ever measures nothing — while the injected failure and anything after a
 * TaskManager the runner killed are what the run is there to measure.
 */
final class RestartLog {
    private final String run;
    private final boolean builtIn;
    private Table table;
    private String userFailure;
    private long lastCheck;

    RestartLog(Experiment e) {
        this.run = e.displayName();
        this.builtIn = e.code().builtIn();
        this.table = RestartTable.empty(run);
    }

    /** One row per restart: time, ms since the job started, the failing task, the root cause. */
    Table table() {
        return table;
    }

    int count() {
        return table.rowCount();
    }

    /** The first failure in the user's own code, said for the user, or null. */
    String userFailure() {
        return userFailure;
    }

    /**
     * Reads the exception history if a second has passed since the last read; true when it holds a failure not
     * seen before.
     *
     * @param kills when the runner killed TaskManagers (failures after the first are the runner's doing)
     */
    boolean changed(JobProbe probe, long now, long jobStart, List<Long> kills) {
        if (now - lastCheck < 1000) {
            return false;
        }
        lastCheck = now;
        return read(probe.exceptions(), jobStart, kills);
    }

    /** Takes the exception history's entries; true when they hold a failure not seen before. */
    boolean read(List<JsonNode> entries, long jobStart, List<Long> kills) {
        if (entries.size() == table.rowCount()) {
            return false;
        }
        Table t = RestartTable.empty(run);
        for (JsonNode x : entries) {
            long at = x.path("timestamp").asLong();
            t.stringColumn(CheckpointTable.RUN).append(run);
            t.instantColumn(RestartTable.TIME).append(Instant.ofEpochMilli(at));
            t.longColumn(CheckpointTable.T_MS).append(jobStart < 0 ? 0 : at - jobStart);
            t.stringColumn(RestartTable.TASK).append(x.path("taskName").asText(""));
            t.stringColumn(RestartTable.CAUSE).append(cause(x));
            if (userFailure == null && !builtIn && !ours(x, kills)) {
                String trace = x.path("stacktrace").asText("");
                // snippet code reads as the snippet's own lines; other code as class, method, file and line
                userFailure = "the job failed: " + (UserCode.frame(trace).isPresent() ? UserCode.failure(trace)
                        : UserFrames.describe(cause(x), trace));
            }
        }
        table = t;
        return true;
    }

    /** A failure the runner caused: the injected one, or any after it killed a TaskManager. */
    private static boolean ours(JsonNode entry, List<Long> kills) {
        if (entry.path("stacktrace").asText("").contains(Phases.InjectedFailure.class.getSimpleName())) {
            return true;
        }
        return !kills.isEmpty() && entry.path("timestamp").asLong() >= kills.get(0);
    }

    /** ": cause" of the history's last entry, or "" when it has none: the end of a message about a job that died. */
    static String lastException(JobProbe probe) {
        List<JsonNode> entries = probe.exceptions();
        return entries.isEmpty() ? "" : ": " + cause(entries.get(entries.size() - 1));
    }

    /** "ExceptionName: message" of the root cause, from the first lines of Flink's stack trace text. */
    static String cause(JsonNode entry) {
        String trace = entry.path("stacktrace").asText("");
        String root = entry.path("exceptionName").asText("");
        for (String line : trace.split("\n")) {
            if (line.startsWith("Caused by: ")) {
                root = line.substring("Caused by: ".length());
            } else if (root.isEmpty() && !line.isBlank()) {
                root = line;
            }
        }
        if (root.equals(entry.path("exceptionName").asText("")) && !trace.isBlank()) {
            root = trace.split("\n", 2)[0];
        }
        return root.strip();
    }
}
