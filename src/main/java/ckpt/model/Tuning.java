package ckpt.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Knobs below the job: RocksDB options (full keys, checked against Flink's own options when set), RocksDB native
 * metrics to sample, any other Flink key, the TaskManager's managed memory (null = the target's default), and
 * whether to run even when the planned state looks too big for the free disk.
 */
public record Tuning(Map<String, String> rocksdb, List<String> rocksdbMetrics, Map<String, String> flinkConfig,
                     String managedMemory, boolean skipDiskCheck) {

    public Tuning {
        rocksdb = Collections.unmodifiableMap(new LinkedHashMap<>(rocksdb));
        rocksdbMetrics = List.copyOf(rocksdbMetrics);
        flinkConfig = Collections.unmodifiableMap(new LinkedHashMap<>(flinkConfig));
    }

    static Tuning defaults() {
        return new Tuning(Map.of(), List.of(), Map.of(), null, false);
    }

    Tuning withRocksdb(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(rocksdb);
        next.put(key, value);
        return new Tuning(next, rocksdbMetrics, flinkConfig, managedMemory, skipDiskCheck);
    }

    Tuning withMetric(String key) {
        List<String> next = new ArrayList<>(rocksdbMetrics);
        if (!next.contains(key)) {
            next.add(key);
        }
        return new Tuning(rocksdb, next, flinkConfig, managedMemory, skipDiskCheck);
    }

    Tuning withConfig(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(flinkConfig);
        next.put(key, value);
        return new Tuning(rocksdb, rocksdbMetrics, next, managedMemory, skipDiskCheck);
    }

    Tuning withManagedMemory(String v) {
        return new Tuning(rocksdb, rocksdbMetrics, flinkConfig, v, skipDiskCheck);
    }

    Tuning withSkipDiskCheck(boolean v) {
        return new Tuning(rocksdb, rocksdbMetrics, flinkConfig, managedMemory, v);
    }
}
