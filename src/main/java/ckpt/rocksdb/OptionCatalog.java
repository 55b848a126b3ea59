package ckpt.rocksdb;

import ckpt.error.CkptException;
import ckpt.text.Suggestions;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.state.rocksdb.PredefinedOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBMemoryConfiguration;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.state.rocksdb.RocksDBOptionsFactory;
import org.apache.flink.state.rocksdb.RocksDBProperty;
import org.apache.flink.state.rocksdb.sstmerge.RocksDBManualCompactionOptions;
import org.rocksdb.TickerType;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every RocksDB knob Flink 2.3 has, read by reflection from Flink's own {@link ConfigOption} definitions
 * ({@link RocksDBOptions}, {@link RocksDBConfigurableOptions}, {@link RocksDBManualCompactionOptions},
 * {@link RocksDBNativeMetricOptions}, and the managed-memory keys of {@link TaskManagerOptions}), so the catalog
 * cannot drift from the Flink on the classpath. Built once per JVM, on first use.
 *
 * <p>{@link #validate} checks a key and value the way Flink will when the job starts (Flink's own parser and
 * Flink's own range checks), so a typo fails on the line that made it, with a one-line message.
 */
public final class OptionCatalog {
    public static final String PREFIX = "state.backend.rocksdb.";
    public static final String METRICS_PREFIX = "state.backend.rocksdb.metrics.";

    public static final String GROUP_OPTIONS = "options";
    public static final String GROUP_CONFIGURABLE = "configurable";
    public static final String GROUP_MEMORY = "memory";
    public static final String GROUP_MANUAL_COMPACTION = "manual-compaction";
    public static final String GROUP_METRICS = "metrics";

    static final String NONE = "(none)";

    private OptionCatalog() {
    }

    // ------------------------------------------------------------------ catalog

    /** All options: columns key, short_key, group, type, default, settable, description, note. */
    public static Table options() {
        return catalog().table.copy();
    }

    /** Options whose key, description or note contains the word (case-insensitive); all when the word is blank. */
    public static Table options(String word) {
        if (word == null || word.isBlank()) {
            return options();
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        Table t = catalog().table;
        Table out = t.where(t.stringColumn("key").lowerCase().containsString(w)
                .or(t.stringColumn("description").lowerCase().containsString(w))
                .or(t.stringColumn("note").lowerCase().containsString(w)));
        return out.setName("RocksDB options matching '" + word.trim() + "'");
    }

    /** Every option in the catalog, in table order. */
    public static List<OptionInfo> all() {
        return catalog().infos;
    }

    /** The catalog entry for a full or short key, if there is one. */
    public static Optional<OptionInfo> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.trim();
        Catalog c = catalog();
        OptionInfo info = c.byKey.get(k);
        if (info == null) {
            info = c.byKey.get(PREFIX + k);
        }
        return Optional.ofNullable(info);
    }

    /** The catalog entry for a full or short key; an unknown key fails with suggestions. */
    public static OptionInfo info(String key) {
        return find(key).orElseThrow(() -> unknown(key));
    }

    /** A few readable lines about one option (type, default, description, how it behaves here). */
    public static String describe(String key) {
        return info(key).describe();
    }

    /**
     * Every key {@code experiment().rocksdb(key, value)} accepts, full form, sorted (for completion). Cluster-level
     * keys and native-metric switches are in {@link #options()} but not here: they are set elsewhere.
     */
    public static List<String> keys() {
        return catalog().settableKeys;
    }

    /** The key that selects a predefined profile: {@code state.backend.rocksdb.predefined-options}. */
    public static String profileKey() {
        return Profiles.KEY;
    }

    // ------------------------------------------------------------------ validation

    /**
     * Checks a RocksDB option for an experiment and returns its full key. Accepts the full key or the short key
     * (without {@code state.backend.rocksdb.}). The value is parsed by Flink's own configuration parser and passed
     * through the range checks Flink applies when the job starts. Any problem throws a {@link CkptException} with a
     * one-line message naming the key, the value and what is allowed.
     */
    public static String validate(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new CkptException("RocksDB option key is empty — rocksdbOptions() lists them all");
        }
        OptionInfo info = info(key);
        if (!info.settable()) {
            throw new CkptException(notSettable(info));
        }
        if (value == null) {
            throw new CkptException(info.key() + " needs a value — e.g. " + example(info));
        }
        String v = value.trim();
        if (v.isEmpty()) {
            throw new CkptException(info.key() + ": value is empty — e.g. " + example(info));
        }
        Object parsed = parse(info, v);
        flinkChecks(info, v, parsed);
        return info.key();
    }

    /**
     * Checks options that constrain each other (all of one experiment), as Flink does when the job starts:
     * currently the write-buffer / high-priority pool ratios of the shared memory. Keys may be full or short.
     */
    public static void validateAll(Map<String, String> options) {
        Map<String, String> full = new LinkedHashMap<>();
        options.forEach((k, v) -> full.put(validate(k, v), v.trim()));
        RocksDBMemoryConfiguration memory = RocksDBMemoryConfiguration.fromConfiguration(Configuration.fromMap(full));
        try {
            memory.validate();
        } catch (IllegalArgumentException e) {
            throw new CkptException(RocksDBOptions.WRITE_BUFFER_RATIO.key() + " and "
                    + RocksDBOptions.HIGH_PRIORITY_POOL_RATIO.key() + " do not fit together: write-buffer-ratio "
                    + memory.getWriteBufferRatio() + ", high-prio-pool-ratio " + memory.getHighPriorityPoolRatio()
                    + " — Flink needs 2·w/(3−w) + h < 1");
        }
    }

    private static Object parse(OptionInfo info, String value) {
        try {
            return Configuration.fromMap(Map.of(info.key(), value)).get(info.option());
        } catch (IllegalArgumentException e) {
            throw new CkptException(badValue(info, value));
        }
    }

    private static String badValue(OptionInfo info, String value) {
        String head = info.key() + ": '" + value + "'";
        Class<?> t = valueClass(info);
        if (t.isEnum()) {
            if (isList(info)) {
                return head + " — a ';'-separated list of: " + String.join(", ", info.allowed());
            }
            return head + " — allowed: " + String.join(", ", info.allowed());
        }
        String article = t == Integer.class ? "an " : "a ";
        return head + " is not " + article + t.getSimpleName() + " (e.g. " + example(info) + ")";
    }

    /** The range and consistency checks Flink applies later, at job start; called with the parsed value. */
    private static void flinkChecks(OptionInfo info, String value, Object parsed) {
        ConfigOption<?> o = info.option();
        String head = info.key() + ": '" + value + "'";
        if (info.group().equals(GROUP_CONFIGURABLE) || o.equals(RocksDBConfigurableOptions.LOG_DIR)) {
            configurableCheck(o, parsed, head);
        }
        try {
            if (o.equals(RocksDBOptions.WRITE_BUFFER_RATIO)) {
                new RocksDBMemoryConfiguration().setWriteBufferRatio((Double) parsed);
            } else if (o.equals(RocksDBOptions.HIGH_PRIORITY_POOL_RATIO)) {
                new RocksDBMemoryConfiguration().setHighPriorityPoolRatio((Double) parsed);
            } else if (o.equals(RocksDBOptions.FIX_PER_SLOT_MEMORY_SIZE)) {
                new RocksDBMemoryConfiguration().setFixedMemoryPerSlot((MemorySize) parsed);
            } else if (o.equals(RocksDBOptions.LOCAL_DIRECTORIES)) {
                new EmbeddedRocksDBStateBackend().setDbStoragePaths(value.split(",|" + java.io.File.pathSeparator));
            }
        } catch (IllegalArgumentException e) {
            throw new CkptException(head + " — " + flinkReason(e));
        }
        if (o.equals(RocksDBConfigurableOptions.COMPRESSION_PER_LEVEL)) {
            // Flink accepts every CompressionType, but RocksDB refuses to open a database with these two
            // ("Compression type … is not linked with the binary"): the job would fail at start.
            for (Object type : (List<?>) parsed) {
                String n = ((Enum<?>) type).name();
                if (n.equals("DISABLE_COMPRESSION_OPTION")) {
                    throw new CkptException(head + " — DISABLE_COMPRESSION_OPTION is RocksDB's 'not set' marker, not a"
                            + " compression; RocksDB refuses to open with it (use NO_COMPRESSION)");
                }
                if (n.equals("XPRESS_COMPRESSION") && !System.getProperty("os.name", "").startsWith("Windows")) {
                    throw new CkptException(head + " — XPRESS_COMPRESSION exists only in Windows builds of RocksDB;"
                            + " this one refuses to open with it");
                }
            }
        }
        if (o.equals(RocksDBOptions.PREDEFINED_OPTIONS)) {
            // Flink reads it with PredefinedOptions.valueOf: exact, upper-case names only.
            try {
                PredefinedOptions.valueOf(value);
            } catch (IllegalArgumentException e) {
                String canonical = Profiles.canonical(value);
                throw new CkptException(head + (canonical != null
                        ? " — Flink reads it case-sensitively: write " + canonical
                        : " — allowed: " + String.join(", ", Profiles.names())));
            }
        }
        if (o.equals(RocksDBOptions.OPTIONS_FACTORY)) {
            Class<?> c;
            try {
                c = Class.forName(value, false, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : OptionCatalog.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CkptException(head + " — no such class on the classpath (classes defined in the shell "
                        + "cannot be loaded by Flink; put the factory in a jar on the classpath)");
            }
            if (!RocksDBOptionsFactory.class.isAssignableFrom(c)) {
                throw new CkptException(head + " — " + c.getName() + " does not implement "
                        + RocksDBOptionsFactory.class.getName());
            }
        }
    }

    /**
     * Flink's own per-option check ({@code RocksDBConfigurableOptions.checkArgumentValid}, package-private, which
     * the backend calls when the job starts): positive counts, positive sizes, absolute log dir. Called
     * reflectively so it stays Flink's rule; if a later Flink drops the method, the check is skipped.
     */
    private static void configurableCheck(ConfigOption<?> option, Object parsed, String head) {
        Method m = catalog().checkArgumentValid;
        if (m == null) {
            return;
        }
        try {
            m.invoke(null, option, parsed);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException iae) {
                throw new CkptException(head + " — " + flinkReason(iae));
            }
        } catch (IllegalAccessException | RuntimeException ignored) {
            // The check is a convenience: Flink repeats it at job start.
        }
    }

    /** Flink's message, shortened to its rule ("must be larger than 0") when it has one. */
    private static String flinkReason(IllegalArgumentException e) {
        String m = String.valueOf(e.getMessage()).trim();
        int must = m.indexOf(" must ");
        String reason = must >= 0 ? m.substring(must + 1) : m;
        if (reason.endsWith(".")) {
            reason = reason.substring(0, reason.length() - 1);
        }
        return reason;
    }

    private static String notSettable(OptionInfo info) {
        if (info.group().equals(GROUP_METRICS)) {
            if (info.key().equals(RocksDBNativeMetricOptions.COLUMN_FAMILY_AS_VARIABLE.key())) {
                return info.key() + " changes how native metrics are named, which the engine relies on — "
                        + "it is not settable per run";
            }
            return info.key() + " is a native-metric switch — use rocksdbMetrics(\""
                    + info.key().substring(METRICS_PREFIX.length()) + "\") so the metric is also sampled";
        }
        return info.key() + " is a cluster-level option — set it per run with experiment().managedMemory(\"512m\")"
                + " (a cluster the tool started restarts with it; the embedded default is 1g for its 4 slots), or use " + RocksDBOptions.FIX_PER_SLOT_MEMORY_SIZE.key() + " / "
                + RocksDBOptions.USE_MANAGED_MEMORY.key() + "=false";
    }

    private static CkptException unknown(String key) {
        String k = key == null ? "" : key.trim();
        List<String> near = Suggestions.closest(k, catalog().spellings, 3);
        if (!near.isEmpty()) {
            return new CkptException("unknown RocksDB option '" + k + "' — did you mean " + Suggestions.orList(near) + "?");
        }
        if (k.contains(".") && !k.startsWith(PREFIX)) {
            return new CkptException("'" + k + "' is not a RocksDB option — other Flink keys go through config(key, value)");
        }
        return new CkptException("unknown RocksDB option '" + k + "' — rocksdbOptions() lists them all");
    }

    private static String example(OptionInfo info) {
        Class<?> t = valueClass(info);
        if (!info.allowed().isEmpty()) {
            return info.allowed().get(0);
        }
        if (t == MemorySize.class) {
            return info.defaultText().equals(NONE) ? "64mb" : info.defaultText().replace(" ", "");
        }
        if (t == java.time.Duration.class) {
            return "30s, 10min or 1d";
        }
        if (t == Boolean.class) {
            return "true or false";
        }
        if (!info.defaultText().equals(NONE) && !info.defaultText().isEmpty()) {
            return info.defaultText();
        }
        return t == Integer.class || t == Long.class ? "4" : t == Double.class ? "0.5" : "a value";
    }

    private static Class<?> valueClass(OptionInfo info) {
        return catalog().valueClass.get(info.key());
    }

    private static boolean isList(OptionInfo info) {
        return catalog().lists.contains(info.key());
    }

    // ------------------------------------------------------------------ native metrics

    /**
     * The full option key that switches a RocksDB native metric on, e.g. {@code estimate-live-data-size} →
     * {@code state.backend.rocksdb.metrics.estimate-live-data-size}. Also accepts the full key, the short key
     * {@code metrics.…}, and the name Flink registers the gauge under ({@code rocksdb.estimate-live-data-size},
     * {@code rocksdb.block_cache_hit}). Unknown names fail with suggestions.
     */
    public static String metricKey(String metric) {
        if (metric == null || metric.isBlank()) {
            throw new CkptException("metric name is empty — e.g. estimate-live-data-size (see rocksdbMetricNames())");
        }
        String m = metric.trim();
        Catalog c = catalog();
        for (String candidate : List.of(m, METRICS_PREFIX + m, PREFIX + m)) {
            if (c.metricsByKey.containsKey(candidate)) {
                return candidate;
            }
        }
        String byGauge = c.keyByGaugeName.get(m);
        if (byGauge != null) {
            return byGauge;
        }
        if (m.equals(RocksDBNativeMetricOptions.COLUMN_FAMILY_AS_VARIABLE.key())
                || m.endsWith("column-family-as-variable")) {
            throw new CkptException("column-family-as-variable is a naming switch, not a metric");
        }
        Map<String, String> spellings = new LinkedHashMap<>();
        for (String name : c.metricNames) {
            spellings.put(name, name);
        }
        String typed = m.startsWith(METRICS_PREFIX) ? m.substring(METRICS_PREFIX.length()) : m;
        List<String> near = Suggestions.closest(typed, spellings, 3);
        String hint = near.isEmpty()
                ? " — e.g. " + String.join(", ", List.of("estimate-live-data-size", "total-sst-files-size",
                        "num-running-compactions", "compaction-write-bytes").stream()
                        .filter(c.metricNames::contains).toList())
                : " — did you mean " + Suggestions.orList(near) + "?";
        throw new CkptException("unknown RocksDB native metric '" + m + "'" + hint + " (rocksdbMetricNames() lists all "
                + c.metricNames.size() + ")");
    }

    /** Native metric names as users write them ("estimate-live-data-size"), sorted. */
    public static List<String> metricNames() {
        return catalog().metricNames;
    }

    /**
     * The gauge name(s) Flink registers for a native metric, computed with Flink's own
     * {@link RocksDBNativeMetricOptions}: property metrics are {@code rocksdb.<property>} per column family
     * ({@code num-files-at-level} gives seven, levels 0–6); statistics metrics are
     * {@code rocksdb.<ticker name in lower case>} once per RocksDB instance (e.g. {@code rocksdb.block_cache_hit}).
     */
    public static List<String> gaugeNames(String metric) {
        return catalog().gaugesByKey.get(metricKey(metric));
    }

    /**
     * One row per native metric: metric (as users write it), key (the option), gauge (the name Flink registers),
     * scope (column family or database), description.
     */
    public static Table metrics() {
        Catalog c = catalog();
        StringColumn metric = StringColumn.create("metric");
        StringColumn key = StringColumn.create("key");
        StringColumn gauge = StringColumn.create("gauge");
        StringColumn scope = StringColumn.create("scope");
        StringColumn description = StringColumn.create("description");
        for (String name : c.metricNames) {
            String k = METRICS_PREFIX + name;
            metric.append(name);
            key.append(k);
            gauge.append(String.join(", ", c.gaugesByKey.get(k)));
            scope.append(c.statisticsKeys.contains(k) ? "database" : "column family");
            description.append(c.metricsByKey.get(k).description());
        }
        return Table.create("RocksDB native metrics", metric, key, gauge, scope, description);
    }

    // ------------------------------------------------------------------ building

    private static Catalog catalog() {
        return Holder.CATALOG;
    }

    private static final class Holder {
        static final Catalog CATALOG = Catalog.build();
    }

    /** The catalog data, built once. */
    private static final class Catalog {
        final List<OptionInfo> infos = new ArrayList<>();
        final Map<String, OptionInfo> byKey = new LinkedHashMap<>();
        final Map<String, Class<?>> valueClass = new LinkedHashMap<>();
        final java.util.Set<String> lists = new java.util.HashSet<>();
        /** spelling (full or short key) → full key, settable options only: what suggestions are drawn from. */
        final Map<String, String> spellings = new LinkedHashMap<>();
        final Map<String, OptionInfo> metricsByKey = new LinkedHashMap<>();
        final Map<String, List<String>> gaugesByKey = new LinkedHashMap<>();
        final Map<String, String> keyByGaugeName = new LinkedHashMap<>();
        final java.util.Set<String> statisticsKeys = new java.util.HashSet<>();
        List<String> metricNames;
        List<String> settableKeys;
        Table table;
        Method checkArgumentValid;

        static Catalog build() {
            Catalog c = new Catalog();
            List<OptionInfo> found = new ArrayList<>();
            c.scan(RocksDBOptions.class, null, found);
            c.scan(RocksDBConfigurableOptions.class, GROUP_CONFIGURABLE, found);
            c.scan(RocksDBManualCompactionOptions.class, GROUP_MANUAL_COMPACTION, found);
            c.scan(RocksDBNativeMetricOptions.class, GROUP_METRICS, found);
            c.add(TaskManagerOptions.class, "MANAGED_MEMORY_SIZE", found);
            c.add(TaskManagerOptions.class, "MANAGED_MEMORY_FRACTION", found);
            List<String> groupOrder = List.of(GROUP_OPTIONS, GROUP_CONFIGURABLE, GROUP_MEMORY,
                    GROUP_MANUAL_COMPACTION, GROUP_METRICS);
            found.sort(Comparator.comparingInt((OptionInfo i) -> groupOrder.indexOf(i.group()))
                    .thenComparing(OptionInfo::key));
            for (OptionInfo i : found) {
                c.infos.add(i);
                c.byKey.put(i.key(), i);
                if (i.settable()) {
                    c.spellings.put(i.key(), i.key());
                    c.spellings.put(i.shortKey(), i.key());
                }
            }
            c.settableKeys = c.infos.stream().filter(OptionInfo::settable).map(OptionInfo::key).sorted().toList();
            c.buildMetrics();
            c.table = c.toTable();
            try {
                Method m = RocksDBConfigurableOptions.class.getDeclaredMethod("checkArgumentValid",
                        ConfigOption.class, Object.class);
                m.setAccessible(true);
                c.checkArgumentValid = m;
            } catch (ReflectiveOperationException | RuntimeException e) {
                c.checkArgumentValid = null;
            }
            return c;
        }

        private void scan(Class<?> holder, String group, List<OptionInfo> out) {
            for (Field f : holder.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) && Modifier.isPublic(mod) && f.getType() == ConfigOption.class) {
                    addField(f, group, out);
                }
            }
        }

        private void add(Class<?> holder, String field, List<OptionInfo> out) {
            try {
                addField(holder.getField(field), GROUP_MEMORY, out);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException("Flink has no " + holder.getName() + "." + field, e);
            }
        }

        private void addField(Field f, String group, List<OptionInfo> out) {
            ConfigOption<?> option;
            try {
                option = (ConfigOption<?>) f.get(null);
            } catch (IllegalAccessException e) {
                return;
            }
            String key = option.key();
            if (byKeyContains(out, key)) {
                return;
            }
            Class<?> element;
            boolean list = false;
            Type arg = ((ParameterizedType) f.getGenericType()).getActualTypeArguments()[0];
            if (arg instanceof ParameterizedType p && p.getRawType() == List.class) {
                element = (Class<?>) p.getActualTypeArguments()[0];
                list = true;
            } else if (arg instanceof Class<?> cl) {
                element = cl;
            } else {
                element = option.hasDefaultValue() ? option.defaultValue().getClass() : String.class;
            }
            String g = group;
            if (g == null) {
                g = key.startsWith(PREFIX + "memory.") ? GROUP_MEMORY : GROUP_OPTIONS;
            }
            List<String> allowed = List.of();
            String type;
            if (option.equals(RocksDBOptions.PREDEFINED_OPTIONS)) {
                allowed = Arrays.stream(PredefinedOptions.values()).map(Enum::name).toList();
                type = "PredefinedOptions (" + String.join("|", allowed) + ")";
            } else if (element.isEnum()) {
                allowed = Arrays.stream(element.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
                type = element.getSimpleName() + " (" + String.join("|", allowed) + ")";
                if (list) {
                    type = "List<" + type + ">, ';'-separated";
                }
            } else if (option.equals(RocksDBOptions.OPTIONS_FACTORY)) {
                type = "String (class name)";
            } else {
                type = list ? "List<" + element.getSimpleName() + ">, ';'-separated" : element.getSimpleName();
            }
            String shortKey = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
            boolean settable = !g.equals(GROUP_METRICS) && key.startsWith(PREFIX)
                    && !option.equals(RocksDBOptions.FIX_PER_TM_MEMORY_SIZE);
            valueClass.put(key, element);
            if (list) {
                lists.add(key);
            }
            out.add(new OptionInfo(key, shortKey, g, type, defaultText(option), PlainText.of(option.description()),
                    Notes.of(key), allowed, settable, option));
        }

        private static boolean byKeyContains(List<OptionInfo> out, String key) {
            return out.stream().anyMatch(i -> i.key().equals(key));
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private static String defaultText(ConfigOption option) {
            if (!option.hasDefaultValue() || option.defaultValue() == null) {
                return NONE;
            }
            // Flink's own serialization of the default: what the user would write to get the same value.
            Configuration c = new Configuration();
            c.set(option, option.defaultValue());
            String s = c.toMap().get(option.key());
            return s == null ? String.valueOf(option.defaultValue()) : s;
        }

        private void buildMetrics() {
            List<String> names = new ArrayList<>();
            for (OptionInfo i : infos) {
                if (!i.group().equals(GROUP_METRICS)
                        || i.key().equals(RocksDBNativeMetricOptions.COLUMN_FAMILY_AS_VARIABLE.key())) {
                    continue;
                }
                metricsByKey.put(i.key(), i);
                names.add(i.key().substring(METRICS_PREFIX.length()));
                // Ask Flink which gauges this switch enables, exactly as the backend does at job start.
                RocksDBNativeMetricOptions enabled =
                        RocksDBNativeMetricOptions.fromConfig(Configuration.fromMap(Map.of(i.key(), "true")));
                List<String> gauges = new ArrayList<>();
                for (RocksDBProperty p : enabled.getProperties()) {
                    gauges.add(p.getRocksDBProperty());
                }
                for (TickerType t : enabled.getMonitorTickerTypes()) {
                    gauges.add("rocksdb." + t.name().toLowerCase(Locale.ROOT));
                    statisticsKeys.add(i.key());
                }
                Collections.sort(gauges);
                gaugesByKey.put(i.key(), List.copyOf(gauges));
                for (String gauge : gauges) {
                    keyByGaugeName.put(gauge, i.key());
                }
            }
            metricNames = names.stream().sorted().toList();
        }

        private Table toTable() {
            StringColumn key = StringColumn.create("key");
            StringColumn shortKey = StringColumn.create("short_key");
            StringColumn group = StringColumn.create("group");
            StringColumn type = StringColumn.create("type");
            StringColumn def = StringColumn.create("default");
            BooleanColumn settable = BooleanColumn.create("settable");
            StringColumn description = StringColumn.create("description");
            StringColumn note = StringColumn.create("note");
            for (OptionInfo i : infos) {
                key.append(i.key());
                shortKey.append(i.shortKey());
                group.append(i.group());
                type.append(i.type());
                def.append(i.defaultText());
                settable.append(i.settable());
                description.append(i.description());
                note.append(i.note());
            }
            return Table.create("RocksDB options (Flink " + flinkVersion() + ")", key, shortKey, group, type, def,
                    settable, description, note);
        }

        private static String flinkVersion() {
            String v = org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
            return v == null ? "?" : v;
        }
    }
}
