package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.model.CheckpointCounts;
import ckpt.model.CheckpointTable;
import ckpt.model.DiskUsage;
import ckpt.model.Experiment;
import ckpt.model.UserJob;
import ckpt.model.RecoveryTable;
import ckpt.model.RestartTable;
import ckpt.model.Run;
import ckpt.model.SavepointTable;
import ckpt.model.StateOrigin;
import ckpt.model.SubtaskTable;
import ckpt.model.Timeline;
import ckpt.model.Verification;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Runs of earlier sessions, read back from their folders: {@link #list()} gives one row per run under runs/, and
 * {@link #load} rebuilds a {@link Run} from a folder's files — experiment.json, the CSVs, summary.json — so compare,
 * charts and reports work on them, and on a colleague's runs/ folder. The tables are read with the columns' own
 * types (a CSV alone would make ids ints and empty cells strings).
 */
public final class PastRuns {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PastRuns() {
    }

    /** One row per run under the runs folder, newest last: id, name, mode, status, steady checkpoints, p50, state. */
    public static Table list() {
        StringColumn id = StringColumn.create("id");
        StringColumn name = StringColumn.create("name");
        StringColumn mode = StringColumn.create("mode");
        StringColumn target = StringColumn.create("target");
        StringColumn status = StringColumn.create("status");
        LongColumn steady = LongColumn.create("steady_checkpoints");
        LongColumn p50 = LongColumn.create("p50_duration_ms");
        LongColumn state = LongColumn.create("final_state_bytes");
        for (Path dir : folders()) {
            JsonNode s = json(dir.resolve("summary.json"));
            JsonNode e = json(dir.resolve("experiment.json"));
            id.append(dir.getFileName().toString());
            name.append(s.path("name").asText(e.path("name").asText("")));
            mode.append(s.path("mode").asText(e.path("mode").asText("")));
            target.append(s.path("target").asText(""));
            status.append(s.isMissingNode() ? (Files.exists(dir.resolve(CutShort.OWNER)) ? "RUNNING or cut short"
                    : "no summary") : s.path("status").asText(""));
            appendOrMissing(steady, s.path("checkpoints_steady"));
            appendOrMissing(p50, s.path("steady_p50_duration_ms"));
            appendOrMissing(state, s.path("final_state_bytes"));
        }
        return Table.create("runs", id, name, mode, target, status, steady, p50, state);
    }

    /** Rebuilds a run from its folder: an id under the runs folder, or a folder path. */
    public static Run load(String idOrPath) {
        if (idOrPath == null || idOrPath.isBlank()) {
            throw new CkptException("loadRun needs a run id (see runs()) or a run folder");
        }
        Path dir = Files.isDirectory(Path.of(idOrPath)) ? Path.of(idOrPath) : Recorder.root().resolve(idOrPath);
        if (!Files.isRegularFile(dir.resolve("summary.json")) || !Files.isRegularFile(dir.resolve("experiment.json"))) {
            throw new CkptException(dir + " is not a finished run folder (it needs experiment.json and summary.json)"
                    + " — runs() lists the runs under " + Recorder.root());
        }
        JsonNode s = json(dir.resolve("summary.json"));
        JsonNode env = json(dir.resolve("environment.json"));
        Experiment e = experiment(json(dir.resolve("experiment.json")));
        String run = e.displayName();
        String ckptDir = s.path("checkpoint_dir").asText(null);
        URI jobDir = ckptDir == null ? null : URI.create(ckptDir);
        Table files = null;
        if (jobDir != null && CheckpointFiles.latest(jobDir).isPresent()) {
            files = CheckpointFiles.of(jobDir);
        }
        return new Run(dir.getFileName().toString(), e, s.path("target").asText(""), dir, jobDir,
                s.path("job_id").asText(""), s.path("status").asText(""),
                csv(dir.resolve("checkpoints.csv"), CheckpointTable.empty(run)),
                csv(dir.resolve("subtasks.csv"), SubtaskTable.empty(run)), counts(s.path("flink_counts")),
                csv(dir.resolve("restarts.csv"), RestartTable.empty(run)),
                csv(dir.resolve("metrics.csv"), metricsTemplate()), s.path("records").asLong(),
                s.path("steady_records").asLong(), timeline(s.path("timeline")), disk(s.path("disk"), dir), files,
                environment(env, s), strings(s.path("applied_rocksdb_options")), origin(s.path("origin")),
                csv(dir.resolve("recoveries.csv"), RecoveryTable.empty(run)),
                csv(dir.resolve("savepoints.csv"), SavepointTable.empty(run)), verification(s.path("verification")));
    }

    private static List<Path> folders() {
        Path root = Recorder.root();
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("experiment.json"))).sorted().toList();
        } catch (IOException e) {
            throw new CkptException("cannot list " + root + ": " + e.getMessage());
        }
    }

    /** The experiment as recorded (a replayed table is not kept: its row count stands in for the keys). */
    static Experiment experiment(JsonNode j) {
        Experiment e = Experiment.defaults().mode(j.path("mode").asText("incremental"))
                .seconds(j.path("seconds").asInt(10))
                .interval(j.path("interval_ms").asLong(1000) + "ms").minPause(j.path("min_pause_ms").asLong(0) + "ms")
                .timeout(Math.max(100, j.path("timeout_ms").asLong(600_000)) + "ms")
                .retained(j.path("retained").asInt(1)).parallelism(j.path("parallelism").asInt(1))
                .keys(j.path("keys").asLong(j.path("source_rows").asLong(1)))
                .valueBytes(j.path("value_bytes").asInt(100)).rate(j.path("rate").asLong(0))
                .churn(j.path("churn").asDouble(0.05)).seed(j.path("seed").asLong(42));
        String name = j.path("name").asText(null);
        if (name != null && !name.equals(e.mode().label())) {
            e = e.name(name);
        }
        if (!j.path("managed_memory").isNull() && j.has("managed_memory")) {
            e = e.managedMemory(j.path("managed_memory").asText());
        }
        if (j.hasNonNull("checkpoint_dir")) {
            e = e.checkpointDir(j.path("checkpoint_dir").asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = j.path("rocksdb").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            e = e.rocksdb(o.getKey(), o.getValue().asText());
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = j.path("flink_config").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> o = it.next();
            try {
                e = e.config(o.getKey(), o.getValue().asText());
            } catch (CkptException refused) {
                // a key an older version let through and this one refuses: the run's files still say it
            }
        }
        if (UserJob.JAR.equals(j.path("code").asText()) && Files.isRegularFile(Path.of(j.path("jar").asText("")))) {
            e = e.jar(j.path("jar").asText());
            if (j.hasNonNull("main_class")) {
                e = e.mainClass(j.path("main_class").asText());
            }
            List<String> args = new java.util.ArrayList<>();
            j.path("args").forEach(a -> args.add(a.asText()));
            e = e.args(args.toArray(String[]::new));
        }
        String kind = j.path("code").asText(UserJob.BUILT_IN);
        if (!kind.equals(UserJob.BUILT_IN) && !e.code().kind().equals(kind)) {
            e = e.withCode(UserJob.recorded(kind, j.path("code_label").asText(null)));
        }
        if (j.hasNonNull("restore_from")) {
            e = e.restoreFrom(j.path("restore_from").asText());
        }
        return rest(e, j);
    }

    /**
     * The settings beyond the job's size and pace, so that a loaded run's experiment is the one it ran (a compare
     * against it, or a run of it, must not silently drop its storage, state shape or faults). Files written before
     * a setting was recorded lack its key: the default stands in.
     */
    private static Experiment rest(Experiment e, JsonNode j) {
        List<String> metrics = new java.util.ArrayList<>();
        j.path("rocksdb_metrics").forEach(m -> metrics.add(m.asText()));
        if (!metrics.isEmpty()) {
            e = e.rocksdbMetrics(metrics.toArray(String[]::new));
        }
        e = millis(j, "fail_after_ms").map(e::failAfter).orElse(e);
        e = millis(j, "kill_taskmanager_after_ms").map(e::killTaskManagerAfter).orElse(e);
        for (JsonNode sp : j.path("savepoints")) {
            e = e.savepointAfter(sp.path("after_ms").asLong() + "ms", sp.path("format").asText("canonical"));
        }
        if (j.path("claim").asBoolean(false)) {
            e = e.claim("claim");
        }
        e = e.localRecovery(j.path("local_recovery").asBoolean(false))
                .fullCheckpointEvery(j.path("full_checkpoint_every").asInt(0));
        if (j.path("verify_state").asBoolean(false)) {
            e = e.verifyState();
        }
        if (j.path("fresh_state").asBoolean(false)) {
            e = e.freshState();
        }
        if (j.path("skip_disk_check").asBoolean(false)) {
            e = e.skipDiskCheck();
        }
        e = e.storage(j.path("storage").asText("local"))
                .fileMerging(j.path("file_merging").asBoolean(false))
                .unaligned(j.path("unaligned").asBoolean(false));
        e = millis(j, "storage_latency_ms").map(e::storageLatency).orElse(e);
        if (j.path("storage_bandwidth_bytes_per_s").asLong(0) > 0) {
            e = e.storageBandwidth(j.path("storage_bandwidth_bytes_per_s").asLong() + "b");
        }
        e = millis(j, "materialize_every_ms").map(e::materializeEvery).orElse(e);
        e = e.state(j.path("state").asText("value"));
        if (j.has("entries")) {
            e = e.entries(j.path("entries").asInt());
        }
        e = millis(j, "ttl_ms").map(e::ttl).orElse(e);
        e = millis(j, "sink_delay_ms").map(e::sinkDelay).orElse(e);
        return e;
    }

    /** A duration recorded as milliseconds, as the setters take it ("250ms"); empty when not recorded. */
    private static java.util.Optional<String> millis(JsonNode j, String key) {
        return j.hasNonNull(key) ? java.util.Optional.of(j.path(key).asLong() + "ms") : java.util.Optional.empty();
    }

    /** Reads a run's CSV with the template's column types; an absent file is the empty template. */
    static Table csv(Path file, Table template) {
        if (!Files.isRegularFile(file)) {
            return template;
        }
        try {
            List<String> header = List.of(Files.readAllLines(file).get(0).split(",", -1));
            ColumnType[] types = new ColumnType[header.size()];
            for (int i = 0; i < types.length; i++) {
                String col = header.get(i);
                types[i] = template.columnNames().contains(col) ? template.column(col).type() : addedType(col);
            }
            return Table.read().usingOptions(CsvReadOptions.builder(file.toFile()).columnTypes(types)
                    .tableName(template.name())).setName(template.name());
        } catch (IOException | RuntimeException e) {
            throw new CkptException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The type of a column that samplers add to the checkpoint table (storage, S3 requests). It must be numeric:
     * Tablesaw's numberColumn() over a string column silently yields dictionary codes, not the values.
     */
    static ColumnType addedType(String col) {
        if (col.equals(StorageSampler.STORAGE_OVERHEAD)) {
            return ColumnType.DOUBLE;
        }
        if (col.equals(StorageSampler.DISK_BYTES) || col.startsWith("s3_")) {
            return ColumnType.LONG;
        }
        return ColumnType.STRING;
    }

    private static Table metricsTemplate() {
        return Table.create("metrics", StringColumn.create(CheckpointTable.RUN), LongColumn.create("t_ms"),
                StringColumn.create("metric"), LongColumn.create("value"));
    }

    private static CheckpointCounts counts(JsonNode c) {
        return new CheckpointCounts(c.path("total").asLong(), c.path("completed").asLong(), c.path("failed").asLong(),
                c.path("inProgress").asLong(), c.path("restored").asLong());
    }

    private static Timeline timeline(JsonNode t) {
        return new Timeline(t.path("jobStart").asLong(-1), t.path("warmupStart").asLong(-1),
                t.path("warmupEnd").asLong(-1), t.path("gate").asLong(-1), t.path("steadyStart").asLong(-1),
                t.path("steadyEnd").asLong(-1), t.path("stopAt").asLong(-1));
    }

    private static DiskUsage disk(JsonNode d, Path dir) {
        if (!d.path("readable").asBoolean(false)) {
            return DiskUsage.unreadable(d.path("note").asText("not measured"));
        }
        Table orphans = csv(dir.resolve("orphans.csv"), DiskUsage.orphanTable());
        return new DiskUsage(d.path("shared_bytes").asLong(), d.path("shared_files").asInt(),
                d.path("exclusive_bytes").asLong(), d.path("exclusive_files").asInt(), d.path("taskowned_bytes").asLong(),
                d.path("taskowned_files").asInt(), d.path("referenced_bytes").asLong(), d.path("referenced_files").asInt(),
                d.path("orphaned_bytes").asLong(), d.path("orphaned_files").asInt(), orphans, true, null);
    }

    private static StateOrigin origin(JsonNode o) {
        return o.isMissingNode() || o.isNull() ? StateOrigin.FILLED
                : new StateOrigin(o.path("kind").asText(StateOrigin.WARMUP), o.path("path").asText(null));
    }

    private static Verification verification(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? Verification.NONE
                : new Verification(v.path("restoredRecords").asLong(-1), v.path("keys").asLong(-1),
                v.path("counted").asLong(-1));
    }

    /**
     * environment.json (written at the submit) with what only the run's end knew, from summary.json: the JIT
     * compilers' CPU and the caveat the run printed about it.
     */
    private static Map<String, String> environment(JsonNode env, JsonNode summary) {
        Map<String, String> m = strings(env);
        for (String k : List.of("jit_cpu_ms", "jit_note")) {
            if (summary.hasNonNull(k)) {
                m.put(k, summary.path(k).asText());
            }
        }
        return m;
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> m = new LinkedHashMap<>();
        o.fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
        return m;
    }

    private static JsonNode json(Path file) {
        if (!Files.isRegularFile(file)) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CkptException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void appendOrMissing(LongColumn c, JsonNode v) {
        if (v.isNumber()) {
            c.append(v.asLong());
        } else {
            c.appendMissing();
        }
    }
}
