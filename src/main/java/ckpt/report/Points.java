package ckpt.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The (x, y) points of a chart, one series per value of the "run" column (or a single series named after y),
 * in row order ({@code byRun}: the series come from a run column). Rows where x or y is missing are counted, not drawn as 0. Shared by the terminal and file charts
 * so both always draw the same data.
 */
record Points(List<String> names, List<Point> points, int skipped, boolean byRun) {

    record Point(double x, double y, int series) {
    }

    static Points of(Table t, String x, String y) {
        NumericColumn<?> xc = (NumericColumn<?>) t.column(x);
        NumericColumn<?> yc = (NumericColumn<?>) t.column(y);
        Map<String, Integer> index = TerminalChart.seriesIndex(t);
        List<String> names = new ArrayList<>(index.keySet());
        if (names.isEmpty()) {
            names.add(y);
        }
        List<Point> pts = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (xc.isMissing(i) || yc.isMissing(i)) {
                skipped++;
                continue;
            }
            int s = index.isEmpty() ? 0 : index.get(t.column(Tables.RUN).getString(i));
            pts.add(new Point(xc.getDouble(i), yc.getDouble(i), s));
        }
        return new Points(List.copyOf(names), pts, skipped, !index.isEmpty());
    }
}
