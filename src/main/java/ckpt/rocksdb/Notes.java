package ckpt.rocksdb;

import java.util.Map;

/**
 * What this project knows about an option beyond Flink's description: how it behaves in these experiments.
 * Each note was checked against the Flink 2.3 sources (RocksDBResourceContainer, RocksDBMemoryControllerUtils,
 * EmbeddedRocksDBStateBackend, RocksDBSharedResourcesFactory).
 */
final class Notes {
    private Notes() {
    }

    private static final String P = OptionCatalog.PREFIX;
    private static final String MANAGED =
            "while memory is bounded (memory.managed=true, the default, or memory.fixed-per-slot)";

    private static final Map<String, String> NOTES = Map.ofEntries(
            Map.entry(P + "block.cache-size", "ignored " + MANAGED
                    + ": the slot's shared cache replaces it; takes effect with memory.managed=false"),
            Map.entry(P + "writebuffer.size", "per column family; " + MANAGED
                    + " a shared write buffer manager (capacity 2/3 × write-buffer-ratio × budget) can flush earlier"),
            Map.entry(P + "writebuffer.count", "total memtable memory is also capped by the shared write buffer manager "
                    + MANAGED),
            Map.entry(P + "memory.managed", "true: block cache and write buffers come out of the slot's managed memory"
                    + " (the shell's cluster: 1g over 4 slots); false with no fixed-per-slot: each column family"
                    + " uses block.cache-size and writebuffer.* on its own, unbounded"),
            Map.entry(P + "memory.fixed-per-slot", "takes precedence over memory.managed"),
            Map.entry(P + "memory.fixed-per-tm", "cluster-level: read from the TaskManager's configuration at start,"
                    + " not settable per run"),
            Map.entry(P + "memory.write-buffer-ratio", "only " + MANAGED
                    + "; together with high-prio-pool-ratio Flink needs 2·w/(3−w) + h < 1"),
            Map.entry(P + "memory.high-prio-pool-ratio", "only " + MANAGED),
            Map.entry(P + "memory.partitioned-index-filters", "only " + MANAGED),
            Map.entry("taskmanager.memory.managed.size", "cluster-level: the shell's cluster starts with 1g;"
                    + " not settable per run"),
            Map.entry("taskmanager.memory.managed.fraction", "cluster-level, and unused while managed.size is set"
                    + " (the shell's cluster sets it); not settable per run"),
            Map.entry(P + "predefined-options", "a profile: options you set explicitly win over the profile's values"),
            Map.entry(P + "options-factory", "the class must be on the JVM classpath (not defined in the shell) and"
                    + " implement RocksDBOptionsFactory; it is applied after profile and configurable options"),
            Map.entry(P + "compaction.style", "FIFO deletes the oldest SST files once their total passes RocksDB's"
                    + " max_table_files_size (1 GB by default): state is lost, checkpoints shrink"),
            Map.entry(P + "compaction.filter.periodic-compaction-time", "set on every column family (RocksDB"
                    + " periodic_compaction_seconds): SST files older than this are compacted again — days, so it"
                    + " does not show in runs of minutes"),
            Map.entry(P + "compaction.filter.query-time-after-num-entries", "only used by the TTL compaction filter"),
            Map.entry(P + "restore-overlap-fraction-threshold", "only matters when restoring"),
            Map.entry(P + "use-ingest-db-restore-mode", "only matters when restoring"),
            Map.entry(P + "incremental-restore-async-compact-after-rescale", "only matters when restoring after rescale"),
            Map.entry(P + "rescaling.use-delete-files-in-range", "only matters when rescaling"),
            Map.entry(P + "timer-service.factory", "only matters for jobs with timers"),
            Map.entry(P + "timer-service.cache-size", "only matters for jobs with timers"),
            Map.entry(P + "checkpoint.transfer.thread.num", "threads uploading SST files per stateful operator:"
                    + " affects the async part of checkpoint duration"),
            Map.entry(P + "use-bloom-filter", "speeds up point reads; adds filter blocks (about bits-per-key bits per key) to every SST file, so"
                    + " checkpoints grow slightly"),
            Map.entry(P + "metrics.column-family-as-variable", "metric naming switch; the engine relies on the default"));

    static String of(String key) {
        if (key.startsWith(OptionCatalog.METRICS_PREFIX) && !NOTES.containsKey(key)) {
            return "native metric switch: use rocksdbMetrics(\"" + key.substring(OptionCatalog.METRICS_PREFIX.length())
                    + "\")";
        }
        return NOTES.getOrDefault(key, "");
    }
}
