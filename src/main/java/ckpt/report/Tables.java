package ckpt.report;

import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tables that compare runs: {@link #compare} (one row per run), {@link #stats} (grouped statistics of a
 * per-checkpoint table), {@link #withRatio} (the {@code incremental ÷ full} row), plus readable printing and
 * export. Percentiles are defined in {@link Percentiles} (linear interpolation between closest ranks).
 *
 * <p>Every figure is computed from the data as it is: a value that cannot be computed (no steady checkpoints,
 * Flink did not report it, division by zero) is <b>missing</b>, never 0 or NaN.
 */
public final class Tables {
    /** The {@code mode} value of the ratio row. */
    public static final String RATIO_MODE = "ratio";
    /** The {@code run} value of the ratio row. */
    public static final String RATIO_RUN = "incremental ÷ full";

    public static final String RUN = "run";
    public static final String MODE = "mode";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String FAILED = "failed";
    public static final String P50_DURATION_MS = "p50_duration_ms";
    public static final String P95_DURATION_MS = "p95_duration_ms";
    public static final String MAX_DURATION_MS = "max_duration_ms";
    public static final String MEDIAN_CHECKPOINTED_BYTES = "median_checkpointed_bytes";
    public static final String FINAL_STATE_BYTES = "final_state_bytes";
    public static final String DISK_BYTES = "disk_bytes";
    public static final String RECORDS_PER_S = "records_per_s";

    private Tables() {
    }

    /**
     * One row per run. Duration and size statistics are over the run's <b>steady-phase, completed</b> checkpoints
     * ({@link CheckpointTable#steady}); percentiles by linear interpolation ({@link Percentiles}). Columns:
     * <ul>
     * <li>{@code run}, {@code mode} — the run's name (with its id when two runs share a name) and mode</li>
     * <li>{@code checkpoints} — number of steady completed checkpoints</li>
     * <li>{@code failed} — number of failed checkpoints, both phases</li>
     * <li>{@code p50_duration_ms}, {@code p95_duration_ms}, {@code max_duration_ms} — end-to-end duration</li>
     * <li>{@code median_checkpointed_bytes} — median of what each checkpoint persisted (the delta when incremental)</li>
     * <li>{@code final_state_bytes} — full state size of the last completed checkpoint (any phase)</li>
     * <li>{@code disk_bytes} — bytes in the checkpoint folder after the job stopped (shared + exclusive + taskowned)</li>
     * <li>{@code records_per_s} — records processed per second over warm-up and steady together</li>
     * </ul>
     * A run without steady checkpoints has missing statistics; without any completed checkpoint a missing
     * {@code final_state_bytes}; without disk usage or wall time missing {@code disk_bytes} / {@code records_per_s}.
     */
    public static Table compare(Run... runs) {
        return compare(java.util.Arrays.asList(runs));
    }

    /** {@link #compare(Run...)} for a list. */
    public static Table compare(List<Run> runs) {
        if (runs == null || runs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ckpt.CkptException("compare: no runs given, or one of them is null");
        }
        StringColumn run = StringColumn.create(RUN);
        StringColumn mode = StringColumn.create(MODE);
        IntColumn count = IntColumn.create(CHECKPOINTS);
        IntColumn failed = IntColumn.create(FAILED);
        DoubleColumn p50 = DoubleColumn.create(P50_DURATION_MS);
        DoubleColumn p95 = DoubleColumn.create(P95_DURATION_MS);
        LongColumn max = LongColumn.create(MAX_DURATION_MS);
        DoubleColumn medBytes = DoubleColumn.create(MEDIAN_CHECKPOINTED_BYTES);
        LongColumn finalState = LongColumn.create(FINAL_STATE_BYTES);
        LongColumn disk = LongColumn.create(DISK_BYTES);
        DoubleColumn rps = DoubleColumn.create(RECORDS_PER_S);
        for (Run r : runs) {
            Table all = r.checkpoints() == null ? CheckpointTable.empty(r.name()) : r.checkpoints();
            Table steady = steadyRows(all);
            run.append(Reports.label(r, runs));
            mode.append(r.mode() == null ? "" : r.mode().name());
            count.append(steady.rowCount());
            failed.append(countStatus(all, CheckpointTable.FAILED));
            double[] d = Percentiles.values(steady, CheckpointTable.DURATION_MS);
            appendDouble(p50, Percentiles.of(d, 50));
            appendDouble(p95, Percentiles.of(d, 95));
            appendLong(max, Percentiles.max(d));
            appendDouble(medBytes, Percentiles.median(Percentiles.values(steady, CheckpointTable.CHECKPOINTED_BYTES)));
            appendLong(finalState, lastCompleted(all, CheckpointTable.STATE_BYTES));
            if (r.disk() == null) {
                disk.appendMissing();
            } else {
                disk.append(r.disk().totalBytes());
            }
            long ms = r.warmupMillis() + r.steadyMillis();
            appendDouble(rps, ms <= 0 ? Double.NaN : r.records() * 1000.0 / ms);
        }
        return Table.create("compare", run, mode, count, failed, p50, p95, max, medBytes, finalState, disk, rps);
    }

    /**
     * Grouped statistics of a per-checkpoint table (one run's, or several stacked with
     * {@link CheckpointTable#stack}): one row per ({@code run}, {@code mode}) in order of first appearance, over
     * the steady-phase completed checkpoints (when the table has {@code phase}/{@code status} columns; otherwise
     * over every row). Columns: {@code run}, {@code mode}, {@code checkpoints}, {@code p50/p95/max_duration_ms},
     * {@code p50/p95/max_checkpointed_bytes}. When both FULL and INCREMENTAL rows are present the
     * {@code incremental ÷ full} row of {@link #withRatio} is appended.
     *
     * <p>Rows are grouped by the {@code run} column's value: two runs with the same name are one group.
     */
    public static Table stats(Table checkpoints) {
        Table steady = steadyRows(checkpoints);
        boolean hasRun = steady.columnNames().contains(RUN);
        boolean hasMode = steady.columnNames().contains(MODE);
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        // groups in order of first appearance in the whole table, so a run without steady rows still gets a row
        for (int i = 0; i < checkpoints.rowCount(); i++) {
            groups.putIfAbsent(key(checkpoints, i, hasRun, hasMode, checkpoints.name()), new ArrayList<>());
        }
        for (int i = 0; i < steady.rowCount(); i++) {
            groups.computeIfAbsent(key(steady, i, hasRun, hasMode, checkpoints.name()), k -> new ArrayList<>()).add(i);
        }
        StringColumn run = StringColumn.create(RUN);
        StringColumn mode = StringColumn.create(MODE);
        IntColumn count = IntColumn.create(CHECKPOINTS);
        String[] names = {"p50_duration_ms", "p95_duration_ms", "max_duration_ms",
                "p50_checkpointed_bytes", "p95_checkpointed_bytes", "max_checkpointed_bytes"};
        DoubleColumn[] cols = new DoubleColumn[names.length];
        for (int i = 0; i < names.length; i++) {
            cols[i] = DoubleColumn.create(names[i]);
        }
        for (Map.Entry<List<String>, List<Integer>> g : groups.entrySet()) {
            int[] rows = g.getValue().stream().mapToInt(Integer::intValue).toArray();
            Table sub = rows.length == 0 ? steady.emptyCopy() : steady.rows(rows);
            run.append(g.getKey().get(0));
            mode.append(g.getKey().get(1));
            count.append(rows.length);
            double[] d = sub.columnNames().contains(CheckpointTable.DURATION_MS)
                    ? Percentiles.values(sub, CheckpointTable.DURATION_MS) : new double[0];
            double[] b = sub.columnNames().contains(CheckpointTable.CHECKPOINTED_BYTES)
                    ? Percentiles.values(sub, CheckpointTable.CHECKPOINTED_BYTES) : new double[0];
            appendDouble(cols[0], Percentiles.of(d, 50));
            appendDouble(cols[1], Percentiles.of(d, 95));
            appendDouble(cols[2], Percentiles.max(d));
            appendDouble(cols[3], Percentiles.of(b, 50));
            appendDouble(cols[4], Percentiles.of(b, 95));
            appendDouble(cols[5], Percentiles.max(b));
        }
        Table out = Table.create("stats", run, mode, count);
        out.addColumns(cols);
        return withRatio(out);
    }

    /**
     * A copy of a {@link #compare} or {@link #stats} table with an {@code incremental ÷ full} row appended
     * ({@code run} = "incremental ÷ full", {@code mode} = "ratio") when the {@code mode} column holds both FULL
     * and INCREMENTAL rows; otherwise an unchanged copy. For each numeric column the ratio is
     * <b>median over the INCREMENTAL rows ÷ median over the FULL rows</b> (with one run per mode simply the two
     * values' ratio); missing when either median is missing or the FULL median is 0. Numeric columns become
     * double columns in the copy, since ratios are fractional. A ratio row already present is replaced.
     */
    public static Table withRatio(Table t) {
        if (!t.columnNames().contains(MODE)) {
            return t.copy();
        }
        Table base = t.where(t.stringColumn(MODE).isNotEqualTo(RATIO_MODE));
        List<Integer> full = new ArrayList<>();
        List<Integer> inc = new ArrayList<>();
        for (int i = 0; i < base.rowCount(); i++) {
            String m = base.stringColumn(MODE).get(i).toUpperCase(Locale.ROOT);
            if (m.equals("FULL")) {
                full.add(i);
            } else if (m.equals("INCREMENTAL")) {
                inc.add(i);
            }
        }
        if (full.isEmpty() || inc.isEmpty()) {
            return base.setName(t.name());
        }
        Table out = Table.create(t.name());
        for (Column<?> c : base.columns()) {
            if (c instanceof NumericColumn<?> n) {
                DoubleColumn d = DoubleColumn.create(c.name());
                for (int i = 0; i < n.size(); i++) {
                    appendDouble(d, n.isMissing(i) ? Double.NaN : n.getDouble(i));
                }
                double f = Percentiles.median(pick(n, full));
                double r = Percentiles.median(pick(n, inc));
                appendDouble(d, Double.isNaN(f) || Double.isNaN(r) || f == 0 ? Double.NaN : r / f);
                out.addColumns(d);
            } else {
                Column<?> copy = c.copy();
                if (c.name().equals(RUN)) {
                    ((StringColumn) copy).append(RATIO_RUN);
                } else if (c.name().equals(MODE)) {
                    ((StringColumn) copy).append(RATIO_MODE);
                } else {
                    copy.appendMissing();
                }
                out.addColumns(copy);
            }
        }
        return out;
    }

    /** Whether row i is a ratio row ({@code mode} = "ratio"): its numbers are ratios, not bytes or ms. */
    public static boolean isRatioRow(Table t, int row) {
        return t.columnNames().contains(MODE) && t.column(MODE) instanceof StringColumn s
                && RATIO_MODE.equals(s.get(row));
    }

    /** Readable, column-aligned text (at most 20 rows: the first and last 10 around a "…" line). */
    public static String format(Table t) {
        return TableText.format(t, TableText.DEFAULT_ROWS);
    }

    /** Readable text with at most maxRows rows. */
    public static String format(Table t, int maxRows) {
        return TableText.format(t, maxRows);
    }

    /** {@link #format(Table)}, and hands the table to {@link Capture} when a capture is active (for reports). */
    public static String show(Table t) {
        if (Capture.active()) {
            Capture.offer(t.copy());
        }
        return TableText.format(t, TableText.DEFAULT_ROWS);
    }

    /** Writes the table as CSV (raw numbers, empty = missing, instants ISO-8601); returns the path. */
    public static Path exportCsv(Table t, String path) {
        return Export.csv(t, path);
    }

    /** Writes the table as a JSON array of row objects (numbers as numbers, missing as null); returns the path. */
    public static Path exportJson(Table t, String path) {
        return Export.json(t, path);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Steady completed rows when the table has the columns to tell; otherwise every row. */
    static Table steadyRows(Table t) {
        List<String> cols = t.columnNames();
        if (cols.contains(CheckpointTable.PHASE) && cols.contains(CheckpointTable.STATUS)) {
            return CheckpointTable.steady(t);
        }
        if (cols.contains(CheckpointTable.STATUS)) {
            return CheckpointTable.completed(t);
        }
        return t;
    }

    private static List<String> key(Table t, int i, boolean hasRun, boolean hasMode, String name) {
        return List.of(hasRun ? t.column(RUN).getString(i) : String.valueOf(name), hasMode ? t.column(MODE).getString(i) : "");
    }

    private static int countStatus(Table t, String status) {
        if (!t.columnNames().contains(CheckpointTable.STATUS)) {
            return 0;
        }
        return (int) t.stringColumn(CheckpointTable.STATUS).isEqualTo(status).size();
    }

    /** The value in the last completed row (missing value → NaN; no completed row → NaN). */
    private static double lastCompleted(Table t, String column) {
        if (!t.columnNames().contains(column)) {
            return Double.NaN;
        }
        Table done = t.columnNames().contains(CheckpointTable.STATUS) ? CheckpointTable.completed(t) : t;
        if (done.rowCount() == 0) {
            return Double.NaN;
        }
        NumericColumn<?> c = done.numberColumn(column);
        int last = done.rowCount() - 1;
        return c.isMissing(last) ? Double.NaN : c.getDouble(last);
    }

    private static double[] pick(NumericColumn<?> c, List<Integer> rows) {
        double[] out = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            out[k] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return out;
    }

    static void appendDouble(DoubleColumn c, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    private static void appendLong(LongColumn c, double v) {
        if (Double.isNaN(v)) {
            c.appendMissing();
        } else {
            c.append((long) v);
        }
    }
}
