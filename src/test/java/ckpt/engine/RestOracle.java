package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import ckpt.model.SubtaskTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Checks a run's tables against Flink's REST JSON, fetched here with a plain HTTP client (not the engine's): every
 * figure of {@code checkpoints()} and {@code subtasks()} must be the one Flink reports.
 */
final class RestOracle {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RestOracle() {
    }

    static JsonNode get(URI rest, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(rest.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s", path).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Asserts every checkpoint and subtask figure equals Flink's REST answer; returns how many figures it compared. */
    static int assertMatches(Run run, URI rest) throws Exception {
        String job = "/jobs/" + run.jobId();
        JsonNode ckpts = get(rest, job + "/checkpoints");
        JsonNode counts = ckpts.path("counts");
        assertThat(run.counts().completed()).isEqualTo(counts.path("completed").asLong());
        assertThat(run.counts().failed()).isEqualTo(counts.path("failed").asLong());
        assertThat(run.counts().total()).isEqualTo(counts.path("total").asLong());
        Map<Long, JsonNode> history = new HashMap<>();
        ckpts.path("history").forEach(h -> history.put(h.path("id").asLong(), h));
        Map<String, String> vertexNames = new HashMap<>();
        get(rest, job).path("vertices").forEach(v -> vertexNames.put(v.path("id").asText(), v.path("name").asText()));

        int compared = 0;
        Table t = run.checkpoints();
        assertThat(t.rowCount()).isEqualTo((int) history.values().stream()
                .filter(h -> !h.path("status").asText().equals("IN_PROGRESS")).count());
        for (Row row : t) {
            long id = row.getLong(CheckpointTable.CHECKPOINT_ID);
            JsonNode h = history.get(id);
            assertThat(h).as("checkpoint %d in Flink's history", id).isNotNull();
            assertThat(row.getInstant(CheckpointTable.TRIGGER_TIME).toEpochMilli())
                    .isEqualTo(h.path("trigger_timestamp").asLong());
            boolean completed = h.path("status").asText().equals("COMPLETED");
            assertThat(row.getString(CheckpointTable.STATUS).equals(CheckpointTable.COMPLETED)).isEqualTo(completed);
            if (completed) {
                assertThat(row.getLong(CheckpointTable.DURATION_MS)).isEqualTo(h.path("end_to_end_duration").asLong());
                assertThat(row.getLong(CheckpointTable.STATE_BYTES)).isEqualTo(h.path("state_size").asLong());
                assertThat(row.getLong(CheckpointTable.CHECKPOINTED_BYTES)).isEqualTo(h.path("checkpointed_size").asLong());
                compared += 3;
            }
            long maxSync = -1;
            long maxAsync = -1;
            for (String vertex : vertexNames.keySet()) {
                JsonNode sub = get(rest, job + "/checkpoints/details/" + id + "/subtasks/" + vertex);
                for (JsonNode s : sub.path("subtasks")) {
                    Row mine = subtaskRow(run.subtasks(), id, vertexNames.get(vertex), s.path("index").asInt());
                    if (!s.has("checkpoint")) {
                        continue;
                    }
                    maxSync = Math.max(maxSync, s.path("checkpoint").path("sync").asLong());
                    maxAsync = Math.max(maxAsync, s.path("checkpoint").path("async").asLong());
                    assertThat(mine.getLong(CheckpointTable.SYNC_MS)).isEqualTo(s.path("checkpoint").path("sync").asLong());
                    assertThat(mine.getLong(CheckpointTable.ASYNC_MS)).isEqualTo(s.path("checkpoint").path("async").asLong());
                    assertThat(mine.getLong(CheckpointTable.ALIGNMENT_MS)).isEqualTo(s.path("alignment").path("duration").asLong());
                    assertThat(mine.getLong(CheckpointTable.START_DELAY_MS)).isEqualTo(s.path("start_delay").asLong());
                    assertThat(mine.getLong(CheckpointTable.STATE_BYTES)).isEqualTo(s.path("state_size").asLong());
                    assertThat(mine.getLong(CheckpointTable.CHECKPOINTED_BYTES)).isEqualTo(s.path("checkpointed_size").asLong());
                    assertThat(mine.getLong(SubtaskTable.PROCESSED_BYTES)).isEqualTo(s.path("alignment").path("processed").asLong());
                    assertThat(mine.getLong(SubtaskTable.PERSISTED_BYTES)).isEqualTo(s.path("alignment").path("persisted").asLong());
                    compared += 8;
                }
            }
            if (maxSync >= 0) {
                assertThat(row.getLong(CheckpointTable.SYNC_MS)).isEqualTo(maxSync);
                assertThat(row.getLong(CheckpointTable.ASYNC_MS)).isEqualTo(maxAsync);
                compared += 2;
            }
        }
        return compared;
    }

    private static Row subtaskRow(Table subtasks, long id, String operator, int index) {
        for (Row r : subtasks) {
            if (r.getLong(CheckpointTable.CHECKPOINT_ID) == id && r.getString(SubtaskTable.OPERATOR).equals(operator)
                    && r.getLong(SubtaskTable.SUBTASK) == index) {
                return r;
            }
        }
        throw new AssertionError("no subtasks() row for checkpoint " + id + ", " + operator + " subtask " + index);
    }
}
