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

    /**
     * Prefers the OPTIONS file inside the retained checkpoint (what a restore would use), found through the
     * checkpoint's metadata; falls back to the copy taken from RocksDB's working directory during the run.
     */
    static Map<String, String> read(Path copied, Path jobCheckpointDir) {
        Path file = null;
        try {
            file = CheckpointFiles.latest(jobCheckpointDir).flatMap(CheckpointFiles::optionsFile).orElse(null);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AppliedOptions.class).warn("checkpoint metadata", e);
        }
        if (file == null && java.nio.file.Files.isRegularFile(copied)) {
            file = copied;
        }
        if (file == null) {
            return Map.of();
        }
        return parse(file);
    }
}
