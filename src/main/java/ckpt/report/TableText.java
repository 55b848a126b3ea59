package ckpt.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Readable text for a table. Works on formatted strings only; the table itself is never changed.
 * Byte columns ({@code *_bytes}) print as KiB/MiB/GiB, millisecond columns ({@code *_ms}) as ms/s, numbers in a
 * ratio row ({@code mode} = "ratio") as {@code 0.17×}; a missing number prints as {@code —}.
 */
public final class TableText {
    /** Rows printed at most by default; longer tables show their first and last halves around "…". */
    public static final int DEFAULT_ROWS = 20;
    /** Widest cell; longer text is cut with "…". */
    public static final int MAX_CELL = 40;
    /** What a missing number prints as. */
    public static final String MISSING = "—";

    private TableText() {
    }

    /** The readable form of one cell. */
    public static String cell(Table t, int row, int col) {
        Column<?> c = t.column(col);
        if (c instanceof NumericColumn<?> n) {
            if (n.isMissing(row)) {
                return MISSING;
            }
            double v = n.getDouble(row);
            if (Tables.isRatioRow(t, row)) {
                return Units.ratio(v);
            }
            if (c.name().endsWith("_id") && v == Math.rint(v)) {
                return String.valueOf((long) v); // ids read better without thousands separators
            }
            return Units.format(Units.of(c.name()), v);
        }
        if (c instanceof InstantColumn ic) {
            Instant i = ic.get(row);
            return i == null ? "" : i.toString();
        }
        return c.isMissing(row) ? "" : c.getString(row);
    }

    /** Whether a column is right-aligned (numbers). */
    public static boolean numeric(Column<?> c) {
        return c instanceof NumericColumn<?>;
    }

    /** Column-aligned text with at most maxRows rows (head and tail around "…" when longer). */
    public static String format(Table t, int maxRows) {
        int n = t.rowCount();
        int cols = t.columnCount();
        List<Integer> shown = new ArrayList<>();
        int cut = -1; // index in shown before which the "…" line goes
        if (n <= Math.max(maxRows, 1)) {
            for (int i = 0; i < n; i++) {
                shown.add(i);
            }
        } else {
            int head = (Math.max(maxRows, 2) + 1) / 2;
            int tail = Math.max(maxRows, 2) - head;
            for (int i = 0; i < head; i++) {
                shown.add(i);
            }
            cut = shown.size();
            for (int i = n - tail; i < n; i++) {
                shown.add(i);
            }
        }
        String[][] cells = new String[shown.size()][cols];
        int[] width = new int[cols];
        for (int j = 0; j < cols; j++) {
            width[j] = t.column(j).name().length();
        }
        for (int k = 0; k < shown.size(); k++) {
            for (int j = 0; j < cols; j++) {
                String s = cut(cell(t, shown.get(k), j).replace('\n', ' ').replace('\r', ' '));
                cells[k][j] = s;
                width[j] = Math.max(width[j], s.length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (t.name() != null && !t.name().isBlank()) {
            sb.append(t.name()).append(" · ").append(n).append(n == 1 ? " row" : " rows");
            if (cut >= 0) {
                sb.append(" (first ").append(cut).append(", last ").append(shown.size() - cut).append(')');
            }
            sb.append('\n');
        }
        String[] header = new String[cols];
        for (int j = 0; j < cols; j++) {
            header[j] = t.column(j).name();
        }
        line(sb, t, header, width);
        StringBuilder rule = new StringBuilder();
        for (int j = 0; j < cols; j++) {
            rule.append(j == 0 ? "" : "  ").append("─".repeat(width[j]));
        }
        sb.append(rule).append('\n');
        for (int k = 0; k < shown.size(); k++) {
            if (k == cut) {
                String[] dots = new String[cols];
                java.util.Arrays.fill(dots, "…");
                line(sb, t, dots, width);
            }
            line(sb, t, cells[k], width);
        }
        if (n == 0) {
            sb.append("(no rows)\n");
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, Table t, String[] cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int j = 0; j < cells.length; j++) {
            if (j > 0) {
                l.append("  ");
            }
            String s = cells[j];
            String pad = " ".repeat(width[j] - s.length());
            l.append(numeric(t.column(j)) ? pad + s : s + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static String cut(String s) {
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 1) + "…";
    }
}
