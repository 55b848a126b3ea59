package ckpt.flink;

import java.nio.file.Path;
import java.util.Map;

/** RocksDB options as RocksDB itself wrote them (OPTIONS file), for proof that settings were applied. */
final class AppliedOptions {
    private AppliedOptions() {
    }

    /** Section-qualified keys: {@code CFOptions "value".write_buffer_size}, {@code DBOptions.max_open_files}. */
    static Map<String, String> parse(Path file) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        String section = "";
        try {
            for (String line : java.nio.file.Files.readAllLines(file)) {
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("[") && t.endsWith("]")) {
                    section = t.substring(1, t.length() - 1);
                } else if (t.contains("=")) {
                    int eq = t.indexOf('=');
                    out.put(section + "." + t.substring(0, eq).trim(), t.substring(eq + 1).trim());
                }
            }
        } catch (java.io.IOException e) {
            return Map.of();
        }
        return out;
    }

    /** Reads the copied OPTIONS file, else the newest one in the checkpoint folder (incremental: shared/). */
    static Map<String, String> read(Path copied, Path jobCheckpointDir) {
        Path file = java.nio.file.Files.isRegularFile(copied) ? copied
                : Runs.latestOptionsFile(jobCheckpointDir).orElse(null);
        if (file == null) {
            return Map.of();
        }
        return parse(file);
    }
}
