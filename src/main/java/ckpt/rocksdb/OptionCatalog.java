package ckpt.rocksdb;

import ckpt.CkptException;

/**
 * PLACEHOLDER — the rocksdb room replaces this with the full catalog read from Flink's ConfigOptions.
 * Contract used by the engine: {@link #validate} returns the full key or throws a one-line CkptException;
 * {@link #metricKey} maps "estimate-live-data-size" to the full metric option key.
 */
public final class OptionCatalog {
    private OptionCatalog() {
    }

    public static String validate(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new CkptException("RocksDB option key is empty");
        }
        if (value == null) {
            throw new CkptException("RocksDB option '" + key + "' needs a value");
        }
        return key.startsWith("state.backend.rocksdb.") ? key : "state.backend.rocksdb." + key;
    }

    /** Every known RocksDB option key (full form), for completion. */
    public static java.util.List<String> keys() {
        return java.util.List.of();
    }

    public static String metricKey(String metric) {
        return metric.startsWith("state.backend.rocksdb.metrics.") ? metric : "state.backend.rocksdb.metrics." + metric;
    }
}
