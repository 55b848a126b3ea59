package ckpt.engine;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.runtime.util.EnvironmentInformation;

/** Versions and machine facts recorded with every run, so a figure can always be traced to what produced it. */
public final class Environment {
    private static Map<String, String> cached;

    private Environment() {
    }

    public static synchronized Map<String, String> describe() {
        if (cached == null) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("flink", EnvironmentInformation.getVersion());
            m.put("rocksdb", rocksdbVersion());
            m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
            m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch"));
            m.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
            m.put("max_heap_mb", String.valueOf(Runtime.getRuntime().maxMemory() >> 20));
            cached = Map.copyOf(m);
        }
        return new LinkedHashMap<>(cached);
    }

    /** Versions and machine facts, with the target a run went to and what it reports about itself. */
    static Map<String, String> of(ckpt.target.Target target) {
        Map<String, String> env = describe();
        env.put("target", target.describe());
        env.putAll(target.facts());
        return env;
    }

    /** frocksdbjni's version from its jar name (no native library load needed). */
    public static String rocksdbVersion() {
        try {
            Path jar = Path.of(org.rocksdb.RocksDB.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String name = jar.getFileName().toString();
            if (name.startsWith("frocksdbjni-") && name.endsWith(".jar")) {
                return name.substring("frocksdbjni-".length(), name.length() - 4) + " (frocksdb)";
            }
            return name;
        } catch (Exception | LinkageError e) {
            return "unknown";
        }
    }
}
