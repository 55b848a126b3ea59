package ckpt.report;

import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * Tables in the HTML report, readable at a normal window width: human-readable cells ({@link TableText#cell}), the
 * rows {@link RowWindow} picks, few-row tables transposed, wide ones split into blocks of whole columns.
 */
final class HtmlTable {
    /**
     * Characters of cell text a table row may hold before it is split into blocks: at the page's 1100 px and the
     * tables' .86em font, about what fits without scrolling sideways.
     */
    static final int WIDTH_CHARS = 130;
    /** Tables of at most this many rows and more than {@link #TRANSPOSE_COLUMNS} columns are transposed. */
    static final int TRANSPOSE_ROWS = 4;
    static final int TRANSPOSE_COLUMNS = 7;

    private HtmlTable() {
    }

    /**
     * A table as HTML. Columns empty in every row are left out and named in the caption. A few rows with many
     * columns (compare, stats) are transposed: one row per figure, one column per run, so nothing scrolls
     * sideways. Other tables wider than {@link #WIDTH_CHARS} are split into blocks of whole columns that repeat
     * the key columns, as in the terminal ({@link TableText#blocks}).
     */
    static String of(Table t, int maxRows) {
        RowWindow win = RowWindow.of(t.rowCount(), maxRows);
        List<Integer> empty = TableText.emptyColumns(t);
        List<Integer> cols = new ArrayList<>();
        for (int j = 0; j < t.columnCount(); j++) {
            if (!empty.contains(j)) {
                cols.add(j);
            }
        }
        StringBuilder caption = new StringBuilder(HtmlReport.esc(t.name() == null ? "" : t.name())).append(" · ")
                .append(HtmlReport.esc(win.caption()));
        if (!empty.isEmpty()) {
            caption.append(" · empty in every row: ")
                    .append(HtmlReport.esc(String.join(", ", empty.stream().map(j -> t.column(j).name()).toList())));
        }
        StringBuilder sb = new StringBuilder();
        boolean transpose = t.rowCount() > 0 && t.rowCount() <= TRANSPOSE_ROWS && cols.size() > TRANSPOSE_COLUMNS;
        if (transpose) {
            sb.append(transposedHtml(t, cols, caption.toString()));
        } else {
            int[] w = new int[t.columnCount()];
            for (int j : cols) {
                w[j] = t.column(j).name().length();
                for (int i : win.rows()) {
                    w[j] = Math.max(w[j], TableText.cell(t, i, j).length());
                }
                w[j] += 2; // cell padding
            }
            List<List<Integer>> blocks = TableText.blocks(t, cols, w, WIDTH_CHARS);
            for (int b = 0; b < blocks.size(); b++) {
                sb.append(blockHtml(t, win, blocks.get(b), b == 0 ? caption.toString() : null));
            }
        }
        boolean anyMark = false;
        for (int i : win.rows()) {
            for (int j : cols) {
                anyMark |= TableText.marked(t, i, t.column(j).name()) && !t.column(j).isMissing(i);
            }
        }
        if (anyMark) {
            sb.append("<p class=\"muted\">").append(HtmlReport.esc(TableText.MARK_NOTE)).append("</p>\n");
        }
        return sb.toString();
    }

    private static String blockHtml(Table t, RowWindow win, List<Integer> cols, String caption) {
        StringBuilder sb = new StringBuilder("<div class=\"wide\"><table>\n");
        if (caption != null) {
            sb.append("<caption>").append(caption).append("</caption>\n");
        }
        sb.append("<thead><tr>");
        for (int j : cols) {
            sb.append("<th>").append(HtmlReport.esc(t.column(j).name())).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        List<Integer> rows = win.rows();
        for (int k = 0; k < rows.size(); k++) {
            if (k == win.cut()) {
                sb.append("<tr class=\"gap\"><td colspan=\"").append(cols.size()).append("\">… ")
                        .append(win.hidden()).append(" rows not shown …</td></tr>\n");
            }
            int i = rows.get(k);
            sb.append(Tables.isRatioRow(t, i) ? "<tr class=\"ratio\">" : "<tr>");
            for (int j : cols) {
                sb.append(TableText.numeric(t.column(j)) ? "<td class=\"num\">" : "<td>")
                        .append(HtmlReport.esc(TableText.cell(t, i, j))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table></div>\n").toString();
    }

    /** One row per column, one column per table row (headed by the first column's values). */
    private static String transposedHtml(Table t, List<Integer> cols, String caption) {
        int first = cols.get(0);
        StringBuilder sb = new StringBuilder("<div class=\"wide\"><table class=\"transposed\">\n<caption>")
                .append(caption).append("</caption>\n<thead><tr><th>").append(HtmlReport.esc(t.column(first).name())).append("</th>");
        for (int i = 0; i < t.rowCount(); i++) {
            sb.append(Tables.isRatioRow(t, i) ? "<th class=\"ratio\">" : "<th>")
                    .append(HtmlReport.esc(TableText.cell(t, i, first))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int j : cols) {
            if (j == first) {
                continue;
            }
            sb.append("<tr><th>").append(HtmlReport.esc(t.column(j).name())).append("</th>");
            for (int i = 0; i < t.rowCount(); i++) {
                String cls = (TableText.numeric(t.column(j)) ? "num" : "") + (Tables.isRatioRow(t, i) ? " ratio" : "");
                sb.append(cls.isBlank() ? "<td>" : "<td class=\"" + cls.strip() + "\">")
                        .append(HtmlReport.esc(TableText.cell(t, i, j))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table></div>\n").toString();
    }
}
