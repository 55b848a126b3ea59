package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
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
 * Writes a run's folder under runs/ step by step — experiment and environment at start, checkpoints.csv and
 * subtasks.csv each time a checkpoint finishes, summary.json at the end — always through a temp file and an atomic
 * move, so a crash leaves every earlier figure readable.
 */
final class Recorder {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss");

    private final Path dir;

    Recorder(Path dir) {
        this.dir = dir;
    }

    /**
     * The folder all runs go to: -Dckpt.runs, else runs/ in the tool's home (the project folder bin/ckpt-repl runs
     * from, where logs/ go too), else ./runs. One rule: what the tool writes for you lands under its home; paths you
     * type are relative to where you started the shell.
     */
    public static Path root() {
        String runs = System.getProperty("ckpt.runs");
        if (runs != null) {
            return Path.of(runs);
        }
        String home = System.getProperty("ckpt.home");
        return home != null ? Path.of(home, "runs") : Path.of("runs");
    }

    /** Creates runs/&lt;time&gt;-&lt;name&gt; (with -2, -3… if two runs start within a second). */
    static Recorder create(String name) {
        String base = LocalDateTime.now().format(ID_TIME) + "-" + name;
        try {
            Files.createDirectories(root());
            for (int i = 1; ; i++) {
                Path dir = root().resolve(i == 1 ? base : base + "-" + i);
                try {
                    return new Recorder(Files.createDirectory(dir));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // taken: try the next suffix
                }
            }
        } catch (IOException e) {
            throw new CkptException("cannot create a run folder under " + root().toAbsolutePath() + ": " + e.getMessage());
        }
    }

    Path dir() {
        return dir;
    }

    void json(String name, Object value) {
        Path file = dir.resolve(name);
        try {
            ckpt.io.AtomicFile.write(file, out -> JSON.writeValue(out, value));
        } catch (IOException e) {
            throw new CkptException("cannot write " + file + ": " + e.getMessage());
        }
    }

    void csv(String name, Table table) {
        Path file = dir.resolve(name);
        try {
            ckpt.io.AtomicFile.write(file, out -> table.write().csv(out));
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
        m.put("checkpoint_dir", e.checkpointDir());
        m.put("code", e.code().kind());
        if (!e.code().builtIn()) {
            m.put("code_label", e.code().describe());
            if (e.code().jar() != null) {
                m.put("jar", e.code().jar());
                m.put("main_class", e.code().mainClass());
                m.put("args", e.code().args());
            }
        }
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
        m.put("fail_after_ms", millis(e.faults().failAfter()));
        Map<String, String> restart = JobConfig.restartStrategy(e);
        m.put("restart_strategy", restart.get("restart-strategy.type"));
        m.put("restart", restart);
        m.put("rocksdb", e.rocksdb());
        m.put("rocksdb_metrics", e.rocksdbMetrics());
        m.put("flink_config", e.flinkConfig());
        m.put("kill_taskmanager_after_ms", millis(e.faults().killTaskManagerAfter()));
        m.put("savepoints", e.faults().savepoints().stream()
                .map(sp -> Map.of("after_ms", sp.after().toMillis(), "format", sp.format())).toList());
        m.put("restore_from", e.recovery().restoreFrom());
        m.put("claim", e.recovery().claim());
        m.put("local_recovery", e.recovery().localRecovery());
        m.put("verify_state", e.recovery().verifyState());
        m.put("fresh_state", e.recovery().freshState());
        m.put("full_checkpoint_every", e.recovery().fullCheckpointEvery());
        ckpt.model.CheckpointExtras x = e.extras();
        m.put("storage", x.storage());
        m.put("storage_latency_ms", millis(x.storageLatency()));
        m.put("storage_bandwidth_bytes_per_s", x.storageBandwidth());
        m.put("materialize_every_ms", millis(x.materializeEvery()));
        m.put("file_merging", x.fileMerging());
        m.put("unaligned", x.unaligned());
        ckpt.model.StateShape shape = e.shape();
        m.put("state", shape.kind());
        m.put("entries", shape.entries());
        m.put("ttl_ms", millis(shape.ttl()));
        m.put("sink_delay_ms", millis(shape.sinkDelay()));
        m.put("skip_disk_check", e.tuning().skipDiskCheck());
        return m;
    }

    /** A duration as milliseconds, null for none (the JSON says null, not 0: 0 would be a setting). */
    private static Long millis(java.time.Duration d) {
        return d == null ? null : d.toMillis();
    }

    static Map<String, Object> summary(Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        Table steady = run.steadyCheckpoints();
        m.put("id", run.id());
        m.put("name", run.name());
        m.put("mode", run.mode().name());
        m.put("target", run.target());
        m.put("status", run.status());
        m.put("job_id", run.jobId());
        m.put("checkpoints_total", run.checkpoints().rowCount());
        m.put("checkpoints_completed", CheckpointTable.completed(run.checkpoints()).rowCount());
        m.put("checkpoints_steady", steady.rowCount());
        m.put("checkpoints_failed", run.failedInHistory());
        m.put("checkpoints_aborted", run.abortedAtStop());
        m.put("checkpoints_failed_outside_history", run.failedOutsideHistory());
        m.put("flink_counts", run.counts());
        if (steady.rowCount() > 0) {
            m.put("steady_p50_duration_ms", steady.longColumn(CheckpointTable.DURATION_MS).median());
            m.put("steady_max_duration_ms", steady.longColumn(CheckpointTable.DURATION_MS).max());
            m.put("steady_median_checkpointed_bytes", steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).median());
        }
        m.put("final_state_bytes", run.finalStateBytes());
        m.put("records", run.records());
        m.put("warmup_records", run.warmupRecords());
        m.put("steady_records", run.steadyRecords());
        m.put("records_replayed", run.recordsReplayed());
        m.put("warmup_records_per_s", Math.round(run.warmupRecordsPerSecond()));
        m.put("steady_records_per_s", Math.round(run.steadyRecordsPerSecond()));
        m.put("steady_rate_asked_per_s", run.experiment().steadyRate());
        m.put("warmup_ms", run.warmupMillis());
        m.put("steady_ms", run.steadyMillis());
        m.put("timeline", run.timeline());
        m.put("restarts", run.restartCount());
        String jit = run.environment().get("jit_cpu_ms");
        if (jit != null) {
            // CPU the target's JIT compilers used while the run ran (ckpt.target.JitCpu): high on JVMs still warming up
            m.put("jit_cpu_ms", Long.parseLong(jit));
        }
        String jitNote = run.environment().get("jit_note");
        if (jitNote != null) {
            m.put("jit_note", jitNote); // the caveat the run printed, for loadRun and anyone reading the file
        }
        var d = run.disk();
        Map<String, Object> disk = new LinkedHashMap<>();
        disk.put("readable", d.readable());
        if (d.readable()) {
            disk.put("shared_bytes", d.sharedBytes());
            disk.put("shared_files", d.sharedFiles());
            disk.put("exclusive_bytes", d.exclusiveBytes());
            disk.put("exclusive_files", d.exclusiveFiles());
            disk.put("taskowned_bytes", d.taskownedBytes());
            disk.put("taskowned_files", d.taskownedFiles());
            disk.put("total_bytes", d.totalBytes());
            disk.put("referenced_bytes", d.referencedBytes());
            disk.put("referenced_files", d.referencedFiles());
            disk.put("orphaned_bytes", d.orphanedBytes());
            disk.put("orphaned_files", d.orphanedFiles());
        } else {
            disk.put("note", d.note());
        }
        m.put("disk", disk);
        m.put("checkpoint_dir", run.checkpointDir() == null ? null : run.checkpointDir().toString());
        m.put("origin", run.origin());
        m.put("verification", run.verification());
        m.put("applied_rocksdb_options", run.appliedOptions());
        return m;
    }
}
