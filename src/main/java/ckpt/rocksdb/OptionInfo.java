package ckpt.rocksdb;

import java.util.List;
import org.apache.flink.configuration.ConfigOption;

/**
 * One row of the option catalog, read from Flink's own {@link ConfigOption} definition.
 *
 * @param key         full key, e.g. {@code state.backend.rocksdb.writebuffer.size}
 * @param shortKey    key without {@code state.backend.rocksdb.} (other keys stay as they are)
 * @param group       options, configurable, memory, manual-compaction or metrics
 * @param type        the value type as users write it: MemorySize, Integer, Duration, an enum with its values …
 * @param defaultText Flink's default in Flink's own string form ("64 mb"), or "(none)"
 * @param description Flink's description as plain text
 * @param note        what this project adds: how the option behaves in these experiments ("" when nothing)
 * @param allowed     the allowed values for enum (and enum-list) options, else empty
 * @param settable    whether {@code experiment().rocksdb(key, value)} accepts it (cluster-level keys and native
 *                    metric switches are listed but set elsewhere)
 * @param option      the Flink option itself
 */
public record OptionInfo(String key, String shortKey, String group, String type, String defaultText,
                         String description, String note, List<String> allowed, boolean settable,
                         ConfigOption<?> option) {

    public OptionInfo {
        allowed = List.copyOf(allowed);
    }

    /** A few readable lines about this option. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(key).append('\n');
        sb.append("  type:    ").append(type).append('\n');
        sb.append("  default: ").append(defaultText).append('\n');
        sb.append("  group:   ").append(group).append(settable ? "" : " (not settable per run)").append('\n');
        sb.append("  ").append(description).append('\n');
        if (!note.isEmpty()) {
            sb.append("  note: ").append(note).append('\n');
        }
        return sb.toString();
    }
}
