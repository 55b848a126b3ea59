package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import ckpt.model.Run;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import ckpt.model.CheckpointTable;
import ckpt.rocksdb.OptionCatalog;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Runs one experiment per value of a knob (or per pair of values of two knobs) and puts the results side by side.
 * Independent of the engine: the runner and the compare function are passed in.
 *
 * <p>A knob is a RocksDB option (full or short key, checked by {@link OptionCatalog#validate}) or one of the
 * experiment fields {@value #FIELD_LIST}. Every value is checked before the first run starts, so a typo in the
 * last value does not cost the runs before it. A run that throws is recorded (its row has the run name, the value
 * and the {@value #ERROR} text, other columns missing) and the sweep goes on; a run the user cancelled stops the
 * sweep, keeping what was measured.
 */
public final class Sweep {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Sweep.class);
    /** Column holding the error of a failed run (only present when a run failed). */
    public static final String ERROR = "error";
    private static final List<String> FIELDS =
            List.of("mode", "keys", "churn", "valueBytes", "interval", "seconds", "parallelism", "rate");
    static final String FIELD_LIST = String.join(", ", FIELDS);
    private static final String RUN = CheckpointTable.RUN;

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("writebuffer.size", "wb"),
            Map.entry("writebuffer.count", "wbn"),
            Map.entry("writebuffer.number-to-merge", "wbmerge"),
            Map.entry("block.cache-size", "cache"),
            Map.entry("block.blocksize", "block"),
            Map.entry("compression.per.level", "compr"),
            Map.entry("compaction.style", "compaction"),
            Map.entry("thread.num", "threads"),
            Map.entry("predefined-options", "profile"),
            Map.entry("memory.managed", "managed"),
            Map.entry("memory.fixed-per-slot", "slotmem"),
            Map.entry("memory.write-buffer-ratio", "wbratio"),
            Map.entry("use-bloom-filter", "bloom"),
            Map.entry("checkpoint.transfer.thread.num", "upload-threads"));

    private Sweep() {
    }

    /** What a sweep produced: the table, the runs that returned (in sweep order), and errors by run name. */
    public record Result(Table table, List<Run> runs, Map<String, String> errors, boolean stopped) {
    }

    /**
     * One run per value of {@code key}; returns {@code compare(runs)} with a column named after the key (short
     * form, e.g. {@code writebuffer.size}) holding each run's value, in sweep order.
     */
    public static Table run(Experiment base, String key, List<String> values, Function<Experiment, Run> runner,
                            Function<List<Run>, Table> compare, Consumer<String> progress) {
        return runAll(base, key, values, runner, compare, progress).table();
    }

    /** As {@link #run}, keeping the runs and errors too. */
    public static Result runAll(Experiment base, String key, List<String> values, Function<Experiment, Run> runner,
                                Function<List<Run>, Table> compare, Consumer<String> progress) {
        requireValues(key, values);
        List<List<String>> points = new ArrayList<>();
        for (String v : values) {
            points.add(List.of(v));
        }
        return execute(base, List.of(key), points, runner, compare, progress);
    }

    /**
     * Every combination of the values of two knobs (key1 varies slowest); the table gets one column per knob.
     */
    public static Table grid(Experiment base, String key1, List<String> values1, String key2, List<String> values2,
                             Function<Experiment, Run> runner, Function<List<Run>, Table> compare,
                             Consumer<String> progress) {
        return gridAll(base, key1, values1, key2, values2, runner, compare, progress).table();
    }

    /** As {@link #grid}, keeping the runs and errors too. */
    public static Result gridAll(Experiment base, String key1, List<String> values1, String key2, List<String> values2,
                                 Function<Experiment, Run> runner, Function<List<Run>, Table> compare,
                                 Consumer<String> progress) {
        requireValues(key1, values1);
        requireValues(key2, values2);
        List<List<String>> points = new ArrayList<>();
        for (String a : values1) {
            for (String b : values2) {
                points.add(List.of(a, b));
            }
        }
        return execute(base, List.of(key1, key2), points, runner, compare, progress);
    }

    /**
     * The experiment with one knob changed: a RocksDB option (full or short key) or an experiment field. Fails
     * with a one-line message naming the knob and the value.
     */
    public static Experiment apply(Experiment e, String key, String value) {
        if (key == null || key.isBlank()) {
            throw new CkptException("sweep key is empty — a RocksDB option or one of: " + FIELD_LIST);
        }
        if (value == null) {
            throw new CkptException(key + ": sweep value is null");
        }
        String field = field(key);
        String v = value.trim();
        if (field == null) {
            return e.rocksdb(rocksdbKey(key), v);
        }
        return switch (field) {
            case "mode" -> e.mode(v);
            case "keys" -> e.keys(whole(field, v));
            case "churn" -> e.churn(decimal(field, v));
            case "valueBytes" -> e.valueBytes((int) whole(field, v));
            case "interval" -> e.interval(v);
            case "seconds" -> e.seconds((int) whole(field, v));
            case "parallelism" -> e.parallelism((int) whole(field, v));
            case "rate" -> e.rate(whole(field, v));
            default -> throw new IllegalStateException(field);
        };
    }

    /** The column name for a knob: the short RocksDB key ("writebuffer.size") or the field name ("churn"). */
    public static String columnName(String key) {
        String field = field(key);
        if (field != null) {
            return field;
        }
        return OptionCatalog.find(rocksdbKey(key)).orElseThrow().shortKey();
    }

    /** The full RocksDB key; an unknown key fails with suggestions and the list of experiment fields. */
    private static String rocksdbKey(String key) {
        try {
            return OptionCatalog.info(key).key();
        } catch (CkptException ex) {
            throw new CkptException(ex.getMessage() + " (a sweep can also vary: " + FIELD_LIST + ")");
        }
    }

    // ------------------------------------------------------------------ internals

    private static Result execute(Experiment base, List<String> keys, List<List<String>> points,
                                  Function<Experiment, Run> runner, Function<List<Run>, Table> compare,
                                  Consumer<String> progress) {
        if (base == null) {
            throw new CkptException("sweep needs a base experiment, e.g. experiment().mode(\"incremental\")");
        }
        Consumer<String> say = progress == null ? s -> { } : progress;
        List<String> columns = new ArrayList<>();
        for (String k : keys) {
            String c = columnName(k);
            if (columns.contains(c)) {
                throw new CkptException("grid needs two different keys, got " + c + " twice");
            }
            columns.add(c);
        }

        // Build and check every experiment before running anything.
        List<Experiment> experiments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (List<String> point : points) {
            Experiment e = base;
            for (int i = 0; i < keys.size(); i++) {
                e = apply(e, keys.get(i), point.get(i));
            }
            String name = uniqueName(runName(base, columns, point), used);
            experiments.add(e.name(name));
            names.add(name);
        }

        int n = experiments.size();
        List<Run> returned = new ArrayList<>();
        List<Integer> returnedAt = new ArrayList<>();
        Map<String, String> errors = new LinkedHashMap<>();
        boolean stopped = false;
        int attempted = 0;
        for (int i = 0; i < n; i++) {
            if (Thread.currentThread().isInterrupted()) {
                stopped = true;
                say.accept("sweep stopped before run " + (i + 1) + "/" + n + " (interrupted)");
                break;
            }
            List<String> point = points.get(i);
            StringBuilder line = new StringBuilder("run ").append(i + 1).append('/').append(n);
            for (int k = 0; k < columns.size(); k++) {
                line.append(" · ").append(columns.get(k)).append('=').append(point.get(k).trim());
            }
            say.accept(line.toString());
            attempted++;
            Run r;
            try {
                r = runner.apply(experiments.get(i));
            } catch (RuntimeException ex) {
                String msg = oneLine(ex);
                errors.put(names.get(i), msg);
                say.accept("run " + (i + 1) + "/" + n + " failed: " + msg);
                continue;
            }
            if (r == null) {
                errors.put(names.get(i), "the runner returned no run");
                say.accept("run " + (i + 1) + "/" + n + " failed: the runner returned no run");
                continue;
            }
            returned.add(r);
            returnedAt.add(i);
            String status = r.status() == null ? "" : r.status();
            if (status.startsWith("FAILED")) {
                errors.put(names.get(i), status);
            }
            if (status.startsWith("CANCELLED")) {
                stopped = true;
                say.accept("sweep stopped: run " + (i + 1) + "/" + n + " was cancelled");
                break;
            }
        }
        Table table = assemble(base, columns, points, names, attempted, returned, returnedAt, errors, compare, say);
        if (!stopped) {
            say.accept("sweep done: " + n + " run" + (n == 1 ? "" : "s")
                    + (errors.isEmpty() ? "" : ", " + errors.size() + " failed"));
        }
        return new Result(table, List.copyOf(returned), Map.copyOf(errors), stopped);
    }

    private static Table assemble(Experiment base, List<String> columns, List<List<String>> points, List<String> names,
                                  int attempted, List<Run> returned, List<Integer> returnedAt,
                                  Map<String, String> errors, Function<List<Run>, Table> compare,
                                  Consumer<String> say) {
        Table cmp = null;
        if (!returned.isEmpty()) {
            try {
                cmp = compare.apply(returned);
            } catch (RuntimeException ex) {
                LOG.warn("compare of the sweep's runs failed", ex);
                say.accept("compare failed: " + oneLine(ex) + " — showing run status only");
            }
        }
        if (cmp == null) {
            cmp = statusTable(returned);
        }
        // Which compare row belongs to which run: by the "run" column when there is one, else by position.
        int[] rowOf = new int[returned.size()];
        boolean byName = cmp.columnNames().contains(RUN) && cmp.column(RUN) instanceof StringColumn;
        if (!byName && cmp.rowCount() != returned.size()) {
            say.accept("compare table has no '" + RUN + "' column and " + cmp.rowCount() + " rows for "
                    + returned.size() + " runs — showing run status only");
            cmp = statusTable(returned);
            byName = true;
        }
        for (int i = 0; i < returned.size(); i++) {
            if (byName) {
                String name = returned.get(i).name();
                rowOf[i] = -1;
                StringColumn runCol = cmp.stringColumn(RUN);
                for (int row = 0; row < cmp.rowCount(); row++) {
                    if (name.equals(runCol.get(row))) {
                        rowOf[i] = row;
                        break;
                    }
                }
            } else {
                rowOf[i] = i;
            }
        }

        Table out = cmp.emptyCopy();
        out.setName("sweep · " + String.join(" × ", columns));
        List<StringColumn> valueCols = new ArrayList<>();
        for (String c : columns) {
            valueCols.add(StringColumn.create(out.columnNames().contains(c) ? c + " (swept)" : c));
        }
        StringColumn error = StringColumn.create(ERROR);
        for (int i = 0; i < attempted; i++) {
            int k = returnedAt.indexOf(i);
            int row = k >= 0 ? rowOf[k] : -1;
            if (row >= 0) {
                out.addRow(row, cmp);
            } else {
                for (Column<?> col : out.columns()) {
                    col.appendMissing();
                }
                if (out.columnNames().contains(RUN) && out.column(RUN) instanceof StringColumn rc) {
                    rc.set(rc.size() - 1, names.get(i));
                }
            }
            for (int c = 0; c < columns.size(); c++) {
                valueCols.get(c).append(points.get(i).get(c).trim());
            }
            error.append(errors.getOrDefault(names.get(i), ""));
        }
        int at = out.columnNames().contains(RUN) ? out.columnIndex(RUN) + 1 : 0;
        for (int c = valueCols.size() - 1; c >= 0; c--) {
            out.insertColumn(at, valueCols.get(c));
        }
        if (!errors.isEmpty()) {
            out.addColumns(error);
        }
        return out;
    }

    /** The fallback table when compare is unusable: run, status, checkpoints. */
    private static Table statusTable(List<Run> runs) {
        StringColumn run = StringColumn.create(RUN);
        StringColumn status = StringColumn.create("status");
        IntColumn checkpoints = IntColumn.create("checkpoints");
        for (Run r : runs) {
            run.append(r.name());
            status.append(r.status());
            checkpoints.append(r.checkpoints() == null ? 0 : r.checkpoints().rowCount());
        }
        return Table.create("runs", run, status, checkpoints);
    }

    static String runName(Experiment base, List<String> columns, List<String> values) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String c = columns.get(i);
            String alias = ALIASES.getOrDefault(c, c.contains(".") ? c.substring(c.lastIndexOf('.') + 1) : c);
            parts.add(alias + "-" + label(values.get(i)));
        }
        String name = String.join("_", parts);
        if (base.name() != null) {
            name = base.name() + "-" + name;
        }
        name = name.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.length() > 40 ? name.substring(0, 40) : name;
    }

    private static String label(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT).replace("_compression", "").replace(" ", "");
        v = v.replaceAll("[;,]", "-").replaceAll("[^a-z0-9._-]", "-").replaceAll("-{2,}", "-");
        return v.isEmpty() ? "empty" : v;
    }

    private static String uniqueName(String name, Set<String> used) {
        String n = name;
        for (int i = 2; !used.add(n); i++) {
            String suffix = "-" + i;
            n = (name.length() + suffix.length() > 40 ? name.substring(0, 40 - suffix.length()) : name) + suffix;
        }
        return n;
    }

    private static String field(String key) {
        String k = key.trim();
        for (String f : FIELDS) {
            if (f.equalsIgnoreCase(k)) {
                return f;
            }
        }
        return null;
    }

    private static void requireValues(String key, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw new CkptException("sweep over " + key + " needs at least one value");
        }
    }

    private static long whole(String field, String v) {
        try {
            return Long.parseLong(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new CkptException(field + ": '" + v + "' is not a whole number");
        }
    }

    private static double decimal(String field, String v) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new CkptException(field + ": '" + v + "' is not a number (e.g. 0.05)");
        }
    }

    private static String oneLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = t.getClass().getSimpleName();
        } else if (!(t instanceof CkptException)) {
            m = t.getClass().getSimpleName() + ": " + m;
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl).trim() : m.trim();
    }
}
