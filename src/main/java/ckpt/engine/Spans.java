package ckpt.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the spans the cluster's trace reporter wrote ({@code ckpt.traces.SpanFile}: one JSON object per line) and
 * keeps a job's {@code JobInitialization} spans that restored a checkpoint — Flink's only report of what a restore
 * cost: its duration, the slowest subtask's state initialization and download, and the bytes restored by where
 * they came from.
 */
final class Spans {
    /** One JobInitialization span: start and end (JobManager clock) and its attributes. */
    record Init(long start, long end, JsonNode attributes) {
        long checkpointId() {
            return attributes.path("checkpointId").asLong(-1);
        }

        long attr(String name) {
            JsonNode v = attributes.path(name);
            return v.isNumber() ? v.asLong() : -1;
        }

        /** Restored bytes by location: {@code RestoredStateSizeBytes.<where>} summed over subtasks, -1 if none. */
        long restoredBytes(String... where) {
            long sum = -1;
            for (String w : where) {
                long v = attr("sumRestoredStateSizeBytes." + w);
                if (v >= 0) {
                    sum = Math.max(0, sum) + v;
                }
            }
            return sum;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private Spans() {
    }

    /** The job a span's attributes belong to (Flink names it both ways, depending on the span's scope). */
    static String jobOf(JsonNode attributes) {
        return attributes.path("jobId").asText(attributes.path("<job_id>").asText(""));
    }

    /** The job's initialization spans that restored a checkpoint, oldest first; empty without a span file. */
    static List<Init> restores(Optional<Path> file, String jobId) {
        List<Init> out = new ArrayList<>();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return out;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file.get());
        } catch (IOException e) {
            return out;
        }
        for (String line : lines) {
            try {
                JsonNode span = JSON.readTree(line);
                JsonNode a = span.path("attributes");
                if ("JobInitialization".equals(span.path("name").asText()) && jobId.equals(jobOf(a))
                        && a.has("checkpointId")) {
                    out.add(new Init(span.path("start").asLong(), span.path("end").asLong(), a));
                }
            } catch (IOException | RuntimeException e) {
                // a line being written while we read: it will be complete at the next read
            }
        }
        out.sort(Comparator.comparingLong(Init::start));
        return out;
    }
}
