package ckpt.flink;

import ckpt.rocksdb.RocksDbOptionsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** RocksDB options as RocksDB itself wrote them (its OPTIONS file): the proof that settings were applied. */
final class AppliedOptions {
    private AppliedOptions() {
    }

    /**
     * Prefers the OPTIONS file inside the retained checkpoint (what a restore would use; both modes keep it, inlined
     * in _metadata or uploaded), else the copy taken from RocksDB's working directory during the run. Keys are
     * section-qualified:
     * {@code CFOptions "value".write_buffer_size}.
     */
    static Map<String, String> read(Path copied, Path jobCheckpointDir) {
        try {
            var fromCheckpoint = RocksDbOptionsFile.fromCheckpoint(jobCheckpointDir);
            if (fromCheckpoint.isPresent()) {
                return fromCheckpoint.get();
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AppliedOptions.class).warn("checkpoint metadata", e);
        }
        return Files.isRegularFile(copied) ? RocksDbOptionsFile.read(copied) : Map.of();
    }
}
