package ckpt.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * The Flink options the engine sets for every run, each with what to use instead. The engine's values win over
 * {@code config(key, value)} — the measurement relies on them — so {@link Experiment#config} refuses these keys
 * rather than record a value that is silently ignored. JobConfigTest keeps this list and the engine in step.
 */
public final class EngineKeys {
    private static final Map<ConfigOption<?>, String> OWNED = new LinkedHashMap<>();

    static {
        OWNED.put(StateBackendOptions.STATE_BACKEND, "use mode(...)");
        OWNED.put(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, "use mode(\"full\") or mode(\"incremental\")");
        OWNED.put(CheckpointingOptions.CHECKPOINTS_DIRECTORY, "use checkpointDir(...)");
        OWNED.put(CheckpointingOptions.CHECKPOINTING_INTERVAL, "use interval(...)");
        OWNED.put(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, "use minPause(...)");
        OWNED.put(CheckpointingOptions.CHECKPOINTING_TIMEOUT, "use timeout(...)");
        OWNED.put(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, "use retained(...)");
        OWNED.put(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS,
                "fixed at 1 by the engine: the phase bounds rely on one checkpoint at a time");
        OWNED.put(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                "fixed by the engine: a cancelled run keeps its last checkpoint for restores");
        OWNED.put(RocksDBOptions.LOCAL_DIRECTORIES, "fixed by the engine: RocksDB works in the run's folder");
        OWNED.put(PipelineOptions.NAME, "use name(...): the job is named after the run");
        OWNED.put(CheckpointingOptions.LOCAL_BACKUP_ENABLED, "use localRecovery(true)");
        OWNED.put(org.apache.flink.configuration.StateChangelogOptions.ENABLE_STATE_CHANGE_LOG,
                "use mode(\"changelog\")");
        OWNED.put(StateRecoveryOptions.LOCAL_RECOVERY, "use localRecovery(true)");
    }

    private EngineKeys() {
    }

    /** What to use instead of {@code config(key, …)}, when the engine sets that key (or one it falls back to). */
    public static Optional<String> hint(String key) {
        for (Map.Entry<ConfigOption<?>, String> e : OWNED.entrySet()) {
            if (e.getKey().key().equals(key)) {
                return Optional.of(e.getValue());
            }
            for (FallbackKey f : e.getKey().fallbackKeys()) {
                if (f.getKey().equals(key)) {
                    return Optional.of(e.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** The keys, for tests. */
    public static java.util.Set<String> keys() {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        OWNED.keySet().forEach(o -> out.add(o.key()));
        return out;
    }
}
