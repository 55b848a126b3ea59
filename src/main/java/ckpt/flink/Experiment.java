package ckpt.flink;

import ckpt.CkptException;
import ckpt.rocksdb.OptionCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.TimeUtils;
import tech.tablesaw.api.Table;

/**
 * What to measure: an immutable description of one checkpoint experiment. Every "setter" returns a new
 * experiment, so a base can be varied freely ({@code base.mode("incremental")}) without surprises.
 * Values are checked when they are set, so a typo fails on the line that made it, not minutes later.
 *
 * <p>A synthetic run has two phases: <b>warm-up</b> writes every key once as fast as the machine allows, then
 * <b>steady</b> updates {@code churn × keys} keys per checkpoint interval for {@code seconds}.
 */
public record Experiment(
        String name,
        Mode mode,
        int seconds,
        Duration interval,
        Duration minPause,
        Duration timeout,
        int retained,
        int parallelism,
        long keys,
        int valueBytes,
        long rate,
        double churn,
        long seed,
        Table source,
        Map<String, String> rocksdb,
        List<String> rocksdbMetrics,
        Map<String, String> flinkConfig,
        String managedMemory) {

    public Experiment {
        rocksdb = Collections.unmodifiableMap(new LinkedHashMap<>(rocksdb));
        rocksdbMetrics = List.copyOf(rocksdbMetrics);
        flinkConfig = Collections.unmodifiableMap(new LinkedHashMap<>(flinkConfig));
    }

    /** Sensible defaults: INCREMENTAL, 100,000 keys × 100 bytes, churn 0.05, 1 s interval, 10 steady seconds. */
    public static Experiment defaults() {
        return new Experiment(null, Mode.INCREMENTAL, 10, Duration.ofSeconds(1), Duration.ZERO,
                Duration.ofMinutes(10), 1, 1, 100_000, 100, 0, 0.05, 42, null,
                Map.of(), List.of(), Map.of(), Cluster.MANAGED_MEMORY);
    }

    /** The run's display name: the one given, else the mode's label ("full", "incremental"). */
    public String displayName() {
        return name != null ? name : mode.label();
    }

    public Experiment name(String name) {
        if (name != null && !name.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new CkptException("name '" + name + "' — use 1–40 letters, digits, '.', '_' or '-'");
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    public Experiment mode(Mode mode) {
        if (mode == null) {
            throw new CkptException("mode is null — allowed: " + Mode.allowed());
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    public Experiment mode(String mode) {
        return mode(Mode.parse(mode));
    }

    /** Steady-phase duration in seconds (warm-up comes on top). */
    public Experiment seconds(int seconds) {
        if (seconds < 1 || seconds > 86_400) {
            throw new CkptException("seconds must be between 1 and 86400, got " + seconds);
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    /** Checkpoint interval, e.g. "1s", "500ms", "2min" (parsed by Flink's own duration parser). */
    public Experiment interval(String interval) {
        Duration d = duration("interval", interval);
        if (d.toMillis() < 10) {
            throw new CkptException("interval must be at least 10ms, got " + interval);
        }
        return new Experiment(name, mode, seconds, d, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    public Experiment minPause(String minPause) {
        return new Experiment(name, mode, seconds, interval, duration("minPause", minPause), timeout, retained,
                parallelism, keys, valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    public Experiment timeout(String timeout) {
        Duration d = duration("timeout", timeout);
        if (d.toMillis() < 100) {
            throw new CkptException("timeout must be at least 100ms, got " + timeout);
        }
        return new Experiment(name, mode, seconds, interval, minPause, d, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    /** How many completed checkpoints Flink keeps on disk (execution.checkpointing.num-retained). */
    public Experiment retained(int retained) {
        if (retained < 1 || retained > 100) {
            throw new CkptException("retained must be between 1 and 100, got " + retained);
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    public Experiment parallelism(int parallelism) {
        if (parallelism < 1 || parallelism > Cluster.SLOTS) {
            throw new CkptException("parallelism must be between 1 and " + Cluster.SLOTS + ", got " + parallelism);
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    /** Number of distinct keys in state (synthetic runs). */
    public Experiment keys(long keys) {
        if (keys < 1 || keys > 2_000_000_000L) {
            throw new CkptException("keys must be between 1 and 2,000,000,000, got " + keys);
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    /** Bytes of value per key (random, so RocksDB compression cannot hide them). */
    public Experiment valueBytes(int valueBytes) {
        if (valueBytes < 16 || valueBytes > 1 << 20) {
            throw new CkptException("valueBytes must be between 16 and 1048576, got " + valueBytes);
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    /**
     * Steady-phase records per second. 0 (default) derives it from churn: {@code churn × keys} records per
     * checkpoint interval. For a table source with rate 0 the table is replayed as fast as possible.
     */
    public Experiment rate(long rate) {
        if (rate < 0) {
            throw new CkptException("rate must be ≥ 0 records/s (0 = derive from churn), got " + rate);
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    /** Share of the keys updated per checkpoint interval in the steady phase, in (0, 1]. */
    public Experiment churn(double churn) {
        if (!(churn > 0 && churn <= 1)) {
            throw new CkptException("churn must be in (0, 1] (share of keys updated per interval), got " + churn);
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    public Experiment seed(long seed) {
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
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
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, table, rocksdb, rocksdbMetrics, flinkConfig, managedMemory);
    }

    /**
     * Sets a RocksDB option by full key ({@code state.backend.rocksdb.writebuffer.size}) or short key
     * ({@code writebuffer.size}); the value is checked with Flink's own parser now.
     */
    public Experiment rocksdb(String key, String value) {
        String full = OptionCatalog.validate(key, value);
        Map<String, String> next = new LinkedHashMap<>(rocksdb);
        next.put(full, value.trim());
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, next, rocksdbMetrics, flinkConfig, managedMemory);
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
        List<String> next = new ArrayList<>(rocksdbMetrics);
        for (String m : metrics) {
            String key = OptionCatalog.metricKey(m);
            if (!next.contains(key)) {
                next.add(key);
            }
        }
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, next, flinkConfig, managedMemory);
    }

    /**
     * Managed memory of the TaskManager (default 1g, shared by its 4 slots). RocksDB sizes its block cache and
     * write buffers from its slot's share (state.backend.rocksdb.memory.managed=true, Flink's default), so this is
     * the knob for "how much memory does RocksDB get". A run asking for a different size restarts the embedded
     * cluster with it (earlier runs' results are kept; they are already measured).
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
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, flinkConfig, size.trim());
    }

    /** Any other Flink configuration key for this job (an escape hatch; the engine's own keys win). */
    public Experiment config(String key, String value) {
        if (key == null || key.isBlank() || value == null) {
            throw new CkptException("config needs a key and a value");
        }
        Map<String, String> next = new LinkedHashMap<>(flinkConfig);
        next.put(key.trim(), value.trim());
        return new Experiment(name, mode, seconds, interval, minPause, timeout, retained, parallelism, keys,
                valueBytes, rate, churn, seed, source, rocksdb, rocksdbMetrics, next, managedMemory);
    }

    /** Steady-phase target rate in records/s (0 = unthrottled, only for table replay with rate 0). */
    public double steadyRate() {
        if (rate > 0) {
            return rate;
        }
        if (source != null) {
            return 0;
        }
        return Math.max(1.0, churn * keys * 1000.0 / interval.toMillis());
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
        sb.append(mode).append(" · ");
        if (source != null) {
            sb.append("table ").append(source.name()).append(" (").append(source.rowCount()).append(" rows)");
        } else {
            sb.append(String.format("%,d keys × %d B", keys, valueBytes)).append(" · churn ").append(churn);
        }
        sb.append(" · ").append(seconds).append(" s steady · interval ").append(TimeUtils.formatWithHighestUnit(interval));
        if (parallelism > 1) {
            sb.append(" · p").append(parallelism);
        }
        if (rate > 0) {
            sb.append(" · ").append(rate).append(" rec/s");
        }
        if (!managedMemory.equals(Cluster.MANAGED_MEMORY)) {
            sb.append(" · managed memory ").append(managedMemory);
        }
        rocksdb.forEach((k, v) -> sb.append(" · ").append(k.replace("state.backend.rocksdb.", "")).append('=').append(v));
        return sb.toString();
    }
}
