package ckpt.engine;

import ckpt.model.CheckpointCounts;
import ckpt.model.CheckpointTable;
import ckpt.model.Mode;
import ckpt.model.SubtaskTable;
import ckpt.model.Timeline;
import ckpt.target.FlinkRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;
import tech.tablesaw.api.Table;

/**
 * Flink's checkpoint statistics over REST, for any target: {@code /jobs/:id/checkpoints} for the history and
 * counts, {@code …/details/:cid/subtasks/:vertex} for each subtask. A checkpoint's figures are final once it
 * completed or failed, so each is fetched once and kept: a cluster whose history holds only the last few (Flink's
 * default is 10) loses none of them as long as the runner polls faster than they age out.
 *
 * <p>Nothing is estimated here: every cell is a field of Flink's answer, or the maximum of a per-subtask field over
 * all subtasks (the slowest subtask decides when a checkpoint is done). A value Flink did not report is missing,
 * never 0.
 */
final class StatsReader {
    private final FlinkRest rest;
    private final String job;
    /** Finished (completed or failed) checkpoints' history entries, by id. */
    private final TreeMap<Long, JsonNode> finished = new TreeMap<>();
    /** Per finished checkpoint: vertex id → that vertex's per-subtask statistics. */
    private final Map<Long, Map<String, JsonNode>> subtasks = new HashMap<>();
    /** Each completed checkpoint's _metadata size: from spans, the _metadata file, or confirmed job gauges. */
    private final MetadataSizes metadataBytes;
    /** Savepoints' history entries, by where they were written (they are not checkpoints of the run's tables). */
    private final Map<String, JsonNode> savepoints = new HashMap<>();
    private JsonNode latest;
    private CheckpointCounts counts = CheckpointCounts.NONE;
    private long maxSeenInHistory;
    /** Ids continue from a restored checkpoint's: the first id this job can have is one past it. */
    private long firstId = -1;

    StatsReader(FlinkRest rest, String jobId, MetadataSizes metadataBytes) {
        this.rest = rest;
        this.job = jobId;
        this.metadataBytes = metadataBytes;
    }

    /**
     * Fetches the history; fetches the subtask statistics of checkpoints that finished since the last poll.
     * Returns true when a checkpoint finished since the last poll.
     */
    boolean poll(List<JobProbe.Vertex> vertices) {
        summary();
        boolean changed = false;
        long lastCompleted = -1;
        for (JsonNode h : latest.path("history")) {
            long id = h.path("id").asLong();
            maxSeenInHistory = Math.max(maxSeenInHistory, id);
            String status = h.path("status").asText();
            if (status.equals("IN_PROGRESS") || finished.containsKey(id)) {
                continue;
            }
            if (h.path("is_savepoint").asBoolean(false)) {
                if (!h.path("external_path").isMissingNode() && !h.path("external_path").isNull()) {
                    savepoints.put(h.path("external_path").asText(), h);
                }
                finished.put(id, h);
                continue;
            }
            Map<String, JsonNode> perVertex = new HashMap<>();
            for (JobProbe.Vertex v : vertices) {
                JsonNode s = rest.getOrNull("jobs/" + job + "/checkpoints/details/" + id + "/subtasks/" + v.id());
                if (s != null) {
                    perVertex.put(v.id(), s);
                }
            }
            subtasks.put(id, perVertex);
            finished.put(id, h);
            changed = true;
            if (status.equals("COMPLETED")) {
                lastCompleted = Math.max(lastCompleted, id);
                metadataBytes.readStored(id);
            }
        }
        if (changed) {
            metadataBytes.readSpans(lastCompleted);
        }
        return changed;
    }

    /**
     * Fetches the history alone (one request): statuses and trigger times, no subtask statistics. The next
     * {@link #poll} reads those of the checkpoints that finished meanwhile.
     */
    void summary() {
        latest = rest.get("jobs/" + job + "/checkpoints");
        if (firstId < 0) {
            JsonNode restored = latest.path("latest").path("restored");
            firstId = restored.isObject() && restored.has("id") ? restored.path("id").asLong() + 1 : 1;
        }
        JsonNode c = latest.path("counts");
        counts = new CheckpointCounts(c.path("total").asLong(), c.path("completed").asLong(),
                c.path("failed").asLong(), c.path("in_progress").asLong(), c.path("restored").asLong());
    }

    /** The job gauges to fetch before each {@link #poll}, for the _metadata sizes; none where spans report them. */
    String[] gauges() {
        return metadataBytes.fromSpans() ? new String[0] : MetadataSizes.GAUGES;
    }

    /** One look's {@link #gauges()}. */
    void sampleMetadata(Map<String, Long> jobGauges) {
        metadataBytes.offerGauges(jobGauges);
    }

    /** The retained checkpoints' _metadata lengths from the storage; true when one filled a gap. */
    boolean metadataFromStorage(Map<Long, Long> lengths) {
        boolean added = false;
        for (Map.Entry<Long, Long> m : lengths.entrySet()) {
            JsonNode h = finished.get(m.getKey());
            if (h != null && h.path("status").asText().equals("COMPLETED") && !h.path("is_savepoint").asBoolean(false)) {
                added |= metadataBytes.offerStored(m.getKey(), m.getValue());
            }
        }
        return added;
    }

    CheckpointCounts counts() {
        return counts;
    }

    /** Finished checkpoints known so far. */
    int finishedCount() {
        return finished.size();
    }

    /**
     * Checkpoints that aged out of Flink's history before we saw them finish (its history is too short for how
     * fast they come). Checkpoint ids are consecutive (from 1, or from one past a restored checkpoint's), so the gap
     * is exact.
     */
    long missing() {
        long inProgress = 0;
        if (latest != null) {
            for (JsonNode h : latest.path("history")) {
                inProgress += h.path("status").asText().equals("IN_PROGRESS") ? 1 : 0;
            }
        }
        return Math.max(0, maxSeenInHistory - Math.max(1, firstId) + 1 - finished.size() - inProgress);
    }

    /** Whether a checkpoint or savepoint triggered before {@code millis} (JobManager clock) is still in progress. */
    boolean inProgressTriggeredBefore(long millis) {
        return anyInHistory(h -> h.path("status").asText().equals("IN_PROGRESS")
                && h.path("trigger_timestamp").asLong() < millis);
    }

    /**
     * Whether a checkpoint (not a savepoint) triggered in [from, to] (JobManager clock) has this status in the last
     * history read (COMPLETED, IN_PROGRESS, FAILED).
     */
    boolean triggeredIn(long from, long to, String status) {
        return anyInHistory(h -> {
            long t = h.path("trigger_timestamp").asLong(-1);
            return h.path("status").asText().equals(status) && !h.path("is_savepoint").asBoolean(false)
                    && t >= from && t <= to;
        });
    }

    /** Whether an entry of the last history read matches. */
    private boolean anyInHistory(java.util.function.Predicate<JsonNode> test) {
        if (latest == null) {
            return false;
        }
        for (JsonNode h : latest.path("history")) {
            if (test.test(h)) {
                return true;
            }
        }
        return false;
    }

    /** A savepoint's end-to-end duration as Flink recorded it, by its location; -1 when unknown. */
    long savepointDuration(String path) {
        return savepoint(path).path("end_to_end_duration").asLong(-1);
    }

    /** A savepoint's checkpoint id (ids count savepoints and checkpoints in trigger order), -1 when unknown. */
    long savepointId(String path) {
        return savepoint(path).path("id").asLong(-1);
    }

    private JsonNode savepoint(String path) {
        String normalized = path.replaceFirst("^file:///", "file:/");
        for (Map.Entry<String, JsonNode> sp : savepoints.entrySet()) {
            if (sp.getKey().replaceFirst("^file:///", "file:/").equals(normalized)) {
                return sp.getValue();
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Id of the newest completed checkpoint read so far, or -1. */
    long lastCompletedId() {
        return finished.descendingMap().entrySet().stream()
                .filter(e -> e.getValue().path("status").asText().equals("COMPLETED"))
                .mapToLong(Map.Entry::getKey).findFirst().orElse(-1);
    }

    /**
     * The first checkpoint (not savepoint: Flink tells no operator of a completed savepoint, so none opens the
     * gate) after the id {@code after} triggered at or after the time (JobManager clock), or -1, from statistics
     * read now rather than at the last poll.
     */
    long firstTriggeredSince(long millis, long after) {
        JsonNode now = rest.getOrNull("jobs/" + job + "/checkpoints");
        long first = -1;
        if (now != null) {
            for (JsonNode h : now.path("history")) {
                long id = h.path("id").asLong(-1);
                if (id > after && !h.path("is_savepoint").asBoolean(false)
                        && h.path("trigger_timestamp").asLong(-1) >= millis && (first < 0 || id < first)) {
                    first = id;
                }
            }
        }
        return first;
    }

    /** A checkpoint's history entry once it has finished (completed or failed) and been read, else null. */
    JsonNode finished(long id) {
        return finished.get(id);
    }

    /** Whether Flink's history shows a checkpoint in progress. */
    boolean anyInProgress() {
        return inProgressTriggeredBefore(Long.MAX_VALUE);
    }

    /** The newest trigger time Flink reports (JobManager clock), or -1. */
    long lastTriggerMillis() {
        long max = -1;
        if (latest != null) {
            for (JsonNode h : latest.path("history")) {
                max = Math.max(max, h.path("trigger_timestamp").asLong(-1));
            }
        }
        return max;
    }

    /**
     * The per-checkpoint table (finished checkpoints, by id; savepoints left out). {@code forcedFull}: the ids the
     * runner asked FULL in incremental mode (Flink's REST API does not tell full from incremental).
     */
    Table checkpoints(String run, Mode mode, Timeline b, java.util.Set<Long> forcedFull) {
        Table t = CheckpointTable.empty(run);
        for (Map.Entry<Long, JsonNode> e : finished.entrySet()) {
            long id = e.getKey();
            JsonNode h = e.getValue();
            if (h.path("is_savepoint").asBoolean(false)) {
                continue;
            }
            boolean completed = h.path("status").asText().equals("COMPLETED");
            long trigger = h.path("trigger_timestamp").asLong();
            Map<String, JsonNode> perVertex = subtasks.getOrDefault(id, Map.of());
            t.stringColumn(CheckpointTable.RUN).append(run);
            t.stringColumn(CheckpointTable.MODE).append(mode.name());
            t.longColumn(CheckpointTable.CHECKPOINT_ID).append(id);
            t.stringColumn(CheckpointTable.PHASE).append(b.phaseOf(id, trigger));
            t.instantColumn(CheckpointTable.TRIGGER_TIME).append(Instant.ofEpochMilli(trigger));
            t.longColumn(CheckpointTable.T_MS).append(trigger - b.jobStart());
            appendOrMissing(t, CheckpointTable.DURATION_MS, completed ? h.path("end_to_end_duration").asLong(-1) : -1);
            appendOrMissing(t, CheckpointTable.SYNC_MS, max(perVertex, s -> s.path("checkpoint").path("sync").asLong(-1)));
            appendOrMissing(t, CheckpointTable.ASYNC_MS, max(perVertex, s -> s.path("checkpoint").path("async").asLong(-1)));
            appendOrMissing(t, CheckpointTable.ALIGNMENT_MS, max(perVertex, s -> s.path("alignment").path("duration").asLong(-1)));
            appendOrMissing(t, CheckpointTable.START_DELAY_MS, max(perVertex, s -> s.path("start_delay").asLong(-1)));
            appendOrMissing(t, CheckpointTable.STATE_BYTES, completed ? h.path("state_size").asLong(-1) : -1);
            appendOrMissing(t, CheckpointTable.CHECKPOINTED_BYTES, completed ? h.path("checkpointed_size").asLong(-1) : -1);
            appendOrMissing(t, CheckpointTable.METADATA_BYTES, completed ? metadataBytes.get(id) : -1);
            String label = CheckpointTable.COMPLETED;
            String failure = "";
            if (!completed) {
                failure = h.path("failure_message").asText("");
                label = b.failureLabel(h.path("failure_timestamp").asLong(Long.MAX_VALUE));
            }
            t.stringColumn(CheckpointTable.STATUS).append(label);
            t.stringColumn(CheckpointTable.FAILURE).append(failure);
            t.stringColumn(CheckpointTable.CHECKPOINT_TYPE).append(forcedFull.contains(id) ? CheckpointTable.FULL_TYPE
                    : h.path("checkpoint_type").asText(""));
        }
        return t;
    }

    /** One row per finished checkpoint × vertex × subtask. */
    Table subtasks(String run, Mode mode, Timeline b, Map<String, String> vertexNames) {
        Table t = SubtaskTable.empty(run);
        for (Map.Entry<Long, JsonNode> e : finished.entrySet()) {
            long id = e.getKey();
            if (e.getValue().path("is_savepoint").asBoolean(false)) {
                continue;
            }
            String phase = b.phaseOf(id, e.getValue().path("trigger_timestamp").asLong());
            for (Map.Entry<String, String> v : vertexNames.entrySet()) {
                JsonNode perVertex = subtasks.getOrDefault(id, Map.of()).get(v.getKey());
                if (perVertex == null) {
                    continue;
                }
                for (JsonNode s : perVertex.path("subtasks")) {
                    t.stringColumn(CheckpointTable.RUN).append(run);
                    t.stringColumn(CheckpointTable.MODE).append(mode.name());
                    t.longColumn(CheckpointTable.CHECKPOINT_ID).append(id);
                    t.stringColumn(CheckpointTable.PHASE).append(phase);
                    t.stringColumn(SubtaskTable.OPERATOR).append(v.getValue());
                    t.longColumn(SubtaskTable.SUBTASK).append(s.path("index").asLong());
                    appendOrMissing(t, CheckpointTable.SYNC_MS, s.path("checkpoint").path("sync").asLong(-1));
                    appendOrMissing(t, CheckpointTable.ASYNC_MS, s.path("checkpoint").path("async").asLong(-1));
                    appendOrMissing(t, CheckpointTable.ALIGNMENT_MS, s.path("alignment").path("duration").asLong(-1));
                    appendOrMissing(t, CheckpointTable.START_DELAY_MS, s.path("start_delay").asLong(-1));
                    appendOrMissing(t, CheckpointTable.STATE_BYTES, s.path("state_size").asLong(-1));
                    appendOrMissing(t, CheckpointTable.CHECKPOINTED_BYTES, s.path("checkpointed_size").asLong(-1));
                    appendOrMissing(t, SubtaskTable.PROCESSED_BYTES, s.path("alignment").path("processed").asLong(-1));
                    appendOrMissing(t, SubtaskTable.PERSISTED_BYTES, s.path("alignment").path("persisted").asLong(-1));
                }
            }
        }
        return t;
    }

    /** The max of a per-subtask figure over every vertex's subtasks that reported it, or -1 when none did. */
    private static long max(Map<String, JsonNode> perVertex, ToLongFunction<JsonNode> f) {
        long max = -1;
        for (JsonNode v : perVertex.values()) {
            for (JsonNode s : v.path("subtasks")) {
                max = Math.max(max, f.applyAsLong(s));
            }
        }
        return max;
    }

    private static void appendOrMissing(Table t, String column, long value) {
        if (value < 0) {
            t.longColumn(column).appendMissing();
        } else {
            t.longColumn(column).append(value);
        }
    }
}
