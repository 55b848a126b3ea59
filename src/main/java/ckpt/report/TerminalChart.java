package ckpt.report;

import ckpt.text.Units;
import ckpt.model.CheckpointTable;
import java.util.ArrayList;
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
    /** Marks the columns of warm-up checkpoints under the x axis. */
    static final char WARMUP = '░';
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
        Column<?> xc = Points.column(t, x);
        Points.yColumn(t, y);
        Table data = Points.visible(Points.plottable(t));
        x = ckpt.text.Visible.line(x);
        y = ckpt.text.Visible.line(y);
        int w = Math.max(width, MIN_WIDTH);
        if (xc instanceof StringColumn) {
            return bars(data, x, y, w, useColor);
        }
        if (xc instanceof NumericColumn<?>) {
            return series(data, x, y, w, useColor);
        }
        throw Points.badX(xc);
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
        boolean hasRun = t.columnNames().contains(CheckpointTable.RUN) && !x.equals(CheckpointTable.RUN);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            labels.add(xc.isMissing(i) ? "(none)" : xc.getString(i));
        }
        if (hasRun && labels.stream().distinct().count() < labels.size()) {
            for (int i = 0; i < labels.size(); i++) {
                labels.set(i, labels.get(i) + " · " + t.column(CheckpointTable.RUN).getString(i));
            }
        }
        Map<String, Integer> seriesIndex = Points.seriesIndex(t);
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
        sb.append(y).append(" by ").append(x).append('\n');
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
            int idx = seriesIndex.isEmpty() ? 0 : seriesIndex.getOrDefault(t.column(CheckpointTable.RUN).getString(i), 0);
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

    /** Where y values land: rows of the grid from loT (bottom edge) to hiT (top edge), labels on round values. */
    private record YAxis(double lo, double hi, int rows, String[] labels, String base, int labelWidth) {
        static YAxis of(Points data, Units.Unit unit) {
            double minY = data.points().stream().mapToDouble(Points.Point::y).min().orElse(0);
            double maxY = data.points().stream().mapToDouble(Points.Point::y).max().orElse(0);
            double lo = Math.min(0, minY);
            double hi = Math.max(0, maxY);
            if (hi == lo) {
                hi = lo + 1;
            }
            double step = Scales.niceStep((hi - lo) / 4, unit);
            double loT = Math.floor(lo / step) * step;
            int m = Math.max(1, (int) Math.round((Math.ceil(hi / step) * step - loT) / step));
            int rowsPer = Math.max(1, (int) Math.round((double) TARGET_ROWS / m));
            int h = m * rowsPer;
            String[] labels = new String[h];
            String base = Units.tick(unit, loT);
            int w = base.length();
            for (int r = 0; r < h; r++) {
                if ((r + 1) % rowsPer == 0) {
                    labels[r] = Units.tick(unit, loT + (double) (r + 1) / rowsPer * step);
                    w = Math.max(w, labels[r].length());
                }
            }
            return new YAxis(loT, loT + m * step, h, labels, base, w);
        }
    }

    /** The character grid: what is drawn in each cell and which series owns it (-2: several runs). */
    private static final class Grid {
        final String[][] cells;
        final int[][] owner;
        final boolean[] warmup;
        final int width;
        final int barWidth;
        final double minX;
        final double maxX;
        boolean collided;
        boolean several;

        Grid(int rows, int width, int barWidth, double minX, double maxX) {
            this.cells = new String[rows][width];
            this.owner = new int[rows][width];
            this.warmup = new boolean[width];
            this.width = width;
            this.barWidth = barWidth;
            this.minX = minX;
            this.maxX = maxX;
            for (int[] o : owner) {
                java.util.Arrays.fill(o, -1);
            }
        }

        /** The first column of a point at x. */
        int col(double x) {
            int span = width - barWidth;
            return maxX == minX ? span / 2 : (int) Math.round((x - minX) / (maxX - minX) * span);
        }
    }

    private static String series(Table t, String x, String y, int width, boolean color) {
        Units.Unit yUnit = Units.of(y);
        Points data = Points.of(t, x, y);
        StringBuilder sb = new StringBuilder(y).append(" over ").append(x).append('\n');
        if (data.points().isEmpty()) {
            int skipped = data.skipped();
            return sb.append("(no values to plot").append(skipped > 0 ? ": " + skipped + " rows without a value" : "")
                    .append(")\n").toString();
        }
        YAxis ya = YAxis.of(data, yUnit);
        int plotW = Math.max(10, width - ya.labelWidth() - 3);
        double minX = data.points().stream().mapToDouble(Points.Point::x).min().orElse(0);
        double maxX = data.points().stream().mapToDouble(Points.Point::x).max().orElse(0);
        boolean barsMode = data.names().size() == 1 && ya.lo() >= 0;
        long distinctX = data.points().stream().mapToDouble(Points.Point::x).distinct().count();
        int bw = barsMode ? Math.max(1, Math.min(6, plotW / (int) Math.max(1, distinctX) - 1)) : 1;
        Grid g = new Grid(ya.rows(), plotW, bw, minX, maxX);
        if (barsMode) {
            drawBars(g, data, ya);
        } else {
            drawMarkers(g, data, ya);
        }
        appendRows(sb, g, ya, barsMode, color);
        appendXAxis(sb, g, ya, x, integral((NumericColumn<?>) t.column(x)));
        appendNotes(sb, g, data, ya.labelWidth(), barsMode, color);
        return sb.toString();
    }

    /** One series without negative values: vertical bars with eighth-block tops. */
    private static void drawBars(Grid g, Points data, YAxis ya) {
        long[] eighths = new long[g.width];
        int[] hits = new int[g.width];
        java.util.Arrays.fill(eighths, -1);
        for (Points.Point p : data.points()) {
            int c0 = g.col(p.x());
            long e = Math.round((p.y() - ya.lo()) / (ya.hi() - ya.lo()) * ya.rows() * 8);
            for (int c = c0; c < c0 + g.barWidth; c++) {
                hits[c]++;
                g.collided |= hits[c] > 1;
                eighths[c] = Math.max(eighths[c], e);
                g.warmup[c] |= p.warmup();
            }
        }
        for (int c = 0; c < g.width; c++) {
            for (int r = 0; r < ya.rows() && eighths[c] > 0; r++) {
                long inRow = eighths[c] - (long) r * 8;
                if (inRow >= 8) {
                    g.cells[r][c] = "█";
                } else if (inRow > 0) {
                    g.cells[r][c] = String.valueOf(EIGHTHS_V[(int) inRow - 1]);
                }
            }
        }
    }

    /** Several series (or negative values): one glyph per run, {@code &} where runs share a cell. */
    private static void drawMarkers(Grid g, Points data, YAxis ya) {
        for (Points.Point p : data.points()) {
            int c = g.col(p.x());
            double frac = (p.y() - ya.lo()) / (ya.hi() - ya.lo());
            int r = Math.min(ya.rows() - 1, Math.max(0, (int) Math.ceil(frac * ya.rows()) - 1));
            g.warmup[c] |= p.warmup();
            if (g.owner[r][c] == -1 || g.owner[r][c] == p.series()) {
                g.owner[r][c] = p.series();
                g.cells[r][c] = GLYPHS[p.series() % GLYPHS.length];
            } else {
                g.owner[r][c] = -2;
                g.cells[r][c] = SEVERAL;
                g.several = true;
            }
        }
    }

    private static void appendRows(StringBuilder sb, Grid g, YAxis ya, boolean barsMode, boolean color) {
        for (int r = ya.rows() - 1; r >= 0; r--) {
            String lab = ya.labels()[r] == null ? "" : ya.labels()[r];
            sb.append(" ".repeat(ya.labelWidth() - lab.length())).append(lab).append(ya.labels()[r] == null ? " │" : " ┤");
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < g.width; c++) {
                String s = g.cells[r][c];
                if (s == null) {
                    line.append(' ');
                } else {
                    int idx = barsMode ? 0 : g.owner[r][c];
                    line.append(idx >= 0 ? paint(s, idx, color) : s);
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    /** The x axis with round ticks (about one per 12 columns), their labels, the x column's name at the right. */
    private static void appendXAxis(StringBuilder sb, Grid g, YAxis ya, String x, boolean integral) {
        Units.Unit xUnit = Units.of(x);
        int lw = ya.labelWidth();
        String base = ya.base();
        char[] axis = "─".repeat(g.width).toCharArray();
        char[] tickLine = " ".repeat(g.width + lw + 2).toCharArray();
        int lastEnd = -1;
        for (double tx : Scales.ticks(g.minX, g.maxX, g.width / 12.0, xUnit, integral)) {
            int c = g.col(tx) + (g.barWidth - 1) / 2;
            if (c < 0 || c >= g.width) {
                continue;
            }
            String lab = Units.tick(xUnit, tx);
            int start = Math.max(lw + 2, Math.min(lw + 2 + c - lab.length() / 2, tickLine.length - lab.length()));
            if (start <= lastEnd + 1) {
                continue;
            }
            axis[c] = '┬';
            for (int k = 0; k < lab.length(); k++) {
                tickLine[start + k] = lab.charAt(k);
            }
            lastEnd = start + lab.length() - 1;
        }
        sb.append(" ".repeat(lw - base.length())).append(base).append(" └").append(axis).append('\n');
        sb.append(new String(tickLine).stripTrailing()).append('\n');
        sb.append(" ".repeat(Math.max(0, lw + 2 + g.width - x.length()))).append(x).append('\n');
    }

    /** The warm-up strip, the legend, and notes on collisions and rows without a value. */
    private static void appendNotes(StringBuilder sb, Grid g, Points data, int labelWidth, boolean barsMode,
                                    boolean color) {
        List<String> names = data.names();
        StringBuilder legend = new StringBuilder();
        if (names.size() > 1 || data.byRun()) {
            for (int s = 0; s < names.size(); s++) {
                String glyph = barsMode ? "█" : GLYPHS[s % GLYPHS.length];
                legend.append(legend.length() == 0 ? "" : "   ").append(paint(glyph, s, color)).append(' ').append(names.get(s));
            }
        }
        if (g.several) {
            legend.append(legend.length() == 0 ? "" : "   ").append(SEVERAL).append(" several runs in one cell");
        }
        if (data.hasWarmup()) {
            StringBuilder strip = new StringBuilder();
            for (boolean w : g.warmup) {
                strip.append(w ? WARMUP : ' ');
            }
            sb.append(" ".repeat(labelWidth + 2)).append(strip.toString().stripTrailing()).append('\n');
        }
        if (legend.length() > 0) {
            sb.append(legend).append('\n');
        }
        if (data.hasWarmup()) {
            sb.append(WARMUP).append(" warm-up: compare leaves it out\n");
        }
        if (g.collided) {
            sb.append("(several points share a column: the highest is drawn)\n");
        }
        int skipped = data.skipped();
        if (skipped > 0) {
            sb.append("(").append(skipped).append(skipped == 1 ? " row" : " rows").append(" without a value not drawn)\n");
        }
    }

    private static boolean integral(NumericColumn<?> c) {
        return switch (c.type().name()) {
            case "INTEGER", "LONG", "SHORT" -> true;
            default -> false;
        };
    }

    // ------------------------------------------------------------------------------------------------- helpers

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
