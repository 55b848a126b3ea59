package ckpt.report;

import ckpt.text.Units;
import ckpt.text.Visible;
import ckpt.model.CheckpointTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Readable text for a table. Works on formatted strings only; the table itself is never changed.
 * Byte columns ({@code *_bytes}) print as KiB/MiB/GiB, millisecond columns ({@code *_ms}) as ms/s, numbers in a
 * ratio row ({@code mode} = "ratio") as {@code 0.17×}; a missing number prints as {@code —}.
 *
 * <p>Layout, for a given width: columns that are empty in every row are left out and named in one line; a table
 * wider than the width is printed in blocks of whole columns, each block repeating the key columns (the first
 * one, and {@code mode}); a single row that does not fit is printed transposed (one line per column); a table
 * of text only with prose (a column of sentences, like option descriptions) is printed as records, the prose
 * wrapped.
 * Long cells wrap at word boundaries within their column; nothing is cut.
 */
public final class TableText {
    /** Rows printed at most by default; longer tables show their first and last halves around "…". */
    public static final int DEFAULT_ROWS = 20;
    /** Widest column; longer text wraps onto more lines of the same row. */
    public static final int MAX_CELL = 40;
    /** What a missing number prints as. */
    public static final String MISSING = "—";
    /** Follows a percentile taken over too few checkpoints ({@link Tables#thin}). */
    public static final String MARK = "*";
    /** The footnote explaining {@link #MARK}. */
    public static final String MARK_NOTE = MARK + " percentile over fewer than " + Tables.MIN_SAMPLE
            + " checkpoints, or over less than half of those triggered";

    private static final String GAP = "  ";

    private TableText() {
    }

    /** The readable form of one cell, with {@link #MARK} after a percentile of a thin row. */
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
            String s = Units.format(Units.of(c.name()), v);
            return marked(t, row, c.name()) ? s + " " + MARK : s;
        }
        if (c instanceof InstantColumn ic) {
            Instant i = ic.get(row);
            return i == null ? "" : i.toString();
        }
        // text from data: control characters shown (\x1b), not sent to the terminal; line breaks kept for wrapping
        return c.isMissing(row) ? "" : Visible.text(c.getString(row)).replace("\t", "\\t"); // a tab would break the columns
    }

    /** A column's name as shown: control characters visible. */
    static String name(Table t, int col) {
        return Visible.line(t.column(col).name());
    }

    /** Whether a cell gets {@link #MARK}: a percentile or median column in a row {@link Tables#thin} says is thin. */
    static boolean marked(Table t, int row, String column) {
        return (column.matches("p\\d+_.*") || column.startsWith("median_")) && Tables.thin(t, row);
    }

    /** Whether a column is right-aligned (numbers). */
    public static boolean numeric(Column<?> c) {
        return c instanceof NumericColumn<?>;
    }

    /** Column-aligned text with at most maxRows rows (head and tail around "…" when longer), any width. */
    public static String format(Table t, int maxRows) {
        return format(t, maxRows, Integer.MAX_VALUE);
    }

    /** Readable text at most {@code width} characters wide (see the class comment for the layout). */
    public static String format(Table t, int maxRows, int width) {
        RowWindow win = RowWindow.of(t.rowCount(), maxRows);
        StringBuilder sb = new StringBuilder();
        if (t.name() != null && !t.name().isBlank()) {
            sb.append(Visible.line(t.name())).append(" · ").append(win.caption()).append('\n');
        }
        List<Integer> empty = emptyColumns(t);
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < t.columnCount(); j++) {
            if (!empty.contains(j)) {
                cols.add(j);
            }
        }
        // records only for text tables (options, notes): a table of figures stays a grid, its long text wrapped
        boolean figures = cols.stream().anyMatch(j -> numeric(t.column(j)));
        List<Integer> prose = figures ? List.of() : cols.stream().filter(j -> prose(t, j)).toList();
        if (!prose.isEmpty() && t.rowCount() > 0) {
            records(sb, t, win, cols, prose, width);
        } else if (t.rowCount() == 1 && lineWidth(t, win, cols) > width) {
            transposed(sb, t, cols, width);
        } else {
            grid(sb, t, win, cols, width);
        }
        if (t.rowCount() == 0) {
            sb.append("(no rows)\n");
        }
        boolean anyMark = false;
        for (int i : win.rows()) {
            for (int j : cols) {
                anyMark |= marked(t, i, t.column(j).name()) && !t.column(j).isMissing(i);
            }
        }
        if (anyMark) {
            sb.append(MARK_NOTE).append('\n');
        }
        if (!empty.isEmpty()) {
            List<String> names = empty.stream().map(j -> name(t, j)).toList();
            sb.append('(').append(String.join(", ", names)).append(": empty in every row)\n");
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------- layouts

    /** Aligned columns, in blocks that fit the width, each repeating the key columns. */
    private static void grid(StringBuilder sb, Table t, RowWindow win, List<Integer> cols, int width) {
        List<Integer> rows = win.rows();
        String[][][] cells = new String[rows.size()][t.columnCount()][];
        int[] w = new int[t.columnCount()];
        for (int j : cols) {
            w[j] = name(t, j).length();
            for (int k = 0; k < rows.size(); k++) {
                cells[k][j] = wrap(cell(t, rows.get(k), j), MAX_CELL).toArray(String[]::new);
                for (String line : cells[k][j]) {
                    w[j] = Math.max(w[j], line.length());
                }
            }
        }
        List<List<Integer>> blocks = blocks(t, cols, w, width);
        for (int b = 0; b < blocks.size(); b++) {
            List<Integer> block = blocks.get(b);
            if (b > 0) {
                sb.append('\n');
            }
            line(sb, t, block, w, j -> name(t, j));
            StringBuilder rule = new StringBuilder();
            for (int j : block) {
                rule.append(rule.length() == 0 ? "" : GAP).append("─".repeat(w[j]));
            }
            sb.append(rule).append('\n');
            for (int k = 0; k < rows.size(); k++) {
                if (k == win.cut()) {
                    line(sb, t, block, w, j -> "…");
                }
                int height = 1;
                for (int j : block) {
                    height = Math.max(height, cells[k][j].length);
                }
                for (int l = 0; l < height; l++) {
                    final int kk = k;
                    final int ll = l;
                    line(sb, t, block, w, j -> ll < cells[kk][j].length ? cells[kk][j][ll] : "");
                }
            }
        }
    }

    /** One row that does not fit on a line: one line per column, the value wrapped beside its name. */
    private static void transposed(StringBuilder sb, Table t, List<Integer> cols, int width) {
        int nameW = cols.stream().mapToInt(j -> name(t, j).length()).max().orElse(0);
        int valueW = Math.max(20, width - nameW - GAP.length() - 1);
        for (int j : cols) {
            List<String> lines = wrap(cell(t, 0, j), valueW);
            for (int l = 0; l < lines.size(); l++) {
                String name = l == 0 ? name(t, j) : "";
                sb.append(name).append(" ".repeat(nameW - name.length())).append(GAP).append(lines.get(l)).append('\n');
            }
        }
    }

    /**
     * Rows with sentences (option descriptions): each row as a record, its short fields on a title line
     * ({@code first · name value · …}) and each prose field as a wrapped, indented paragraph.
     */
    private static void records(StringBuilder sb, Table t, RowWindow win, List<Integer> cols, List<Integer> prose,
                                int width) {
        int w = Math.max(40, Math.min(width, 160) - 1);
        List<Integer> rows = win.rows();
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            if (k == win.cut()) {
                sb.append("… ").append(win.hidden()).append(" rows not shown …\n");
            }
            StringBuilder title = new StringBuilder();
            for (int j : cols) {
                if (prose.contains(j)) {
                    continue;
                }
                String v = cell(t, i, j);
                if (title.length() == 0) {
                    title.append(v);
                } else if (!v.isEmpty()) {
                    title.append(" · ").append(name(t, j)).append(' ').append(v);
                }
            }
            List<String> head = wrap(title.toString(), w);
            for (int l = 0; l < head.size(); l++) {
                sb.append(l == 0 ? "" : "    ").append(head.get(l)).append('\n');
            }
            for (int j : prose) {
                String v = cell(t, i, j);
                if (v.isBlank()) {
                    continue;
                }
                String text = (t.column(j).name().equals("description") ? "" : name(t, j) + ": ") + v;
                for (String line : wrap(text, w - 4)) {
                    sb.append("    ").append(line).append('\n');
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /**
     * Groups of whole columns whose line fits the width; each group starts with the key columns (the first
     * column and {@code mode}, which also marks a ratio row). A column wider than the width gets a group alone.
     */
    static List<List<Integer>> blocks(Table t, List<Integer> cols, int[] w, int width) {
        List<Integer> keys = new ArrayList<>();
        if (!cols.isEmpty()) {
            keys.add(cols.get(0));
        }
        int mode = t.columnNames().indexOf(CheckpointTable.MODE);
        if (mode >= 0 && cols.contains(mode) && !keys.contains(mode)) {
            keys.add(mode);
        }
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> current = new ArrayList<>(keys);
        int used = widthOf(current, w);
        for (int j : cols) {
            if (keys.contains(j)) {
                continue;
            }
            if (current.size() > keys.size() && used + GAP.length() + w[j] > width - 1) {
                out.add(current);
                current = new ArrayList<>(keys);
                used = widthOf(current, w);
            }
            current.add(j);
            used += (used == 0 ? 0 : GAP.length()) + w[j];
        }
        out.add(current);
        return out;
    }

    private static int widthOf(List<Integer> cols, int[] w) {
        int sum = 0;
        for (int j : cols) {
            sum += (sum == 0 ? 0 : GAP.length()) + w[j];
        }
        return sum;
    }

    /** The width of the table printed on one line (no wrapping). */
    private static int lineWidth(Table t, RowWindow win, List<Integer> cols) {
        int sum = 0;
        for (int j : cols) {
            int w = name(t, j).length();
            for (int i : win.rows()) {
                w = Math.max(w, Math.min(MAX_CELL, cell(t, i, j).length()));
            }
            sum += (sum == 0 ? 0 : GAP.length()) + w;
        }
        return sum;
    }

    /**
     * Text columns with nothing in any row (only when there are rows: an empty table keeps its header). Numeric
     * columns stay: their "—" says a figure could not be computed, which is worth seeing.
     */
    static List<Integer> emptyColumns(Table t) {
        List<Integer> out = new ArrayList<>();
        if (t.rowCount() == 0 || t.columnCount() < 2) {
            return out;
        }
        for (int j = 0; j < t.columnCount(); j++) {
            if (!(t.column(j) instanceof StringColumn s)) {
                continue;
            }
            boolean empty = true;
            for (int i = 0; i < t.rowCount() && empty; i++) {
                empty = s.isMissing(i) || s.get(i).isBlank();
            }
            if (empty) {
                out.add(j);
            }
        }
        return out;
    }

    /** A text column of sentences: its non-empty cells average more than 40 characters and 4 words. */
    static boolean prose(Table t, int j) {
        if (!(t.column(j) instanceof StringColumn s)) {
            return false;
        }
        long chars = 0;
        long words = 0;
        int n = 0;
        for (int i = 0; i < s.size(); i++) {
            String v = s.get(i);
            if (v != null && !v.isBlank()) {
                n++;
                chars += v.length();
                words += v.strip().split("\\s+").length;
            }
        }
        return n > 0 && chars / n > MAX_CELL && words / n >= 4;
    }

    /** Lines of at most {@code width} characters, broken at spaces; a longer word is split. Never empty. */
    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ", -1)) {
                while (word.length() > width) {
                    if (line.length() > 0) {
                        out.add(line.toString());
                        line.setLength(0);
                    }
                    out.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    out.add(line.toString());
                    line.setLength(0);
                } else if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            out.add(line.toString().stripTrailing());
        }
        return out;
    }

    private static void line(StringBuilder sb, Table t, List<Integer> cols, int[] width,
                             java.util.function.IntFunction<String> text) {
        StringBuilder l = new StringBuilder();
        for (int j : cols) {
            if (l.length() > 0 || j != cols.get(0)) {
                l.append(GAP);
            }
            String s = text.apply(j);
            String pad = " ".repeat(Math.max(0, width[j] - s.length()));
            l.append(numeric(t.column(j)) ? pad + s : s + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }
}
