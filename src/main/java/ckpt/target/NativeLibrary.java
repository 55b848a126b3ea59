package ckpt.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RocksDB's JNI library, unpacked once into a local cluster's folder for its TaskManagers' {@code java.library.path}.
 * Without it every TaskManager unpacks the 13 MB library from the jar for its first RocksDB task (Flink's
 * {@code ensureRocksDBIsLoaded}). On two busy cores that took 0.4 s of the first run. RocksDB's loader tries the
 * library path before the jar, so the TaskManagers load the same file the jar holds.
 */
final class NativeLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(NativeLibrary.class);

    private NativeLibrary() {
    }

    /** Unpacks the library into {@code folder}; empty (the TaskManagers unpack it themselves) if that fails. */
    static Optional<Path> rocksDb(Path folder) {
        try {
            // RocksDB's own name for this platform's library, e.g. librocksdbjni-linux64.so
            String name = org.rocksdb.util.Environment.getJniLibraryFileName("rocksdb");
            try (InputStream in = NativeLibrary.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    return Optional.empty();
                }
                Files.createDirectories(folder);
                Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            return Optional.of(folder);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.info("RocksDB's library not unpacked for the TaskManagers", e);
            return Optional.empty();
        }
    }

    /** The JVM flag that puts {@code folder} ahead of the default library path. */
    static String flag(Path folder) {
        String defaults = System.getProperty("java.library.path", "");
        return "-Djava.library.path=" + folder + (defaults.isEmpty() ? "" : java.io.File.pathSeparator + defaults);
    }
}
