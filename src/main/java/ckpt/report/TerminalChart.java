package ckpt.report;

import ckpt.CkptException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts as text for the terminal.
 *
 * <ul>
 * <li><b>Bars</b> — x is a string column (e.g. {@code compare} output by {@code run}): one horizontal bar per row,
 * from zero, length proportional to the value with the largest value filling the bar area; eighth-block
 * characters give sub-cell resolution; the exact value is printed after each bar.</li>
 * <li><b>Series</b> — x is numeric (e.g. {@code checkpoint_id}, {@code t_ms}): y over x on a grid of rows. One series
 * with no negative value is drawn as vertical bars (eighth-block tops); several series (one per value of a
 * {@code run} column) as markers, each run with its own glyph ({@code * o + x # @ % =}) and colour, and
 * {@code &} where several runs fall into the same cell. Row labels on the y axis are round values in the
 * column's unit (bytes 1024-based, ms/s) and mark the top edge of their row.</li>
 * </ul>
 * Rows of a ratio row ({@code mode} = "ratio") are never plotted: they hold ratios, not the column's unit.
 * Colour is ANSI and only used when asked for and the {@code NO_COLOR} environment variable is not set.
 */
public final class TerminalChart {
    public static final int DEFAULT_WIDTH = 100;

    /** Set by the shell before each input: its terminal's width, and whether ANSI colour may go to it. */
    public static final String WIDTH_PROPERTY = "ckpt.terminal.width";
    public static final String ANSI_PROPERTY = "ckpt.terminal.ansi";

    /** Whether output goes to a terminal that may get colour (as told by the shell, else System.console()). */
    public static boolean ansi() {
        String told = System.getProperty(ANSI_PROPERTY);
        return colorAllowed(told != null ? Boolean.parseBoolean(told) : System.console() != null);
    }
    static final int MIN_WIDTH = 40;
    static final int TARGET_ROWS = 14;
    static final String[] GLYPHS = {"*", "o", "+", "x", "#", "@", "%", "="};
    static final String SEVERAL = "&";
    private static final String[] COLORS = {"36", "33", "35", "32", "34", "31", "96", "93"};
    private static final String RESET = "\u001b[0m";
    private static final char[] EIGHTHS_H = {'▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'};
    private static final char[] EIGHTHS_V = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};
    private static final char[] SPARKS = EIGHTHS_V;

    private TerminalChart() {
    }

    /** Chart with the terminal's width ({@code COLUMNS}, else 100) and colour when stdout is a console. */
    public static String chart(Table t, String x, String y) {
        return chart(t, x, y, terminalWidth(), ansi());
    }

    /**
     * Chart y over x, at most {@code width} characters wide. {@code color}: whether the output is a terminal
     * that may get ANSI colours; ignored (no colour) when {@code NO_COLOR} is set.
     */
    public static String chart(Table t, String x, String y, int width, boolean color) {
        boolean useColor = colorAllowed(color);
        Column<?> xc = column(t, x);
        Column<?> yc = column(t, y);
        if (!(yc instanceof NumericColumn<?>)) {
            throw new CkptException("y column '" + y + "' is " + yc.type().name() + " — pick a numeric column: "
                    + numericColumns(t));
        }
        Table data = plottable(t);
        int w = Math.max(width, MIN_WIDTH);
        if (xc instanceof StringColumn) {
            return bars(data, x, y, w, useColor);
        }
        if (xc instanceof NumericColumn<?>) {
            return series(data, x, y, w, useColor);
        }
        throw new CkptException("x column '" + x + "' is " + xc.type().name()
                + " — use a string column (bars, e.g. run) or a numeric one (e.g. checkpoint_id, t_ms)");
    }

    /** Terminal width from {@code COLUMNS}, else {@link #DEFAULT_WIDTH}. */
    public static int terminalWidth() {
        int shellWidth = Integer.getInteger(WIDTH_PROPERTY, -1);
        if (shellWidth > 0) {
            return shellWidth;
        }
        try {
            String c = System.getenv("COLUMNS");
            if (c != null && !c.isBlank()) {
                int n = Integer.parseInt(c.trim());
                if (n > 0) {
                    return n;
                }
            }
        } catch (NumberFormatException ignored) {
            // fall through to the default
        }
        return DEFAULT_WIDTH;
    }

    /** Whether to colour: the caller says the output is a terminal and {@code NO_COLOR} is not set (non-empty). */
    public static boolean colorAllowed(boolean terminal) {
        return colorAllowed(terminal, System.getenv("NO_COLOR"));
    }

    static boolean colorAllowed(boolean terminal, String noColorEnv) {
        return terminal && (noColorEnv == null || noColorEnv.isEmpty());
    }

    /**
     * A one-line sparkline, one character per value, from {@code ▁} (the smallest value) to {@code █} (the
     * largest), linear in between; all-equal values give {@code ▄}; NaN gives a space. Empty input gives "".
     */
    public static String sparkline(double[] values) {
        if (values == null || values.length == 0) {
            return "";
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        StringBuilder sb = new StringBuilder(values.length);
        for (double v : values) {
            if (Double.isNaN(v)) {
                sb.append(' ');
            } else if (max == min) {
                sb.append(SPARKS[3]);
            } else {
                int k = (int) Math.round((v - min) / (max - min) * (SPARKS.length - 1));
                sb.append(SPARKS[k]);
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------------------------------------------- bars

    private static String bars(Table t, String x, String y, int width, boolean color) {
        Units.Unit unit = Units.of(y);
        NumericColumn<?> yc = (NumericColumn<?>) t.column(y);
        Column<?> xc = t.column(x);
        boolean hasRun = t.columnNames().contains(Tables.RUN) && !x.equals(Tables.RUN);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            labels.add(xc.isMissing(i) ? "(none)" : xc.getString(i));
        }
        if (hasRun && labels.stream().distinct().count() < labels.size()) {
            for (int i = 0; i < labels.size(); i++) {
                labels.set(i, labels.get(i) + " · " + t.column(Tables.RUN).getString(i));
            }
        }
        Map<String, Integer> seriesIndex = seriesIndex(t);
        int labelW = Math.min(24, labels.stream().mapToInt(String::length).max().orElse(1));
        List<String> values = new ArrayList<>();
        double max = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (yc.isMissing(i)) {
                values.add(TableText.MISSING);
            } else {
                double v = yc.getDouble(i);
                values.add(Units.format(unit, v));
                max = Math.max(max, v);
            }
        }
        int valW = values.stream().mapToInt(String::length).max().orElse(1);
        int barW = Math.max(10, width - labelW - valW - 3);
        StringBuilder sb = new StringBuilder();
        sb.append(title(y, unit)).append(" by ").append(x).append('\n');
        if (t.rowCount() == 0) {
            return sb.append("(no rows to plot)\n").toString();
        }
        for (int i = 0; i < t.rowCount(); i++) {
            String label = fit(labels.get(i), labelW);
            sb.append(label).append(" ".repeat(labelW - label.length())).append(" │");
            String bar = "";
            if (!yc.isMissing(i) && max > 0 && yc.getDouble(i) > 0) {
                bar = hbar(yc.getDouble(i) / max * barW);
            }
            int idx = seriesIndex.isEmpty() ? 0 : seriesIndex.getOrDefault(t.column(Tables.RUN).getString(i), 0);
            sb.append(paint(bar, idx, color)).append(" ".repeat(barW - bar.length())).append(' ');
            sb.append(" ".repeat(valW - values.get(i).length())).append(values.get(i)).append('\n');
        }
        String top = Units.format(unit, max);
        sb.append(" ".repeat(labelW)).append(" └").append("─".repeat(barW)).append('\n');
        sb.append(" ".repeat(labelW + 2)).append('0');
        if (max > 0 && barW - 1 - top.length() > 0) {
            sb.append(" ".repeat(barW - 1 - top.length())).append(top);
        }
        sb.append('\n');
        return sb.toString();
    }

    /** A horizontal bar of {@code cells} character cells, rounded to the nearest eighth. */
    static String hbar(double cells) {
        long eighths = Math.round(cells * 8);
        StringBuilder sb = new StringBuilder();
        sb.append("█".repeat((int) (eighths / 8)));
        int rem = (int) (eighths % 8);
        if (rem > 0) {
            sb.append(EIGHTHS_H[rem - 1]);
        }
        return sb.toString();
    }

    // -------------------------------------------------------------------------------------------------- series

    private static String series(Table t, String x, String y, int width, boolean color) {
        Units.Unit yUnit = Units.of(y);
        Units.Unit xUnit = Units.of(x);
        NumericColumn<?> xc = (NumericColumn<?>) t.column(x);
        Points data = Points.of(t, x, y);
        List<String> names = data.names();
        List<Points.Point> pts = data.points();
        int skipped = data.skipped();
        StringBuilder sb = new StringBuilder();
        sb.append(title(y, yUnit)).append(" over ").append(x).append('\n');
        if (pts.isEmpty()) {
            return sb.append("(no values to plot").append(skipped > 0 ? ": " + skipped + " rows without a value" : "")
                    .append(")\n").toString();
        }
        double minY = pts.stream().mapToDouble(Points.Point::y).min().orElse(0);
        double maxY = pts.stream().mapToDouble(Points.Point::y).max().orElse(0);
        double lo = Math.min(0, minY);
        double hi = Math.max(0, maxY);
        if (hi == lo) {
            hi = lo + 1;
        }
        double step = niceStep((hi - lo) / 4, yUnit);
        double loT = Math.floor(lo / step) * step;
        double hiT = Math.ceil(hi / step) * step;
        int m = Math.max(1, (int) Math.round((hiT - loT) / step));
        hiT = loT + m * step;
        int rowsPer = Math.max(1, (int) Math.round((double) TARGET_ROWS / m));
        int h = m * rowsPer;
        String[] rowLabel = new String[h];
        int yLabelW = Units.tick(yUnit, loT).length();
        for (int r = 0; r < h; r++) {
            if ((r + 1) % rowsPer == 0) {
                rowLabel[r] = Units.tick(yUnit, loT + (double) (r + 1) / rowsPer * step);
                yLabelW = Math.max(yLabelW, rowLabel[r].length());
            }
        }
        int plotW = Math.max(10, width - yLabelW - 3);
        double minX = pts.stream().mapToDouble(Points.Point::x).min().orElse(0);
        double maxX = pts.stream().mapToDouble(Points.Point::x).max().orElse(0);
        boolean barsMode = names.size() == 1 && minY >= 0;
        long distinctX = pts.stream().mapToDouble(Points.Point::x).distinct().count();
        int bw = barsMode ? Math.max(1, Math.min(6, plotW / (int) Math.max(1, distinctX) - 1)) : 1;
        int span = plotW - bw;
        String[][] cells = new String[h][plotW];
        int[][] owner = new int[h][plotW];
        boolean collided = false;
        boolean several = false;
        if (barsMode) {
            long[] eighths = new long[plotW];
            int[] hits = new int[plotW];
            java.util.Arrays.fill(eighths, -1);
            for (Points.Point p : pts) {
                int c0 = col(p.x(), minX, maxX, span);
                long e = Math.round((p.y() - loT) / (hiT - loT) * h * 8);
                for (int c = c0; c < c0 + bw; c++) {
                    hits[c]++;
                    if (hits[c] > 1) {
                        collided = true;
                    }
                    eighths[c] = Math.max(eighths[c], e);
                }
            }
            for (int c = 0; c < plotW; c++) {
                for (int r = 0; r < h && eighths[c] > 0; r++) {
                    long inRow = eighths[c] - (long) r * 8;
                    if (inRow >= 8) {
                        cells[r][c] = "█";
                    } else if (inRow > 0) {
                        cells[r][c] = String.valueOf(EIGHTHS_V[(int) inRow - 1]);
                    }
                }
            }
        } else {
            for (int[] o : owner) {
                java.util.Arrays.fill(o, -1);
            }
            for (Points.Point p : pts) {
                int c = col(p.x(), minX, maxX, span);
                double frac = (p.y() - loT) / (hiT - loT);
                int r = Math.min(h - 1, Math.max(0, (int) Math.ceil(frac * h) - 1));
                if (owner[r][c] == -1 || owner[r][c] == p.series()) {
                    owner[r][c] = p.series();
                    cells[r][c] = GLYPHS[p.series() % GLYPHS.length];
                } else {
                    owner[r][c] = -2;
                    cells[r][c] = SEVERAL;
                    several = true;
                }
            }
        }
        for (int r = h - 1; r >= 0; r--) {
            String lab = rowLabel[r] == null ? "" : rowLabel[r];
            sb.append(" ".repeat(yLabelW - lab.length())).append(lab).append(rowLabel[r] == null ? " │" : " ┤");
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < plotW; c++) {
                String s = cells[r][c];
                if (s == null) {
                    line.append(' ');
                } else {
                    int idx = barsMode ? 0 : owner[r][c];
                    line.append(idx >= 0 ? paint(s, idx, color) : s);
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        // x axis with ticks
        String base = Units.tick(yUnit, loT);
        char[] axis = "─".repeat(plotW).toCharArray();
        char[] tickLine = " ".repeat(plotW + yLabelW + 2).toCharArray();
        List<Double> ticks = xTicks(minX, maxX, plotW, xUnit, integral(xc));
        int lastEnd = -1;
        for (double tx : ticks) {
            int c = col(tx, minX, maxX, span) + (bw - 1) / 2;
            if (c < 0 || c >= plotW) {
                continue;
            }
            String lab = Units.tick(xUnit, tx);
            int start = yLabelW + 2 + c - lab.length() / 2;
            start = Math.max(yLabelW + 2, Math.min(start, tickLine.length - lab.length()));
            if (start <= lastEnd + 1) {
                continue;
            }
            axis[c] = '┬';
            for (int k = 0; k < lab.length(); k++) {
                tickLine[start + k] = lab.charAt(k);
            }
            lastEnd = start + lab.length() - 1;
        }
        sb.append(" ".repeat(yLabelW - base.length())).append(base).append(" └").append(axis).append('\n');
        sb.append(new String(tickLine).stripTrailing()).append('\n');
        String xTitle = x + (xUnit == Units.Unit.PLAIN ? "" : " (" + Units.label(xUnit) + ")");
        sb.append(" ".repeat(Math.max(0, yLabelW + 2 + plotW - xTitle.length()))).append(xTitle).append('\n');
        // legend and notes
        StringBuilder legend = new StringBuilder();
        if (names.size() > 1 || data.byRun()) {
            for (int s = 0; s < names.size(); s++) {
                String g = barsMode ? "█" : GLYPHS[s % GLYPHS.length];
                legend.append(legend.length() == 0 ? "" : "   ").append(paint(g, s, color)).append(' ').append(names.get(s));
            }
        }
        if (several) {
            legend.append(legend.length() == 0 ? "" : "   ").append(SEVERAL).append(" several runs in one cell");
        }
        if (legend.length() > 0) {
            sb.append(legend).append('\n');
        }
        if (collided) {
            sb.append("(several points share a column: the highest is drawn)\n");
        }
        if (skipped > 0) {
            sb.append("(").append(skipped).append(skipped == 1 ? " row" : " rows").append(" without a value not drawn)\n");
        }
        return sb.toString();
    }

    private static int col(double x, double minX, double maxX, int span) {
        if (maxX == minX) {
            return span / 2;
        }
        return (int) Math.round((x - minX) / (maxX - minX) * span);
    }

    private static boolean integral(NumericColumn<?> c) {
        return switch (c.type().name()) {
            case "INTEGER", "LONG", "SHORT" -> true;
            default -> false;
        };
    }

    /** Round x ticks: about one label per 12 columns, whole numbers for integer columns. */
    private static List<Double> xTicks(double min, double max, int plotW, Units.Unit unit, boolean integral) {
        List<Double> out = new ArrayList<>();
        if (max == min) {
            out.add(min);
            return out;
        }
        double step = niceStep((max - min) / Math.max(1, plotW / 12.0), unit == Units.Unit.BYTES ? unit : Units.Unit.PLAIN);
        if (integral) {
            step = Math.max(1, Math.round(step));
        }
        double first = Math.ceil(min / step) * step;
        for (double v = first; v <= max + step * 1e-9 && out.size() < 200; v += step) {
            out.add(v);
        }
        return out;
    }

    /** A round step ≥ raw: 1, 2, 2.5, 5 × 10^k; for bytes the same in the 1024-based unit (e.g. 256 MiB). */
    static double niceStep(double raw, Units.Unit unit) {
        if (!(raw > 0)) {
            return 1;
        }
        double scale = 1;
        if (unit == Units.Unit.BYTES) {
            while (raw / scale >= 1024) {
                scale *= 1024;
            }
        }
        double r = raw / scale;
        double pow = Math.pow(10, Math.floor(Math.log10(r)));
        double[] steps = {1, 2, 2.5, 5, 10};
        for (double s : steps) {
            if (s * pow >= r * (1 - 1e-12)) {
                return bytesStep(s * pow, scale, unit);
            }
        }
        return bytesStep(10 * pow, scale, unit);
    }

    /** A byte step of 1000 KiB (or 1000 MiB…) reads as 4.883 MiB, 3.906 MiB…: use 1 of the next unit instead. */
    private static double bytesStep(double step, double scale, Units.Unit unit) {
        return unit == Units.Unit.BYTES && step >= 1000 ? 1024 * scale : step * scale;
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static String title(String y, Units.Unit unit) {
        return y + (unit == Units.Unit.PLAIN ? "" : " (" + Units.label(unit) + ")");
    }

    /** Series index per run value, in order of appearance; empty when there is no run column. */
    static Map<String, Integer> seriesIndex(Table t) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (t.columnNames().contains(Tables.RUN)) {
            Column<?> r = t.column(Tables.RUN);
            for (int i = 0; i < t.rowCount(); i++) {
                out.putIfAbsent(r.getString(i), out.size());
            }
        }
        return out;
    }

    /** The rows to plot: everything but ratio rows. */
    static Table plottable(Table t) {
        if (t.columnNames().contains(Tables.MODE) && t.column(Tables.MODE) instanceof StringColumn s) {
            return t.where(s.isNotEqualTo(Tables.RATIO_MODE));
        }
        return t;
    }

    static Column<?> column(Table t, String name) {
        if (name == null || !t.columnNames().contains(name)) {
            throw new CkptException("no column '" + name + "' in table '" + t.name() + "' — columns: " + t.columnNames());
        }
        return t.column(name);
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

    private static String paint(String s, int series, boolean color) {
        if (!color || s.isEmpty()) {
            return s;
        }
        return "\u001b[" + COLORS[series % COLORS.length] + "m" + s + RESET;
    }

    private static String fit(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }
}
