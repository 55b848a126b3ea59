package ckpt.flink;

import ckpt.CkptException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A run's folder under runs/: written step by step (experiment and environment at start, checkpoints.csv each
 * time a checkpoint completes, summary.json at the end), always via a temp file and an atomic move, so a crash
 * leaves every earlier figure readable.
 */
final class RunFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private RunFiles() {
    }

    /** The folder all runs go to: -Dckpt.runs, else ./runs. */
    static Path root() {
        return Path.of(System.getProperty("ckpt.runs", "runs"));
    }

    /** Creates runs/&lt;time&gt;-&lt;name&gt; (with -2, -3… if two runs start within a second). */
    static Path newRunDir(String name) {
        String base = LocalDateTime.now().format(ID_TIME) + "-" + name;
        try {
            Files.createDirectories(root());
            for (int i = 1; ; i++) {
                Path dir = root().resolve(i == 1 ? base : base + "-" + i);
                try {
                    return Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // taken: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new CkptException("cannot create a run folder under " + root().toAbsolutePath() + ": " + e.getMessage());
        }
    }

    static void writeJson(Path file, Object value) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            JSON.writeValue(tmp.toFile(), value);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CkptException("cannot write " + file + ": " + e.getMessage());
        }
    }

    static void writeCsv(Path file, Table table) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            table.write().csv(tmp.toFile());
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CkptException("cannot write " + file + ": " + e.getMessage());
        }
    }

    static Map<String, Object> describe(Experiment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.displayName());
        m.put("mode", e.mode().name());
        m.put("backend", e.mode().backend());
        m.put("incremental", e.mode().incremental());
        m.put("seconds", e.seconds());
        m.put("interval_ms", e.interval().toMillis());
        m.put("min_pause_ms", e.minPause().toMillis());
        m.put("timeout_ms", e.timeout().toMillis());
        m.put("retained", e.retained());
        m.put("parallelism", e.parallelism());
        if (e.source() != null) {
            m.put("source", e.source().name());
            m.put("source_rows", e.source().rowCount());
        } else {
            m.put("keys", e.keys());
        }
        m.put("value_bytes", e.valueBytes());
        m.put("rate", e.rate());
        m.put("steady_rate_per_s", e.steadyRate());
        m.put("churn", e.churn());
        m.put("seed", e.seed());
        m.put("managed_memory", e.managedMemory());
        m.put("rocksdb", e.rocksdb());
        m.put("rocksdb_metrics", e.rocksdbMetrics());
        m.put("flink_config", e.flinkConfig());
        return m;
    }

    static Map<String, Object> summary(Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        Table steady = run.steadyCheckpoints();
        m.put("id", run.id());
        m.put("name", run.name());
        m.put("mode", run.mode().name());
        m.put("status", run.status());
        m.put("job_id", run.jobId());
        m.put("checkpoints_total", run.checkpoints().rowCount());
        m.put("checkpoints_completed", CheckpointTable.completed(run.checkpoints()).rowCount());
        m.put("checkpoints_steady", steady.rowCount());
        m.put("checkpoints_failed", run.checkpoints().where(run.checkpoints().stringColumn(CheckpointTable.STATUS)
                .isEqualTo(CheckpointTable.FAILED)).rowCount());
        if (steady.rowCount() > 0) {
            m.put("steady_p50_duration_ms", steady.longColumn(CheckpointTable.DURATION_MS).median());
            m.put("steady_max_duration_ms", steady.longColumn(CheckpointTable.DURATION_MS).max());
            m.put("steady_median_checkpointed_bytes", steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).median());
        }
        m.put("final_state_bytes", run.finalStateBytes());
        m.put("records", run.records());
        m.put("records_per_s", Math.round(run.recordsPerSecond()));
        m.put("warmup_ms", run.warmupMillis());
        m.put("steady_ms", run.steadyMillis());
        m.put("disk", Map.of("shared_bytes", run.disk().sharedBytes(), "shared_files", run.disk().sharedFiles(),
                "exclusive_bytes", run.disk().exclusiveBytes(), "exclusive_files", run.disk().exclusiveFiles(),
                "taskowned_bytes", run.disk().taskownedBytes(), "taskowned_files", run.disk().taskownedFiles(),
                "total_bytes", run.disk().totalBytes()));
        m.put("checkpoint_dir", run.checkpointDir() == null ? null : run.checkpointDir().toString());
        m.put("applied_rocksdb_options", run.appliedOptions());
        return m;
    }
}
