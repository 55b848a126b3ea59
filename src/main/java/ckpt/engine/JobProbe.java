package ckpt.engine;

import ckpt.job.Phases;
import ckpt.target.FlinkRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a running job over REST: its status and vertices, the source's phase gauges, record counters, job-level
 * checkpoint gauges, RocksDB native metrics and the exception history. Everything here is Flink's own figure.
 */
final class JobProbe {
    /** A job vertex: one chain of operators (its name joins them with " -> "). */
    record Vertex(String id, String name, int parallelism) {
    }

    /** The source's phase gauges, aggregated over its subtasks (-1 where not reached). */
    record Phase(long warmupDone, long warmupTotal, long warmupStartMin, long warmupEndMin, long warmupEndMax,
                 long gate, long steadyStart, long lag, long steadyRecords, long restoredRecords,
                 long steadyStartMin, long steadyOffset) {
        static final Phase NONE = new Phase(0, 0, -1, -1, -1, -1, -1, 0, 0, 0);

        /** Before the steady offset is read (or where it does not matter). */
        Phase(long warmupDone, long warmupTotal, long warmupStartMin, long warmupEndMin, long warmupEndMax,
              long gate, long steadyStart, long lag, long steadyRecords, long restoredRecords) {
            this(warmupDone, warmupTotal, warmupStartMin, warmupEndMin, warmupEndMax, gate, steadyStart, lag,
                    steadyRecords, restoredRecords, -1, 0);
        }

        /**
         * Every source subtask has had the gate event, so the summed {@link Phases#STEADY_OFFSET} is fixed: the
         * source's final steady count is its record counter plus that.
         */
        boolean offsetFixed() {
            return steadyStartMin >= 0;
        }

        /** Every source subtask has written its warm-up records. */
        boolean warm() {
            return warmupEndMin >= 0;
        }

        /**
         * How long the warm-up still takes at its rate so far (JobManager clock), or -1 before it has a rate. The
         * gauges are up to one metric-fetch interval old, so this errs long by about that much.
         */
        long warmupMillisLeft(long jmNow) {
            long elapsed = jmNow - warmupStartMin;
            if (warm() || warmupStartMin < 0 || warmupDone <= 0 || elapsed <= 0 || warmupTotal <= warmupDone) {
                return warm() ? 0 : -1;
            }
            return (long) ((warmupTotal - warmupDone) * (double) elapsed / warmupDone);
        }
    }

    private final FlinkRest rest;
    private final String job;
    private final Map<String, Map<String, String>> metricIds = new HashMap<>();
    private List<Vertex> vertices = List.of();
    private JsonNode details;

    JobProbe(FlinkRest rest, String jobId) {
        this.rest = rest;
        this.job = jobId;
    }

    /** Fetches /jobs/:id (status, vertices, per-vertex I/O counters of the current attempts). */
    JsonNode refresh() {
        details = rest.get("jobs/" + job);
        if (vertices.isEmpty()) {
            List<Vertex> vs = new ArrayList<>();
            for (JsonNode v : details.path("vertices")) {
                vs.add(new Vertex(v.path("id").asText(), v.path("name").asText(), v.path("parallelism").asInt()));
            }
            vertices = List.copyOf(vs);
        }
        return details;
    }

    /** Every subtask of every vertex is running (or already finished), by the last details read. */
    boolean allRunning() {
        if (details == null || !"RUNNING".equals(status())) {
            return false;
        }
        for (JsonNode v : details.path("vertices")) {
            JsonNode tasks = v.path("tasks");
            if (tasks.path("RUNNING").asInt() + tasks.path("FINISHED").asInt() < v.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    String status() {
        return details == null ? "" : details.path("state").asText();
    }

    /** When the job started, on the JobManager's clock. */
    long startTime() {
        return details == null ? -1 : details.path("start-time").asLong(-1);
    }

    List<Vertex> vertices() {
        return vertices;
    }

    /** Vertex names by id (a chain's head operator has its vertex's id). */
    Map<String, String> vertexNames() {
        Map<String, String> m = new LinkedHashMap<>();
        vertices.forEach(v -> m.put(v.id(), v.name()));
        return m;
    }

    /**
     * The vertex with this id (as the REST API writes it), else the first whose name contains the operator name
     * (the source, or the chain holding the stateful operator).
     */
    Vertex vertex(String idOrOperator) {
        for (Vertex v : vertices) {
            if (v.id().equals(idOrOperator)) {
                return v;
            }
        }
        for (Vertex v : vertices) {
            if (v.name().contains(idOrOperator)) {
                return v;
            }
        }
        return null;
    }

    /** When the vertex's tasks started (JobManager clock), or -1. */
    long vertexStart(String operator) {
        Vertex v = vertex(operator);
        if (v == null || details == null) {
            return -1;
        }
        for (JsonNode n : details.path("vertices")) {
            if (n.path("id").asText().equals(v.id())) {
                return n.path("start-time").asLong(-1);
            }
        }
        return -1;
    }

    /** Records into a vertex over the current attempts of its subtasks (Flink's I/O counter, "read-records"). */
    long recordsIn(String operator) {
        return ioCounter(operator, "read-records");
    }

    /** Records out of a vertex over the current attempts of its subtasks (Flink's I/O counter, "write-records"). */
    long recordsOut(String operator) {
        return ioCounter(operator, "write-records");
    }

    private long ioCounter(String operator, String counter) {
        Vertex v = vertex(operator);
        if (v == null || details == null) {
            return 0;
        }
        for (JsonNode n : details.path("vertices")) {
            if (n.path("id").asText().equals(v.id())) {
                return n.path("metrics").path(counter).asLong();
            }
        }
        return 0;
    }

    /**
     * Records into a vertex per attempt, summed over its subtasks: index a holds attempt a. After a failover the
     * current attempt's counter starts at zero, so the run's total needs the earlier attempts too (Flink keeps them
     * in its execution history). The job is one failover region (keyBy connects every subtask), so all subtasks
     * restart together and their attempt numbers agree.
     */
    long[] recordsPerAttempt(String operator) {
        Vertex v = vertex(operator);
        if (v == null) {
            return new long[0];
        }
        long[] sums = new long[0];
        for (int i = 0; i < v.parallelism(); i++) {
            String base = "jobs/" + job + "/vertices/" + v.id() + "/subtasks/" + i;
            JsonNode current = rest.getOrNull(base);
            if (current == null) {
                continue;
            }
            int attempt = current.path("attempt").asInt();
            if (sums.length < attempt + 1) {
                sums = java.util.Arrays.copyOf(sums, attempt + 1);
            }
            sums[attempt] += current.path("metrics").path("read-records").asLong();
            for (int a = 0; a < attempt; a++) {
                JsonNode old = rest.getOrNull(base + "/attempts/" + a);
                if (old != null) {
                    sums[a] += old.path("metrics").path("read-records").asLong();
                }
            }
        }
        return sums;
    }

    private static final List<String> PHASE_GAUGES = List.of(Phases.WARMUP_DONE, Phases.WARMUP_TOTAL,
            Phases.WARMUP_START, Phases.WARMUP_END, Phases.GATE, Phases.STEADY_START, Phases.LAG,
            Phases.STEADY_RECORDS, Phases.RESTORED_RECORDS, Phases.STEADY_OFFSET);

    /** The source's phase gauges (min/max/sum over its subtasks). */
    Phase phase() {
        Vertex src = vertex(Phases.SOURCE_NAME);
        if (src == null) {
            return Phase.NONE;
        }
        Map<String, String> ids = ids(src, PHASE_GAUGES);
        if (ids.size() < PHASE_GAUGES.size()) {
            return Phase.NONE;
        }
        Map<String, JsonNode> agg = aggregated(src, ids.values(), "min,max,sum");
        return new Phase(value(agg, ids, Phases.WARMUP_DONE, "sum", 0), value(agg, ids, Phases.WARMUP_TOTAL, "sum", 0),
                value(agg, ids, Phases.WARMUP_START, "min", -1), value(agg, ids, Phases.WARMUP_END, "min", -1),
                value(agg, ids, Phases.WARMUP_END, "max", -1), value(agg, ids, Phases.GATE, "max", -1),
                value(agg, ids, Phases.STEADY_START, "max", -1), value(agg, ids, Phases.LAG, "sum", 0),
                value(agg, ids, Phases.STEADY_RECORDS, "sum", 0), value(agg, ids, Phases.RESTORED_RECORDS, "sum", 0),
                value(agg, ids, Phases.STEADY_START, "min", -1), value(agg, ids, Phases.STEADY_OFFSET, "sum", 0));
    }

    /**
     * Sums of metrics of a vertex over its subtasks, by short name: every metric id that ends with ".NAME" (RocksDB
     * native metrics are registered once per column family) is summed. Names with no such metric are left out.
     * Flink's metric query service writes dots inside a metric's own name as '_' ("rocksdb_estimate-live-data-size"),
     * so both spellings match.
     */
    Map<String, Long> summed(String operator, List<String> names) {
        Vertex v = vertex(operator);
        Map<String, Long> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        List<String> all = available(v);
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (String n : names) {
            String served = n.replace('.', '_');
            List<String> matches = all.stream().filter(id -> id.endsWith("." + n) || id.endsWith("." + served)).toList();
            if (!matches.isEmpty()) {
                byName.put(n, matches);
            }
        }
        if (byName.isEmpty()) {
            return out;
        }
        Map<String, JsonNode> agg = aggregated(v, byName.values().stream().flatMap(List::stream).toList(), "sum");
        byName.forEach((n, ids) -> {
            long sum = 0;
            for (String id : ids) {
                JsonNode m = agg.get(id);
                sum += m == null ? 0 : m.path("sum").asLong();
            }
            out.put(n, sum);
        });
        return out;
    }

    /** Job-level gauges (e.g. lastCompletedCheckpointId, lastCheckpointMetadataSize, numRestarts). */
    Map<String, Long> jobMetrics(String... names) {
        JsonNode arr = rest.get("jobs/" + job + "/metrics?get=" + String.join(",", names));
        Map<String, Long> out = new HashMap<>();
        for (JsonNode m : arr) {
            String v = m.path("value").asText();
            try {
                out.put(m.path("id").asText(), Long.parseLong(v));
            } catch (NumberFormatException e) {
                // not a number (yet): leave it out
            }
        }
        return out;
    }

    /** Flink's exception history, oldest first: one entry per failure that restarted (or ended) the job. */
    List<JsonNode> exceptions() {
        JsonNode root = rest.get("jobs/" + job + "/exceptions");
        List<JsonNode> out = new ArrayList<>();
        root.path("exceptionHistory").path("entries").forEach(out::add);
        out.sort((a, b) -> Long.compare(a.path("timestamp").asLong(), b.path("timestamp").asLong()));
        return out;
    }

    private Map<String, String> ids(Vertex v, List<String> names) {
        Map<String, String> known = metricIds.computeIfAbsent(v.id(), k -> new HashMap<>());
        if (known.size() < names.size()) {
            for (String id : available(v)) {
                for (String n : names) {
                    if (id.endsWith("." + n) || id.equals(n)) {
                        known.put(n, id);
                    }
                }
            }
        }
        return known;
    }

    private List<String> available(Vertex v) {
        List<String> ids = new ArrayList<>();
        rest.get("jobs/" + job + "/vertices/" + v.id() + "/subtasks/metrics").forEach(m -> ids.add(m.path("id").asText()));
        return ids;
    }

    private Map<String, JsonNode> aggregated(Vertex v, java.util.Collection<String> ids, String agg) {
        JsonNode arr = rest.get("jobs/" + job + "/vertices/" + v.id() + "/subtasks/metrics?get="
                + String.join(",", ids) + "&agg=" + agg);
        Map<String, JsonNode> out = new HashMap<>();
        arr.forEach(m -> out.put(m.path("id").asText(), m));
        return out;
    }

    private static long value(Map<String, JsonNode> agg, Map<String, String> ids, String name, String field,
                              long absent) {
        JsonNode m = agg.get(ids.get(name));
        return m == null || !m.has(field) ? absent : (long) m.path(field).asDouble();
    }
}
