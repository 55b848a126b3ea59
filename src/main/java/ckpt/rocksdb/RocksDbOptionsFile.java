package ckpt.rocksdb;

import ckpt.error.CkptException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads RocksDB's own {@code OPTIONS-NNNNNN} file — the options RocksDB actually opened the database with — and
 * compares it with the Flink keys an experiment set. With incremental checkpoints Flink uploads this file into the
 * checkpoint's {@code shared/} folder, so it is the proof of what was applied.
 *
 * <p>Keys of the returned map are qualified by their section as written in the file:
 * {@code Version.rocksdb_version}, {@code DBOptions.max_background_jobs},
 * {@code CFOptions "default".write_buffer_size}, {@code TableOptions/BlockBasedTable "default".block_size}.
 */
public final class RocksDbOptionsFile {
    public static final String DB = "DBOptions";
    public static final String CF = "CFOptions";
    public static final String TABLE = "TableOptions/BlockBasedTable";

    public static final String APPLIED = "applied";
    public static final String DIFFERS = "differs";
    public static final String NOT_FOUND = "not found";
    /** RocksDB does not write this option into its OPTIONS file (e.g. block cache capacity). */
    public static final String NOT_RECORDED = "not recorded";
    /** The key is Flink's own setting (memory sizing, profile, timers …), not a RocksDB option. */
    public static final String FLINK_SIDE = "flink-side";

    private static final Pattern OPTIONS_FILE = Pattern.compile("OPTIONS-(\\d+)");
    private static final Pattern SECTION = Pattern.compile("\\[\\s*([^\\]]+?)\\s*\\]");

    private RocksDbOptionsFile() {
    }

    // ------------------------------------------------------------------ reading

    /** Parses an OPTIONS file into section-qualified keys, in file order. Problems name the file and line. */
    public static Map<String, String> read(Path optionsFile) {
        List<String> lines;
        try {
            lines = Files.readAllLines(optionsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CkptException("cannot read RocksDB options file " + optionsFile + ": " + e.getMessage(), e);
        }
        return parse(lines, optionsFile.toString());
    }

    /** Parses the text of an OPTIONS file; {@code source} names it in error messages. */
    public static Map<String, String> parse(List<String> lines, String source) {
        Map<String, String> out = new LinkedHashMap<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                section = m.group(1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new CkptException(source + ":" + (i + 1) + ": not a RocksDB option line: '" + line + "'");
            }
            if (section == null) {
                throw new CkptException(source + ":" + (i + 1) + ": option before any [section]: '" + line + "'");
            }
            out.put(section + "." + line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        if (section == null) {
            throw new CkptException(source + ": no [section] found — not a RocksDB OPTIONS file");
        }
        return out;
    }

    /**
     * The OPTIONS-NNNNNN file with the highest number anywhere under the folder (RocksDB writes a new one each time
     * options change, e.g. when a column family is created). Empty when there is none or the folder is missing.
     * Flink uploads the file under a random name in {@code shared/} for incremental checkpoints; such copies are
     * recognised by content when no file is named OPTIONS-*.
     */
    public static Optional<Path> latest(Path dirTree) {
        // RocksDB removes its temporary snapshot folders while we walk a live working directory: a file listed a
        // moment ago may be gone. Such a walk is simply repeated.
        for (int attempt = 1; ; attempt++) {
            try {
                return latestOnce(dirTree);
            } catch (CkptException e) {
                if (attempt == 5 || !(e.getCause() instanceof java.nio.file.NoSuchFileException
                        || e.getCause() != null && e.getCause().getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    private static Optional<Path> latestOnce(Path dirTree) {
        if (dirTree == null || !Files.isDirectory(dirTree)) {
            return Optional.empty();
        }
        try (Stream<Path> walk = Files.walk(dirTree)) {
            List<Path> files = walk.filter(Files::isRegularFile).toList();
            Optional<Path> named = files.stream()
                    .filter(p -> OPTIONS_FILE.matcher(p.getFileName().toString()).matches())
                    .max(Comparator.comparingLong(RocksDbOptionsFile::number).thenComparing(Path::toString));
            if (named.isPresent()) {
                return named;
            }
            return files.stream().filter(RocksDbOptionsFile::looksLikeOptionsFile)
                    .max(Comparator.comparingLong(RocksDbOptionsFile::lastModified).thenComparing(Path::toString));
        } catch (IOException | UncheckedIOException e) {
            throw new CkptException("cannot search " + dirTree + " for RocksDB OPTIONS files: " + e.getMessage(), e);
        }
    }

    private static long number(Path p) {
        Matcher m = OPTIONS_FILE.matcher(p.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static long lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    /** A small text file whose first lines are RocksDB's options-file header. */
    private static boolean looksLikeOptionsFile(Path p) {
        try {
            if (Files.size(p) > 1_000_000) {
                return false;
            }
            byte[] head = new byte[256];
            int n;
            try (var in = Files.newInputStream(p)) {
                n = in.readNBytes(head, 0, head.length);
            }
            String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
            return s.startsWith("# This is a RocksDB option file.");
        } catch (IOException e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ lookups

    /** Column family names in file order ("default" first, then Flink's state names). */
    public static List<String> columnFamilies(Map<String, String> options) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        Pattern cf = Pattern.compile(Pattern.quote(CF) + " \"(.*)\"\\..*");
        for (String k : options.keySet()) {
            Matcher m = cf.matcher(k);
            if (m.matches()) {
                out.add(m.group(1));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * An option by its plain RocksDB name, e.g. {@code write_buffer_size}: DBOptions first, then the column family
     * sections (CFOptions, then TableOptions). Flink opens every column family with the same options; when they
     * still differ, the value of the last column family (a Flink state, not "default") is returned — use
     * {@link #perColumnFamily} to see all.
     */
    public static Optional<String> get(Map<String, String> options, String name) {
        String db = options.get(DB + "." + name);
        if (db != null) {
            return Optional.of(db);
        }
        for (String kind : List.of(CF, TABLE)) {
            Map<String, String> per = perColumnFamily(options, kind, name);
            if (!per.isEmpty()) {
                List<String> values = new ArrayList<>(per.values());
                return Optional.of(values.get(values.size() - 1));
            }
        }
        return Optional.empty();
    }

    /** Column family → value of a CFOptions or TableOptions option ({@code kind} is {@link #CF} or {@link #TABLE}). */
    public static Map<String, String> perColumnFamily(Map<String, String> options, String kind, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        String prefix = kind + " \"";
        String suffix = "\"." + name;
        for (Map.Entry<String, String> e : options.entrySet()) {
            String k = e.getKey();
            if (k.startsWith(prefix) && k.endsWith(suffix) && k.length() > prefix.length() + suffix.length() - 1) {
                out.put(k.substring(prefix.length(), k.length() - suffix.length()), e.getValue());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ Flink keys ↔ RocksDB options

    /**
     * How each Flink key the user set shows up in the OPTIONS file. Columns: key (short), value (as set), rocksdb
     * (the RocksDB option name, section-qualified), expected (the value RocksDB should show), found, verdict
     * ({@value #APPLIED}, {@value #DIFFERS}, {@value #NOT_FOUND}, {@value #NOT_RECORDED}, {@value #FLINK_SIDE}) and
     * note. When a profile (predefined-options) is set, its options that were not set explicitly are checked too.
     */
    public static Table forFlinkKeys(Map<String, String> appliedFlinkKeys, Map<String, String> optionsFile) {
        StringColumn key = StringColumn.create("key");
        StringColumn value = StringColumn.create("value");
        StringColumn rocks = StringColumn.create("rocksdb");
        StringColumn expected = StringColumn.create("expected");
        StringColumn found = StringColumn.create("found");
        StringColumn verdict = StringColumn.create("verdict");
        StringColumn note = StringColumn.create("note");
        Table t = Table.create("RocksDB options applied", key, value, rocks, expected, found, verdict, note);

        Map<String, String> rows = new LinkedHashMap<>();
        Map<String, String> fromProfile = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : appliedFlinkKeys.entrySet()) {
            String full = OptionCatalog.find(e.getKey()).map(OptionInfo::key).orElse(e.getKey().trim());
            rows.put(full, e.getValue().trim());
        }
        String profile = rows.get(Profiles.KEY);
        if (profile != null && Profiles.canonical(profile) != null) {
            Profiles.options(profile).forEach((k, v) -> {
                if (!rows.containsKey(k)) {
                    fromProfile.put(k, v);
                }
            });
        }
        Map<String, String> all = new LinkedHashMap<>(rows);
        all.putAll(fromProfile);
        for (Map.Entry<String, String> e : all.entrySet()) {
            String full = e.getKey();
            Check c = check(full, e.getValue(), optionsFile);
            key.append(full.startsWith(OptionCatalog.PREFIX) ? full.substring(OptionCatalog.PREFIX.length()) : full);
            value.append(e.getValue());
            rocks.append(c.rocksdb);
            expected.append(c.expected);
            found.append(c.found);
            verdict.append(c.verdict);
            String n = c.note;
            if (fromProfile.containsKey(full)) {
                n = ("from profile " + Profiles.canonical(profile) + (n.isEmpty() ? "" : "; " + n));
            }
            if (optionsFile.isEmpty() && c.verdict.equals(NOT_FOUND)) {
                n = "no OPTIONS file was read" + (n.isEmpty() ? "" : "; " + n);
            }
            note.append(n);
        }
        return t;
    }


    private record Check(String rocksdb, String expected, String found, String verdict, String note) {
    }

    private static Check check(String flinkKey, String flinkValue, Map<String, String> file) {
        Mapping m = MAPPINGS.get(flinkKey);
        if (m == null) {
            String why = NOT_ROCKSDB.getOrDefault(flinkKey, OptionCatalog.find(flinkKey).isPresent()
                    ? "Flink-side setting, no RocksDB option of its own" : "not a known RocksDB option");
            return new Check("", "", "", FLINK_SIDE, why);
        }
        if (m.name == null) {
            return new Check(m.section, "", "", NOT_RECORDED, m.note);
        }
        String exp;
        try {
            Object parsed = OptionCatalog.find(flinkKey)
                    .map(info -> (Object) Configuration.fromMap(Map.of(flinkKey, flinkValue)).get(info.option()))
                    .orElse(flinkValue);
            exp = m.expected.apply(parsed);
        } catch (IllegalArgumentException e) {
            return new Check(m.section + "." + m.name, "", "", DIFFERS, "value does not parse: " + e.getMessage());
        }
        if (m.section.equals(DB)) {
            String f = file.get(DB + "." + m.name);
            if (f == null) {
                return new Check(DB + "." + m.name, exp, "", NOT_FOUND, m.note);
            }
            return new Check(DB + "." + m.name, exp, f, m.same.test(exp, f) ? APPLIED : DIFFERS, m.note);
        }
        Map<String, String> per = perColumnFamily(file, m.section, m.name);
        if (per.isEmpty()) {
            return new Check(m.section + "." + m.name, exp, "", NOT_FOUND, m.note);
        }
        boolean allSame = per.values().stream().allMatch(f -> m.same.test(exp, f));
        LinkedHashSet<String> distinct = new LinkedHashSet<>(per.values());
        String f = distinct.size() == 1 ? distinct.iterator().next() : per.toString();
        String where = m.section + "." + m.name + (per.size() > 1 ? " (" + per.size() + " column families)" : "");
        return new Check(where, exp, f, allSame ? APPLIED : DIFFERS, m.note);
    }

    // ------------------------------------------------------------------ the mapping

    private record Mapping(String section, String name, Function<Object, String> expected,
                           BiPredicate<String, String> same, String note) {
    }

    private static final Map<String, Mapping> MAPPINGS = new LinkedHashMap<>();
    private static final Map<String, String> NOT_ROCKSDB = new LinkedHashMap<>();

    private static final BiPredicate<String, String> EQUAL = String::equals;
    private static final BiPredicate<String, String> NUMERIC = (a, b) -> {
        try {
            return Double.parseDouble(a) == Double.parseDouble(b);
        } catch (NumberFormatException e) {
            return a.equals(b);
        }
    };

    private static void map(String shortKey, String section, String name, Function<Object, String> expected) {
        map(shortKey, section, name, expected, EQUAL, "");
    }

    private static void map(String shortKey, String section, String name, Function<Object, String> expected,
                            BiPredicate<String, String> same, String note) {
        MAPPINGS.put(OptionCatalog.PREFIX + shortKey, new Mapping(section, name, expected, same, note));
    }

    private static String bytes(Object v) {
        return String.valueOf(((MemorySize) v).getBytes());
    }

    private static String text(Object v) {
        return String.valueOf(v);
    }

    private static String enumName(Object v) {
        return ((Enum<?>) v).name();
    }

    /** RocksDB's own spelling of a compression type in OPTIONS files (checked against frocksdbjni 8.10). */
    static String compressionName(String flinkName) {
        return switch (flinkName) {
            case "NO_COMPRESSION" -> "kNoCompression";
            case "SNAPPY_COMPRESSION" -> "kSnappyCompression";
            case "ZLIB_COMPRESSION" -> "kZlibCompression";
            case "BZLIB2_COMPRESSION" -> "kBZip2Compression";
            case "LZ4_COMPRESSION" -> "kLZ4Compression";
            case "LZ4HC_COMPRESSION" -> "kLZ4HCCompression";
            case "XPRESS_COMPRESSION" -> "kXpressCompression";
            case "ZSTD_COMPRESSION" -> "kZSTD";
            case "DISABLE_COMPRESSION_OPTION" -> "kDisableCompressionOption";
            default -> flinkName;
        };
    }

    static String compactionStyleName(String flinkName) {
        String n = flinkName.toUpperCase(Locale.ROOT);
        return switch (n) {
            case "LEVEL" -> "kCompactionStyleLevel";
            case "UNIVERSAL" -> "kCompactionStyleUniversal";
            case "FIFO" -> "kCompactionStyleFIFO";
            case "NONE" -> "kCompactionStyleNone";
            default -> flinkName;
        };
    }

    private static String bloomField(String filterPolicy, int index) {
        // "bloomfilter:10:false" → fields 1 (bits per key) and 2 (block-based flag); "nullptr" when no filter.
        String[] parts = filterPolicy.split(":");
        return parts.length > index ? parts[index] : "";
    }

    static {
        map("thread.num", DB, "max_background_jobs", RocksDbOptionsFile::text);
        map("files.open", DB, "max_open_files", RocksDbOptionsFile::text);
        map("log.level", DB, "info_log_level", RocksDbOptionsFile::enumName);
        map("log.max-file-size", DB, "max_log_file_size", RocksDbOptionsFile::bytes);
        map("log.file-num", DB, "keep_log_file_num", RocksDbOptionsFile::text);
        MAPPINGS.put(OptionCatalog.PREFIX + "log.dir", new Mapping(DB, null, null, null,
                "RocksDB does not write db_log_dir into its OPTIONS file"));

        map("compaction.style", CF, "compaction_style", v -> compactionStyleName(enumName(v)));
        map("compaction.level.use-dynamic-size", CF, "level_compaction_dynamic_level_bytes", RocksDbOptionsFile::text);
        map("compaction.level.target-file-size-base", CF, "target_file_size_base", RocksDbOptionsFile::bytes);
        map("compaction.level.max-size-level-base", CF, "max_bytes_for_level_base", RocksDbOptionsFile::bytes);
        map("compression.per.level", CF, "compression_per_level", v -> {
            List<String> names = new ArrayList<>();
            for (Object o : (List<?>) v) {
                names.add(compressionName(((Enum<?>) o).name()));
            }
            return String.join(":", names);
        });
        map("writebuffer.size", CF, "write_buffer_size", RocksDbOptionsFile::bytes);
        map("writebuffer.count", CF, "max_write_buffer_number", RocksDbOptionsFile::text);
        map("writebuffer.number-to-merge", CF, "min_write_buffer_number_to_merge", RocksDbOptionsFile::text);
        map("compaction.filter.periodic-compaction-time", CF, "periodic_compaction_seconds",
                v -> String.valueOf(((java.time.Duration) v).getSeconds()));

        map("block.blocksize", TABLE, "block_size", RocksDbOptionsFile::bytes);
        map("block.metadata-blocksize", TABLE, "metadata_block_size", RocksDbOptionsFile::bytes);
        MAPPINGS.put(OptionCatalog.PREFIX + "block.cache-size", new Mapping(TABLE, null, null, null,
                "RocksDB does not write the block cache capacity into its OPTIONS file; with managed memory the"
                        + " shared cache replaces it anyway"));
        map("use-bloom-filter", TABLE, "filter_policy", v -> (Boolean) v ? "bloomfilter" : "nullptr",
                (exp, found) -> exp.equals("bloomfilter") ? found.startsWith("bloomfilter") : found.equals(exp), "");
        map("bloom-filter.bits-per-key", TABLE, "filter_policy", v -> "bloomfilter:" + v,
                (exp, found) -> found.startsWith("bloomfilter")
                        && NUMERIC.test(bloomField(exp, 1), bloomField(found, 1)),
                "only in effect with use-bloom-filter=true");
        map("bloom-filter.block-based-mode", TABLE, "filter_policy", v -> "bloomfilter:*:" + v,
                (exp, found) -> found.startsWith("bloomfilter") && bloomField(exp, 2).equals(bloomField(found, 2)),
                "only in effect with use-bloom-filter=true");

        String p = OptionCatalog.PREFIX;
        NOT_ROCKSDB.put(p + "predefined-options", "a Flink profile: its options are checked one by one below");
        NOT_ROCKSDB.put(p + "write-batch-size", "Flink's write batching, not a RocksDB option");
        NOT_ROCKSDB.put(p + "memory.managed", "Flink sizes a shared cache and write buffer manager from it; neither"
                + " is written to the OPTIONS file");
        NOT_ROCKSDB.put(p + "memory.fixed-per-slot", "Flink sizes a shared cache and write buffer manager from it");
        NOT_ROCKSDB.put(p + "memory.write-buffer-ratio", "Flink sizes the shared write buffer manager from it");
        NOT_ROCKSDB.put(p + "memory.high-prio-pool-ratio", "Flink sizes the shared cache from it");
        NOT_ROCKSDB.put(p + "checkpoint.transfer.thread.num", "Flink's upload threads");
        NOT_ROCKSDB.put(p + "localdir", "where Flink puts the RocksDB working folder");
        NOT_ROCKSDB.put(p + "options-factory", "Flink calls the factory; its effect shows in the other options");
    }
}
