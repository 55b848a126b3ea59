package ckpt.rocksdb;

import ckpt.error.CkptException;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.state.rocksdb.PredefinedOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Flink's predefined RocksDB profiles ({@link PredefinedOptions}): DEFAULT, SPINNING_DISK_OPTIMIZED,
 * SPINNING_DISK_OPTIMIZED_HIGH_MEM, FLASH_SSD_OPTIMIZED. A profile is selected with one key,
 * {@code state.backend.rocksdb.predefined-options}; options set explicitly are applied on top of it.
 */
public final class Profiles {
    /** {@code state.backend.rocksdb.predefined-options}. */
    public static final String KEY = RocksDBOptions.PREDEFINED_OPTIONS.key();

    private Profiles() {
    }

    /** The profile names, in Flink's order. */
    public static List<String> names() {
        return Arrays.stream(PredefinedOptions.values()).map(Enum::name).toList();
    }

    /**
     * The canonical profile name for what the user wrote: case-insensitive, '-' or ' ' for '_'
     * ("flash-ssd-optimized" → FLASH_SSD_OPTIMIZED). Anything else fails with the allowed names.
     */
    public static String validate(String name) {
        String canonical = canonical(name);
        if (canonical == null) {
            throw new CkptException("unknown RocksDB profile '" + (name == null ? "" : name.trim()) + "' — allowed: "
                    + String.join(", ", names()));
        }
        return canonical;
    }

    /** The key/value pair that selects the profile: {@code {state.backend.rocksdb.predefined-options=NAME}}. */
    public static Map<String, String> settings(String name) {
        return Map.of(KEY, validate(name));
    }

    static String canonical(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (String p : names()) {
            if (p.equals(n)) {
                return p;
            }
        }
        return null;
    }

    /**
     * What a profile sets, option by option, in Flink's string form ({@code thread.num → 4}). Read from the profile
     * itself (its private option map, by reflection), so it is exactly what Flink applies. Empty for DEFAULT.
     */
    public static Map<String, String> options(String name) {
        PredefinedOptions p = PredefinedOptions.valueOf(validate(name));
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : rawOptions(p).entrySet()) {
            out.put(e.getKey(), text(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * One row per option any profile changes: columns key, default, then one column per profile (blank where the
     * profile leaves the option at its default).
     */
    public static Table table() {
        Map<String, Map<String, String>> byProfile = new LinkedHashMap<>();
        TreeMap<String, String> keys = new TreeMap<>();
        for (String p : names()) {
            Map<String, String> o = options(p);
            byProfile.put(p, o);
            o.keySet().forEach(k -> keys.put(k, OptionCatalog.find(k).map(OptionInfo::defaultText)
                    .orElse(OptionCatalog.NONE)));
        }
        StringColumn key = StringColumn.create("key");
        StringColumn def = StringColumn.create("flink_default");
        Table t = Table.create("RocksDB profiles (predefined-options)", key, def);
        for (String p : names()) {
            t.addColumns(StringColumn.create(p));
        }
        keys.forEach((k, d) -> {
            key.append(k.startsWith(OptionCatalog.PREFIX) ? k.substring(OptionCatalog.PREFIX.length()) : k);
            def.append(d);
            for (String p : names()) {
                t.stringColumn(p).append(byProfile.get(p).getOrDefault(k, ""));
            }
        });
        return t;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> rawOptions(PredefinedOptions p) {
        try {
            Field f = PredefinedOptions.class.getDeclaredField("options");
            f.setAccessible(true);
            return (Map<String, Object>) f.get(p);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CkptException("cannot read what profile " + p.name() + " sets from this Flink version ("
                    + e.getClass().getSimpleName() + ") — the profile itself still works");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String text(String key, Object value) {
        return OptionCatalog.find(key).map(info -> {
            Configuration c = new Configuration();
            c.set((ConfigOption) info.option(), value);
            return c.toMap().get(key);
        }).orElse(String.valueOf(value));
    }
}
