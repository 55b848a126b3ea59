package ckpt.model;

import ckpt.error.CkptException;
import ckpt.rocksdb.OptionCatalog;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import ckpt.job.Pipeline;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.TimeUtils;
import tech.tablesaw.api.Table;

/**
 * What to measure: an immutable description of one checkpoint experiment. Every "setter" returns a new
 * experiment, so a base can be varied freely ({@code base.mode("incremental")}) without surprises.
 * Values are checked when they are set, so a typo fails on the line that made it, not minutes later.
 *
 * <p>A synthetic run has two phases: <b>warm-up</b> writes every key once as fast as the machine allows, then
 * <b>steady</b> updates {@code churn × keys} keys per checkpoint interval for {@code seconds}.
 *
 * <p>The knobs live in three small records — {@link Workload} (what the job does), {@link Checkpointing} (how
 * checkpoints are taken), {@link Tuning} (RocksDB, Flink keys, memory) — and the experiment's own fields say
 * how long and how wide the run is.
 */
public record Experiment(String name, int seconds, int parallelism, Workload workload, Checkpointing checkpointing,
                         Tuning tuning, Faults faults, Recovery recovery, UserJob code) {

    /** Highest parallelism Flink allows for a keyed operator (its default max parallelism bound). */
    public static final int MAX_PARALLELISM = 32_768;

    /** Sensible defaults: INCREMENTAL, 100,000 keys × 100 bytes, churn 0.05, 1 s interval, 10 steady seconds. */
    public static Experiment defaults() {
        return new Experiment(null, 10, 1, Workload.defaults(), Checkpointing.defaults(), Tuning.defaults(),
                Faults.none(), Recovery.defaults(), UserJob.NONE);
    }

    /** The run's display name: the one given, else the mode's label ("full", "incremental"). */
    public String displayName() {
        return name != null ? name : mode().label();
    }

    private Experiment with(Workload w) {
        return new Experiment(name, seconds, parallelism, w, checkpointing, tuning, faults, recovery, code);
    }

    private Experiment with(Checkpointing c) {
        return new Experiment(name, seconds, parallelism, workload, c, tuning, faults, recovery, code);
    }

    private Experiment with(Tuning t) {
        return new Experiment(name, seconds, parallelism, workload, checkpointing, t, faults, recovery, code);
    }

    private Experiment with(Recovery r) {
        return new Experiment(name, seconds, parallelism, workload, checkpointing, tuning, faults, r, code);
    }

    /** This experiment with the given code: how a loaded run's experiment keeps the code it was recorded with. */
    public Experiment withCode(UserJob j) {
        if (j == null) {
            throw new CkptException("withCode(code): code is null");
        }
        return with(j);
    }

    private Experiment with(UserJob j) {
        return new Experiment(name, seconds, parallelism, workload, checkpointing, tuning, faults, recovery, j);
    }

    private Experiment with(Faults f) {
        return new Experiment(name, seconds, parallelism, workload, checkpointing, tuning, f, recovery, code);
    }

    // ---- the run ---------------------------------------------------------------------------------------------

    public Experiment name(String name) {
        if (name != null && !name.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new CkptException("name '" + name + "' — use 1–40 letters, digits, '.', '_' or '-'");
        }
        return new Experiment(name, seconds, parallelism, workload, checkpointing, tuning, faults, recovery, code);
    }

    /** Steady-phase duration in seconds (warm-up comes on top). */
    public Experiment seconds(int seconds) {
        if (seconds < 1 || seconds > 86_400) {
            throw new CkptException("seconds must be between 1 and 86400, got " + seconds);
        }
        return new Experiment(name, seconds, parallelism, workload, checkpointing, tuning, faults, recovery, code);
    }

    /**
     * Subtasks of the source and of the stateful operator: the keyed state is spread over them (and over up to that
     * many TaskManagers). Checked against the target's free slots when the run starts.
     */
    public Experiment parallelism(int parallelism) {
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new CkptException("parallelism must be between 1 and " + MAX_PARALLELISM + ", got " + parallelism);
        }
        return new Experiment(name, seconds, parallelism, workload, checkpointing, tuning, faults, recovery, code);
    }

    // ---- checkpointing ---------------------------------------------------------------------------------------

    public Experiment mode(Mode mode) {
        if (mode == null) {
            throw new CkptException("mode is null — allowed: " + Mode.allowed());
        }
        return with(checkpointing.withMode(mode));
    }

    public Experiment mode(String mode) {
        return mode(Mode.parse(mode));
    }

    /** Checkpoint interval, e.g. "1s", "500ms", "2min" (parsed by Flink's own duration parser). */
    public Experiment interval(String interval) {
        Duration d = duration("interval", interval);
        if (d.toMillis() < 10) {
            throw new CkptException("interval must be at least 10ms, got " + interval);
        }
        return with(checkpointing.withInterval(d));
    }

    public Experiment minPause(String minPause) {
        return with(checkpointing.withMinPause(duration("minPause", minPause)));
    }

    public Experiment timeout(String timeout) {
        Duration d = duration("timeout", timeout);
        if (d.toMillis() < 100) {
            throw new CkptException("timeout must be at least 100ms, got " + timeout);
        }
        return with(checkpointing.withTimeout(d));
    }

    /** How many completed checkpoints Flink keeps on disk (execution.checkpointing.num-retained). */
    public Experiment retained(int retained) {
        if (retained < 1 || retained > 100) {
            throw new CkptException("retained must be between 1 and 100, got " + retained);
        }
        return with(checkpointing.withRetained(retained));
    }

    /**
     * Where checkpoints go, as a URI every process of the cluster can reach: {@code file:///shared/ckpt},
     * {@code s3://bucket/path}, {@code hdfs://…}. Without it, targets on this machine use the run's folder; a
     * remote cluster needs one.
     */
    public Experiment checkpointDir(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new CkptException("checkpointDir is empty — write e.g. \"file:///shared/ckpt\" or \"s3://bucket/ckpt\"");
        }
        URI u;
        try {
            u = new URI(uri.trim());
        } catch (java.net.URISyntaxException e) {
            throw new CkptException("checkpointDir '" + uri + "' is not a URI: " + e.getReason());
        }
        if (u.getScheme() == null || u.getScheme().length() < 2) {
            throw new CkptException("checkpointDir '" + uri + "' has no scheme — write file:///path, s3://bucket/path or hdfs://host/path");
        }
        if (u.getScheme().equals("file") && (u.getPath() == null || !u.getPath().startsWith("/"))) {
            throw new CkptException("checkpointDir '" + uri + "' — a file URI needs an absolute path: file:///path");
        }
        return with(checkpointing.withDir(u.toString()));
    }

    // ---- workload --------------------------------------------------------------------------------------------

    /** Number of distinct keys in state (synthetic runs). */
    public Experiment keys(long keys) {
        if (keys < 1 || keys > 2_000_000_000L) {
            throw new CkptException("keys must be between 1 and 2,000,000,000, got " + keys);
        }
        return with(workload.withKeys(keys));
    }

    /** Bytes of value per key (random, so RocksDB compression cannot hide them). */
    public Experiment valueBytes(int valueBytes) {
        if (valueBytes < 16 || valueBytes > 1 << 20) {
            throw new CkptException("valueBytes must be between 16 and 1048576, got " + valueBytes);
        }
        return with(workload.withValueBytes(valueBytes));
    }

    /**
     * Steady-phase records per second. 0 (default) derives it from churn: {@code churn × keys} records per
     * checkpoint interval. For a table source with rate 0 the table is replayed as fast as possible.
     */
    public Experiment rate(long rate) {
        if (rate < 0) {
            throw new CkptException("rate must be ≥ 0 records/s (0 = derive from churn), got " + rate);
        }
        return with(workload.withRate(rate));
    }

    /** Share of the keys updated per checkpoint interval in the steady phase, in (0, 1]. */
    public Experiment churn(double churn) {
        if (!(churn > 0 && churn <= 1)) {
            throw new CkptException("churn must be in (0, 1] (share of keys updated per interval), got " + churn);
        }
        return with(workload.withChurn(churn));
    }

    public Experiment seed(long seed) {
        return with(workload.withSeed(seed));
    }

    /**
     * Replay a transactions table (columns account_id, amount) as the stream, keyed by account, with one piece of
     * state per account. Warm-up is the first pass over the table; steady replays it again.
     */
    public Experiment source(Table table) {
        if (table != null) {
            for (String col : List.of("account_id", "amount")) {
                if (!table.columnNames().contains(col)) {
                    throw new CkptException("source table '" + table.name() + "' has no column '" + col
                            + "' — columns: " + table.columnNames());
                }
            }
            if (table.rowCount() == 0) {
                throw new CkptException("source table '" + table.name() + "' is empty");
            }
        }
        return with(workload.withSource(table));
    }

    // ---- tuning ----------------------------------------------------------------------------------------------

    /**
     * Sets a RocksDB option by full key ({@code state.backend.rocksdb.writebuffer.size}) or short key
     * ({@code writebuffer.size}); the value is checked with Flink's own parser now.
     */
    public Experiment rocksdb(String key, String value) {
        String full = OptionCatalog.validate(key, value);
        return with(tuning.withRocksdb(full, value.trim()));
    }

    /**
     * A RocksDB predefined profile: DEFAULT, SPINNING_DISK_OPTIMIZED, SPINNING_DISK_OPTIMIZED_HIGH_MEM or
     * FLASH_SSD_OPTIMIZED (any case). Options set with {@link #rocksdb} still win over the profile's.
     */
    public Experiment profile(String name) {
        return rocksdb(ckpt.rocksdb.Profiles.KEY, ckpt.rocksdb.Profiles.validate(name));
    }

    /** Enables RocksDB native metrics (e.g. "estimate-live-data-size") and samples them about once per interval. */
    public Experiment rocksdbMetrics(String... metrics) {
        Tuning t = tuning;
        for (String m : metrics) {
            t = t.withMetric(OptionCatalog.metricKey(m));
        }
        return with(t);
    }

    /**
     * Managed memory per TaskManager (the embedded default is 1g, shared by its 4 slots). RocksDB sizes its block
     * cache and write buffers from its slot's share (state.backend.rocksdb.memory.managed=true, Flink's default),
     * so this is the knob for "how much memory does RocksDB get". It is fixed for a TaskManager's lifetime: a run
     * asking for another size restarts the cluster the tool started with it (earlier results are kept).
     */
    public Experiment managedMemory(String size) {
        long bytes;
        try {
            bytes = org.apache.flink.configuration.MemorySize.parse(size.trim()).getBytes();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CkptException("managedMemory '" + size + "' is not a memory size — write e.g. \"512m\", \"2g\"");
        }
        if (bytes < (16L << 20)) {
            throw new CkptException("managedMemory must be at least 16m, got " + size);
        }
        return with(tuning.withManagedMemory(size.trim()));
    }

    /**
     * Runs even when the planned state (keys × value size, times 3 for RocksDB's files and the checkpoints) looks
     * bigger than the free disk of the run folder; by default such a run is refused before it writes anything.
     */
    public Experiment skipDiskCheck() {
        return with(tuning.withSkipDiskCheck(true));
    }

    /**
     * Any other Flink configuration key for this job (an escape hatch). Keys the engine sets itself are refused with
     * the method to use instead ({@link EngineKeys}). The key must be
     * one of Flink's own options (a typo gets "did you mean"), and the value is parsed by Flink's parser now, so
     * {@code config("execution.checkpointing.interval", "abc")} fails on this line instead of running with the
     * default while experiment.json records "abc".
     */
    public Experiment config(String key, String value) {
        java.util.Optional<String> owned = key == null ? java.util.Optional.empty() : EngineKeys.hint(key.trim());
        if (owned.isPresent()) {
            throw new CkptException("config(\"" + key.trim() + "\", …): the engine sets this key for every run — "
                    + owned.get());
        }
        String k = ckpt.config.FlinkOptions.validate(key, value);
        return with(tuning.withConfig(k, value.trim()));
    }

    // ---- your own code ---------------------------------------------------------------------------------------

    /**
     * Your keyed function in place of the built-in operator: the harness source feeds it {@code (account, amount)}
     * records keyed by account — synthetic keys or a replayed table — through the same warm-up, gate and steady
     * phases, and every measurement stays the same. Its state is whatever it keeps.
     */
    public Experiment function(KeyedProcessFunction<Long, Tuple2<Long, Double>, ?> f) {
        if (f == null) {
            throw new CkptException("function(f): f is null — an earlier line probably failed");
        }
        // here, so the user learns at the line that made the experiment (the run checks again: a class may change)
        ckpt.usercode.UserCode.check(f, "function");
        return with(UserJob.function(f, codeLabel(f)));
    }

    /**
     * Your pipeline on the harness's input, e.g. {@code events -> events.keyBy(e -> e.f0).window(...).sum(1)}:
     * windows, joins, MapState functions. Every operator with keyed state is reported on.
     */
    public Experiment pipeline(Pipeline p) {
        if (p == null) {
            throw new CkptException("pipeline(p): p is null — an earlier line probably failed");
        }
        ckpt.usercode.UserCode.check(p, "pipeline");
        return with(UserJob.pipeline(p, codeLabel(p)));
    }

    /**
     * An existing Flink application: its main builds the job under this experiment's checkpoint settings (mode,
     * interval, folder, retained count, RocksDB options), and it runs for {@code seconds} after its first completed
     * checkpoint. No warm-up: the application brings its own sources.
     */
    public Experiment jar(String path) {
        if (path == null || path.isBlank()) {
            throw new CkptException("jar(path): the path is empty");
        }
        java.nio.file.Path p = java.nio.file.Path.of(path.trim());
        if (!java.nio.file.Files.isRegularFile(p)) {
            throw new CkptException("jar(\"" + path + "\"): no such file" + (java.nio.file.Files.isDirectory(p)
                    ? " (it is a folder)" : ""));
        }
        return with(UserJob.jar(p.toAbsolutePath().normalize().toString()));
    }

    /** The application's entry class (default: the jar's Main-Class). */
    public Experiment mainClass(String className) {
        requireJar("mainClass");
        if (className == null || !className.trim().matches("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*")) {
            throw new CkptException("mainClass(\"" + className + "\"): not a Java class name — e.g. \"com.acme.Job\"");
        }
        return with(code.withMainClass(className.trim()));
    }

    /** Arguments for the application's main. */
    public Experiment args(String... args) {
        requireJar("args");
        if (args == null || java.util.Arrays.stream(args).anyMatch(java.util.Objects::isNull)) {
            throw new CkptException("args(...): an argument is null");
        }
        return with(code.withArgs(List.of(args)));
    }

    private void requireJar(String what) {
        if (code.jar() == null) {
            throw new CkptException(what + "(...) belongs to an application jar: write experiment().jar(\"app.jar\")."
                    + what + "(...)");
        }
    }

    /** The class a snippet declared (MyFn), or, for a lambda, the snippet's wrapper it came from. */
    private static String codeLabel(Object f) {
        String n = f.getClass().getName();
        int lambda = n.indexOf("$$Lambda");
        if (lambda >= 0) {
            return "lambda";
        }
        return f.getClass().getSimpleName().isEmpty() ? n : f.getClass().getSimpleName();
    }

    // ---- faults ----------------------------------------------------------------------------------------------

    /**
     * One task fails this long into steady (e.g. "10s"); the restart strategy recovers it from the latest
     * checkpoint and the run goes on to its end. The run's restarts table records it.
     */
    public Experiment failAfter(String after) {
        return with(faults.withFailAfter(steadyTime("failAfter", after)));
    }

    /**
     * One TaskManager process is killed (SIGKILL) this long into steady; a replacement is started so the job can come
     * back. Needs a localCluster(…) target: the run refuses any other at its start.
     */
    public Experiment killTaskManagerAfter(String after) {
        return with(faults.withKillAfter(steadyTime("killTaskManagerAfter", after)));
    }

    /**
     * A savepoint this long into steady, in Flink's "canonical" (portable) or "native" (the backend's own files)
     * format; call it again for more. Each shows in run.savepoints() with its duration, bytes and files.
     */
    public Experiment savepointAfter(String after, String format) {
        String f = format == null ? "" : format.trim().toLowerCase(Locale.ROOT);
        if (!f.equals("canonical") && !f.equals("native")) {
            throw new CkptException("savepoint format '" + format + "' — allowed: canonical, native");
        }
        return with(faults.withSavepoint(new Faults.SavepointAt(steadyTime("savepointAfter", after), f)));
    }

    private Duration steadyTime(String what, String after) {
        Duration d = duration(what, after);
        if (d.isNegative() || d.toMillis() >= seconds * 1000L) {
            throw new CkptException(what + " " + after + " must fall inside the steady phase (0 to " + seconds
                    + " s; set seconds(…) first)");
        }
        return d;
    }

    // ---- recovery ----------------------------------------------------------------------------------------------

    /** Restore from a checkpoint or savepoint (its chk-N folder, _metadata, or savepoint folder) instead of a warm-up. */
    public Experiment restoreFrom(String path) {
        if (path == null || path.isBlank()) {
            throw new CkptException("restoreFrom needs a checkpoint or savepoint path");
        }
        return with(recovery.withRestoreFrom(path.trim()));
    }

    /**
     * How a restore treats the files it restores from: "no_claim" (Flink's default: they stay the original's; the
     * first checkpoint is a full one) or "claim" (the new job owns and may delete them).
     */
    public Experiment claim(String mode) {
        String m = mode == null ? "" : mode.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if (!m.equals("claim") && !m.equals("no_claim")) {
            throw new CkptException("claim mode '" + mode + "' — allowed: claim, no_claim");
        }
        return with(recovery.withClaim(m.equals("claim")));
    }

    /** Keep TaskManager-local copies of checkpoints (execution.checkpointing.local-backup.enabled) for failovers. */
    public Experiment localRecovery(boolean on) {
        return with(recovery.withLocalRecovery(on));
    }

    /**
     * After a restore, read every key once before steady and compare the sum of its update counts with the records
     * the restored checkpoint had applied (run.verification() says whether they match). Synthetic keys only.
     */
    public Experiment verifyState() {
        return with(recovery.withVerifyState(true));
    }

    /** Fill the state with a warm-up even when a cached warm state of the same settings exists. */
    public Experiment freshState() {
        return with(recovery.withFreshState(true));
    }

    /** In incremental mode, take every n-th checkpoint FULL (0 = never): bounds the chain a restore must fetch. */
    public Experiment fullCheckpointEvery(int n) {
        if (n < 0 || n > 10_000) {
            throw new CkptException("fullCheckpointEvery must be between 0 (never) and 10000, got " + n);
        }
        return with(recovery.withFullCheckpointEvery(n));
    }

    // ---- state shape, storage and checkpoint flavours (backend matrix) -----------------------------------------

    /**
     * The state's shape per key: {@code "value"} (default: one ValueState, read-modify-write), {@code "map"} (a
     * MapState of {@link #entries} entries; each record rewrites one entry) or {@code "list"} (a ListState of
     * {@link #entries} elements; each record appends one and drops the oldest).
     */
    public Experiment state(String kind) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        if (!List.of(StateShape.VALUE, StateShape.MAP, StateShape.LIST).contains(k)) {
            throw new CkptException("state '" + kind + "' — allowed: value, map, list");
        }
        return with(workload.withShape(workload.shape().withKind(k)));
    }

    /** Entries per key of a map state, elements per key of a list state (default 4; ignored for value). */
    public Experiment entries(int entries) {
        if (entries < 1 || entries > 100_000) {
            throw new CkptException("entries must be between 1 and 100000, got " + entries);
        }
        return with(workload.withShape(workload.shape().withEntries(entries)));
    }

    /**
     * State time-to-live, e.g. "30s": an entry not written for that long expires. On RocksDB the compaction filter
     * drops expired entries, so the state shrinks when RocksDB compacts (not at the moment of expiry).
     */
    public Experiment ttl(String ttl) {
        Duration d = duration("ttl", ttl);
        if (d.toMillis() < 1) {
            throw new CkptException("ttl must be at least 1ms, got " + ttl);
        }
        return with(workload.withShape(workload.shape().withTtl(d)));
    }

    /** A slow sink: this long per record (e.g. "1ms"), so the job backpressures as one with a slow database would. */
    public Experiment sinkDelay(String delay) {
        Duration d = duration("sinkDelay", delay);
        if (d.isNegative() || d.toMillis() > 10_000) {
            throw new CkptException("sinkDelay must be between 0 and 10s per record, got " + delay);
        }
        return with(workload.withShape(workload.shape().withSinkDelay(d.isZero() ? null : d)));
    }

    /** Changelog mode: how often RocksDB is materialized (state.changelog.periodic-materialize.interval). */
    public Experiment materializeEvery(String every) {
        Duration d = duration("materializeEvery", every);
        if (d.toMillis() < 100) {
            throw new CkptException("materializeEvery must be at least 100ms, got " + every);
        }
        return with(checkpointing.withExtras(checkpointing.extras().withMaterializeEvery(d)));
    }

    /** Merges small checkpoint files into fewer physical files (execution.checkpointing.file-merging.enabled). */
    public Experiment fileMerging(boolean on) {
        return with(checkpointing.withExtras(checkpointing.extras().withFileMerging(on)));
    }

    /** Unaligned checkpoints (execution.checkpointing.unaligned.enabled): barriers overtake in-flight data. */
    public Experiment unaligned(boolean on) {
        return with(checkpointing.withExtras(checkpointing.extras().withUnaligned(on)));
    }

    /**
     * Where checkpoints are stored: {@code "local"} (default: the run's folder, or {@link #checkpointDir}) or
     * {@code "s3"}: an S3 server embedded in this JVM on 127.0.0.1, reached through Flink's own S3 file system
     * plugin. For a real object store use {@code checkpointDir("s3://bucket/path")} with
     * {@code config("s3.endpoint", …)} instead.
     */
    public Experiment storage(String kind) {
        String k = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        if (!List.of(CheckpointExtras.LOCAL, CheckpointExtras.S3).contains(k)) {
            throw new CkptException("storage '" + kind + "' — allowed: local, s3");
        }
        return with(checkpointing.withExtras(checkpointing.extras().withStorage(k)));
    }

    /** Latency the embedded S3 server adds to every request, e.g. "20ms" (storage("s3") only). */
    public Experiment storageLatency(String latency) {
        Duration d = duration("storageLatency", latency);
        if (d.isNegative() || d.toMillis() > 60_000) {
            throw new CkptException("storageLatency must be between 0 and 60s, got " + latency);
        }
        return with(checkpointing.withExtras(checkpointing.extras().withStorageLatency(d.isZero() ? null : d)));
    }

    /**
     * Bandwidth the embedded S3 server allows each request's body, per second, e.g. "100mb" (storage("s3") only;
     * Flink's memory-size units: "100mb" is 100 MiB/s).
     */
    public Experiment storageBandwidth(String perSecond) {
        long bytes;
        try {
            bytes = org.apache.flink.configuration.MemorySize.parse(perSecond.trim()).getBytes();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CkptException("storageBandwidth '" + perSecond + "' is not a size per second — write e.g. \"100mb\"");
        }
        if (bytes < 1000) {
            throw new CkptException("storageBandwidth must be at least 1kb per second, got " + perSecond);
        }
        return with(checkpointing.withExtras(checkpointing.extras().withStorageBandwidth(bytes)));
    }

    /** The state's shape, TTL and sink (see {@link #state}). */
    public StateShape shape() {
        return workload.shape();
    }

    /** Storage and checkpoint flavours (see {@link #storage}). */
    public CheckpointExtras extras() {
        return checkpointing.extras();
    }

    // ---- reading ---------------------------------------------------------------------------------------------

    public Mode mode() {
        return checkpointing.mode();
    }

    public Duration interval() {
        return checkpointing.interval();
    }

    public Duration minPause() {
        return checkpointing.minPause();
    }

    public Duration timeout() {
        return checkpointing.timeout();
    }

    public int retained() {
        return checkpointing.retained();
    }

    /** The checkpoint URI asked for, or null (the target's default). */
    public String checkpointDir() {
        return checkpointing.dir();
    }

    public long keys() {
        return workload.keys();
    }

    public int valueBytes() {
        return workload.valueBytes();
    }

    public long rate() {
        return workload.rate();
    }

    public double churn() {
        return workload.churn();
    }

    public long seed() {
        return workload.seed();
    }

    public Table source() {
        return workload.source();
    }

    public Map<String, String> rocksdb() {
        return tuning.rocksdb();
    }

    public List<String> rocksdbMetrics() {
        return tuning.rocksdbMetrics();
    }

    public Map<String, String> flinkConfig() {
        return tuning.flinkConfig();
    }

    /** The managed memory asked for, or null (the target's default). */
    public String managedMemory() {
        return tuning.managedMemory();
    }

    /** Steady-phase target rate in records/s (0 = unthrottled, only for table replay with rate 0). */
    public double steadyRate() {
        if (rate() > 0) {
            return rate();
        }
        if (source() != null) {
            return 0;
        }
        return Math.max(1.0, churn() * keys() * 1000.0 / interval().toMillis());
    }

    private static Duration duration(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new CkptException(what + " is empty — write e.g. \"1s\", \"500ms\", \"2min\"");
        }
        try {
            return TimeUtils.parseDuration(text.trim());
        } catch (RuntimeException e) {
            throw new CkptException(what + " '" + text + "' is not a duration — write e.g. \"1s\", \"500ms\", \"2min\"");
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(mode()).append(" · ");
        if (!code.builtIn()) {
            sb.append(code.describe()).append(" · ");
        }
        if (!code.harnessSource()) {
            // the application's own sources decide keys and rates
        } else if (source() != null) {
            sb.append("table ").append(source().name()).append(" (")
                    .append(String.format(Locale.ROOT, "%,d", source().rowCount())).append(" rows)");
        } else {
            sb.append(String.format(Locale.ROOT, "%,d keys × %d B", keys(), valueBytes())).append(" · churn ")
                    .append(churn());
        }
        sb.append(" · ").append(seconds).append(" s steady · interval ").append(TimeUtils.formatWithHighestUnit(interval()));
        if (parallelism > 1) {
            sb.append(" · p").append(parallelism);
        }
        if (rate() > 0) {
            sb.append(" · ").append(String.format(Locale.ROOT, "%,d", rate())).append(" rec/s");
        }
        if (managedMemory() != null) {
            sb.append(" · managed memory ").append(managedMemory());
        }
        if (checkpointDir() != null) {
            sb.append(" · ").append(checkpointDir());
        }
        if (faults.failAfter() != null) {
            sb.append(" · fail after ").append(TimeUtils.formatWithHighestUnit(faults.failAfter()));
        }
        if (faults.killTaskManagerAfter() != null) {
            sb.append(" · kill a TaskManager after ").append(TimeUtils.formatWithHighestUnit(faults.killTaskManagerAfter()));
        }
        for (Faults.SavepointAt sp : faults.savepoints()) {
            sb.append(" · ").append(sp.format()).append(" savepoint after ")
                    .append(TimeUtils.formatWithHighestUnit(sp.after()));
        }
        if (recovery.restoreFrom() != null) {
            sb.append(" · restored from ").append(recovery.restoreFrom()).append(recovery.claim() ? " (claim)" : "");
        }
        if (recovery.localRecovery()) {
            sb.append(" · local recovery");
        }
        if (recovery.fullCheckpointEvery() > 0) {
            sb.append(" · full every ").append(recovery.fullCheckpointEvery());
        }
        rocksdb().forEach((k, v) -> sb.append(" · ").append(k.replace(OptionCatalog.PREFIX, "")).append('=').append(v));
        StateShape sh = shape();
        if (!sh.kind().equals(StateShape.VALUE)) {
            sb.append(" · ").append(sh.kind()).append(" × ").append(sh.entries());
        }
        if (sh.ttl() != null) {
            sb.append(" · ttl ").append(TimeUtils.formatWithHighestUnit(sh.ttl()));
        }
        if (sh.sinkDelay() != null) {
            sb.append(" · sink ").append(TimeUtils.formatWithHighestUnit(sh.sinkDelay())).append("/record");
        }
        CheckpointExtras x = extras();
        if (x.embeddedS3()) {
            sb.append(" · storage s3");
            if (x.storageLatency() != null) {
                sb.append(" +").append(TimeUtils.formatWithHighestUnit(x.storageLatency()));
            }
            if (x.storageBandwidth() > 0) {
                sb.append(" ").append(new org.apache.flink.configuration.MemorySize(x.storageBandwidth()).toHumanReadableString()
                        .replaceAll(" \\(.*\\)", "")).append("/s");
            }
        }
        if (x.materializeEvery() != null) {
            sb.append(" · materialize every ").append(TimeUtils.formatWithHighestUnit(x.materializeEvery()));
        }
        if (x.fileMerging()) {
            sb.append(" · file merging");
        }
        if (x.unaligned()) {
            sb.append(" · unaligned");
        }
        return sb.toString();
    }
}
