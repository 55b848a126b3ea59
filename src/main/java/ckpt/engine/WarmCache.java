package ckpt.engine;

import ckpt.io.Files2;
import ckpt.model.Experiment;
import ckpt.model.Mode;
import ckpt.target.Target;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * Warm state reused: filling a large state takes long (about a minute per GiB here) and every run of a sweep would
 * pay it again. The first run of given state-shaping settings leaves a native-format savepoint of its finished
 * warm-up here; later runs with the same settings restore it instead of filling — FULL and INCREMENTAL alike then
 * start from byte-identical state, a fairer comparison than two fills.
 *
 * <p>On by default for states of at least {@link #MIN_STATE} planned bytes (below that a fill is quicker than a
 * savepoint and a restore) on targets that share this disk; {@code experiment().freshState()} opts out. The key
 * holds everything that shapes the state's files: keys, value size, seed, parallelism, backend, the RocksDB options,
 * the Flink version and the job's state layout. The cache is bounded ({@value #DEFAULT_LIMIT_GIB} GiB, or
 * {@code -Dckpt.cache.limit=…}; the least recently used entries go first) and {@code cleanCheckpoints} clears it.
 */
public final class WarmCache {
    /** Below this planned state a fill is cheaper than writing and restoring a savepoint. */
    static final long MIN_STATE = 64L << 20;
    static final int DEFAULT_LIMIT_GIB = 8;
    /** Bumped when the job's state layout changes: older entries no longer match. */
    static final int LAYOUT = 1;
    private static final String KEY_FILE = "key.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private WarmCache() {
    }

    /** Whether this run may use the cache (and fill it when the entry is missing). */
    static boolean applies(Experiment e, Target t) {
        // only the built-in operator's state is known from the settings alone; a user's function keeps its own
        return e.code().builtIn() && !e.recovery().freshState() && e.recovery().restoreFrom() == null && e.source() == null
                && t.sharesDisk() && e.checkpointDir() == null && e.mode().backend().equals("rocksdb")
                && DiskCheck.plannedState(e) >= MIN_STATE && !Boolean.getBoolean("ckpt.cache.off");
    }

    /** The cached warm savepoint for these settings, if one is complete. */
    static Optional<String> lookup(Experiment e) {
        Path slot = slot(e);
        Path key = slot.resolve(KEY_FILE);
        if (!Files.isRegularFile(key)) {
            return Optional.empty();
        }
        try {
            Map<?, ?> m = JSON.readValue(key.toFile(), Map.class);
            Object sp = m.get("savepoint");
            if (sp == null || !Files.isDirectory(Path.of(URI.create(sp.toString())))) {
                return Optional.empty();
            }
            Files.setLastModifiedTime(key, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return Optional.of(sp.toString());
        } catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    /** Where the savepoint of these settings goes (as a URI Flink can write to). */
    static String target(Experiment e) {
        Path slot = slot(e);
        try {
            Files.createDirectories(slot);
        } catch (IOException ex) {
            throw new ckpt.error.CkptException("cannot create the warm-state cache folder " + slot + ": " + ex.getMessage());
        }
        return slot.toAbsolutePath().toUri().toString();
    }

    /** The savepoint completed: record it as the entry for these settings, then keep the cache within its limit. */
    static void commit(Experiment e, String savepoint) {
        Path slot = slot(e);
        Map<String, Object> m = new LinkedHashMap<>(fields(e));
        m.put("savepoint", savepoint);
        try {
            new Recorder(slot).json(KEY_FILE, m);
        } catch (RuntimeException ex) {
            org.slf4j.LoggerFactory.getLogger(WarmCache.class).warn("warm state not cached", ex);
        }
        evict(limit());
    }

    /** A savepoint written into the cache that will not be its entry (it came too late): its files go. */
    static void discard(String savepoint) {
        Files2.deleteRecursively(Path.of(URI.create(savepoint)));
    }

    /** Removes every entry; returns the bytes freed. */
    public static long clear() {
        long freed = Files2.size(root());
        Files2.deleteRecursively(root());
        return freed;
    }

    static Path root() {
        String home = System.getProperty("ckpt.home");
        return home == null ? Path.of("warm-cache") : Path.of(home, "warm-cache");
    }

    static Path slot(Experiment e) {
        return root().resolve(hash(fields(e)));
    }

    /** What shapes the state's files. Everything else (mode, churn, interval…) may differ between users. */
    static Map<String, Object> fields(Experiment e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys", e.keys());
        m.put("value_bytes", e.valueBytes());
        m.put("seed", e.seed());
        m.put("parallelism", e.parallelism());
        m.put("max_parallelism", e.flinkConfig().getOrDefault("pipeline.max-parallelism", "default"));
        m.put("backend", e.mode() == Mode.FULL || e.mode() == Mode.INCREMENTAL ? "rocksdb" : e.mode().backend());
        m.put("rocksdb", new TreeMap<>(e.rocksdb()));
        m.put("flink", EnvironmentInformation.getVersion());
        m.put("layout", LAYOUT);
        return m;
    }

    private static String hash(Map<String, Object> fields) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(fields.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static long limit() {
        String v = System.getProperty("ckpt.cache.limit");
        return v == null ? (long) DEFAULT_LIMIT_GIB << 30
                : org.apache.flink.configuration.MemorySize.parse(v).getBytes();
    }

    /** Drops the least recently used entries until the cache fits. */
    static void evict(long limit) {
        if (!Files.isDirectory(root())) {
            return;
        }
        List<Path> slots = new ArrayList<>();
        try (Stream<Path> s = Files.list(root())) {
            s.filter(Files::isDirectory).forEach(slots::add);
        } catch (IOException ex) {
            return;
        }
        slots.sort(Comparator.comparingLong(WarmCache::lastUsed));
        long total = slots.stream().mapToLong(Files2::size).sum();
        for (Path p : slots) {
            if (total <= limit) {
                break;
            }
            total -= Files2.size(p);
            Files2.deleteRecursively(p);
        }
    }

    private static long lastUsed(Path slot) {
        try {
            return Files.getLastModifiedTime(slot.resolve(KEY_FILE)).toMillis();
        } catch (IOException ex) {
            return 0;
        }
    }

}
