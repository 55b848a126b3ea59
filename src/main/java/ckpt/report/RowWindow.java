package ckpt.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rows of a long table are printed: all of them up to {@code max}, else the first and last halves with a
 * gap between (the terminal prints "…", the HTML report "… N rows not shown …"). One rule for both.
 *
 * @param rows the row indices shown, in order
 * @param cut  the position in {@code rows} before which the gap goes, or -1 when every row is shown
 * @param total the table's row count
 */
record RowWindow(List<Integer> rows, int cut, int total) {

    static RowWindow of(int n, int max) {
        int limit = Math.max(max, 2);
        List<Integer> rows = new ArrayList<>();
        if (n <= limit) {
            for (int i = 0; i < n; i++) {
                rows.add(i);
            }
            return new RowWindow(rows, -1, n);
        }
        int head = (limit + 1) / 2;
        for (int i = 0; i < head; i++) {
            rows.add(i);
        }
        for (int i = n - (limit - head); i < n; i++) {
            rows.add(i);
        }
        return new RowWindow(rows, head, n);
    }

    /** Rows left out. */
    int hidden() {
        return total - rows.size();
    }

    /** "12 rows", "1 row", "50 rows (first 10, last 10)". */
    String caption() {
        String s = total + (total == 1 ? " row" : " rows");
        return cut < 0 ? s : s + " (first " + cut + ", last " + (rows.size() - cut) + ")";
    }
}
