package ckpt.report;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The (x, y) points of a chart, one series per value of the "run" column (or a single series named after y),
 * in row order ({@code byRun}: the series come from a run column). Rows where x or y is missing are counted, not
 * drawn as 0. A point is {@code warmup} when its row's {@code phase} is warm-up: charts mark those, since
 * {@code compare} does not count them. Shared by the terminal and file charts so both draw the same data.
 */
record Points(List<String> names, List<Point> points, int skipped, boolean byRun) {

    record Point(double x, double y, int series, boolean warmup) {
    }

    static Points of(Table t, String x, String y) {
        NumericColumn<?> xc = (NumericColumn<?>) t.column(x);
        NumericColumn<?> yc = (NumericColumn<?>) t.column(y);
        Map<String, Integer> index = seriesIndex(t);
        List<String> names = new ArrayList<>(index.keySet());
        if (names.isEmpty()) {
            names.add(y);
        }
        Column<?> phase = t.columnNames().contains(CheckpointTable.PHASE) ? t.column(CheckpointTable.PHASE) : null;
        List<Point> pts = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (xc.isMissing(i) || yc.isMissing(i)) {
                skipped++;
                continue;
            }
            int s = index.isEmpty() ? 0 : index.get(t.column(CheckpointTable.RUN).getString(i));
            boolean warm = phase != null && CheckpointTable.WARMUP.equals(phase.getString(i));
            pts.add(new Point(xc.getDouble(i), yc.getDouble(i), s, warm));
        }
        return new Points(List.copyOf(names), pts, skipped, !index.isEmpty());
    }

    /** Whether any point is a warm-up checkpoint. */
    boolean hasWarmup() {
        return points.stream().anyMatch(Point::warmup);
    }

    /** Series index per run value, in order of appearance; empty when there is no run column. */
    static Map<String, Integer> seriesIndex(Table t) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (t.columnNames().contains(CheckpointTable.RUN)) {
            Column<?> r = t.column(CheckpointTable.RUN);
            for (int i = 0; i < t.rowCount(); i++) {
                out.putIfAbsent(r.getString(i), out.size());
            }
        }
        return out;
    }

    /**
     * The table as a chart may show it: column names and text values with control characters made visible
     * ({@link ckpt.text.Visible}), so a label from data cannot drive the terminal or break an SVG file (XML has
     * no place for them). The same table when there is nothing to change.
     */
    static Table visible(Table t) {
        boolean clean = ckpt.text.Visible.clean(t.name(), false);
        for (Column<?> c : t.columns()) {
            clean &= ckpt.text.Visible.clean(c.name(), false);
            if (c instanceof StringColumn s) {
                for (int i = 0; i < s.size() && clean; i++) {
                    clean = ckpt.text.Visible.clean(s.get(i), false);
                }
            }
        }
        if (clean) {
            return t;
        }
        Table out = Table.create(ckpt.text.Visible.line(t.name()));
        for (Column<?> c : t.columns()) {
            Column<?> copy = c instanceof StringColumn s ? s.map(ckpt.text.Visible::line) : c.copy();
            out.addColumns(copy.setName(ckpt.text.Visible.line(c.name())));
        }
        return out;
    }

    /** The rows to plot: everything but ratio rows (they hold ratios, not the column's unit). */
    static Table plottable(Table t) {
        if (t.columnNames().contains(CheckpointTable.MODE) && t.column(CheckpointTable.MODE) instanceof StringColumn s) {
            return t.where(s.isNotEqualTo(Tables.RATIO_MODE));
        }
        return t;
    }

    /** The named column, or a one-line error listing the table's columns. */
    static Column<?> column(Table t, String name) {
        if (name == null || !t.columnNames().contains(name)) {
            throw new CkptException("no column '" + name + "' in table '" + t.name() + "' — columns: " + t.columnNames());
        }
        return t.column(name);
    }

    /** The y column, which must be numeric. */
    static NumericColumn<?> yColumn(Table t, String y) {
        Column<?> yc = column(t, y);
        if (!(yc instanceof NumericColumn<?> n)) {
            throw new CkptException("y column '" + y + "' is " + yc.type().name() + " — pick a numeric column: "
                    + numericColumns(t));
        }
        return n;
    }

    /** The one-line error for an x column that is neither text nor a number. */
    static CkptException badX(Column<?> xc) {
        return new CkptException("x column '" + xc.name() + "' is " + xc.type().name()
                + " — use a string column (bars, e.g. run) or a numeric one (e.g. checkpoint_id, t_ms)");
    }

    private static List<String> numericColumns(Table t) {
        List<String> out = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            if (c instanceof NumericColumn<?>) {
                out.add(c.name());
            }
        }
        return out;
    }
}
