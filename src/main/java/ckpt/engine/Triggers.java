package ckpt.engine;

import ckpt.target.FlinkRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checkpoints and savepoints the runner triggers over REST ({@code POST /jobs/:id/checkpoints|savepoints}), and
 * their results. Flink keeps each triggered operation's result until a client reads it — and a cluster shutting
 * down waits for that — so every trigger is followed until it is done.
 */
final class Triggers {
    /** A triggered operation: its REST path, when we asked (JobManager clock), what to do with the result. */
    private record Pending(String path, long askedAt, Consumer<JsonNode> done) {
    }

    private final FlinkRest rest;
    private final String job;
    private final Map<String, Pending> pending = new LinkedHashMap<>();

    Triggers(FlinkRest rest, String jobId) {
        this.rest = rest;
        this.job = jobId;
    }

    /** Triggers a checkpoint of a type ("CONFIGURED", "FULL", "INCREMENTAL"); false when Flink refused. */
    boolean checkpoint(String type, long jmNow, Consumer<JsonNode> done) {
        return trigger("checkpoints", Map.of("checkpointType", type), jmNow, done);
    }

    /** Triggers a savepoint into the folder, in "CANONICAL" or "NATIVE" format, the job going on. */
    boolean savepoint(String targetDirectory, String format, long jmNow, Consumer<JsonNode> done) {
        return trigger("savepoints", Map.of("target-directory", targetDirectory, "cancel-job", false,
                "formatType", format), jmNow, done);
    }

    private boolean trigger(String kind, Map<String, Object> body, long jmNow, Consumer<JsonNode> done) {
        try {
            String id = rest.post("jobs/" + job + "/" + kind, body).path("request-id").asText(null);
            if (id == null) {
                return false;
            }
            pending.put(id, new Pending("jobs/" + job + "/" + kind + "/" + id, jmNow, done));
            return true;
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Triggers.class).info("{} not triggered: {}", kind, e.getMessage());
            return false;
        }
    }

    /** Reads the results that are ready; each result goes to its consumer once ({@code status.id} COMPLETED). */
    void poll() {
        List<String> finished = new ArrayList<>();
        for (Map.Entry<String, Pending> p : pending.entrySet()) {
            JsonNode r;
            try {
                r = rest.get(p.getValue().path());
            } catch (RuntimeException e) {
                finished.add(p.getKey()); // the job is gone, or the result expired: nothing left to collect
                continue;
            }
            if (!r.path("status").path("id").asText().equals("IN_PROGRESS")) {
                finished.add(p.getKey());
                p.getValue().done().accept(r);
            }
        }
        finished.forEach(pending::remove);
    }

    boolean idle() {
        return pending.isEmpty();
    }
}
