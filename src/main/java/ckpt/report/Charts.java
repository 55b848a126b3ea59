package ckpt.report;

import ckpt.text.Units;
import ckpt.error.CkptException;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Charts as files (PNG, SVG) and as SVG markup, drawn headless with JFreeChart (+ JFreeSVG). Same rules as
 * {@link TerminalChart}: a string x gives one bar per row; a numeric x gives y over x with one line (with point
 * markers) per value of the {@code run} column; ratio rows are not plotted; the y axis starts at zero (or below,
 * for negative values) and its ticks are in the column's unit (bytes 1024-based, ms/s).
 */
public final class Charts {
    public static final int WIDTH = 900;
    public static final int HEIGHT = 500;
    /** File extensions {@link #saveChart} understands. */
    public static final List<String> EXTENSIONS = List.of(".png", ".svg");

    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f)};
    private static final AtomicLong IDS = new AtomicLong();

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // draw the rotated y-axis title as text (not glyph outlines), so SVG keeps it as searchable text
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /** Saves y over x as {@code .png} or {@code .svg} (by extension), 900 × 500; returns the path. */
    public static Path saveChart(Table t, String x, String y, String path) {
        return saveChart(t, x, y, path, WIDTH, HEIGHT);
    }

    /** Saves y over x as {@code .png} or {@code .svg} (by extension) at the given size in pixels; returns the path. */
    public static Path saveChart(Table t, String x, String y, String path, int width, int height) {
        String ext = extension(path);
        if (!EXTENSIONS.contains(ext)) {
            throw new CkptException("cannot save a chart as '" + path + "' — allowed extensions: "
                    + String.join(", ", EXTENSIONS));
        }
        checkSize(width, height);
        JFreeChart chart = jfree(t, x, y);
        Path p = Export.target(path);
        try {
            if (ext.equals(".png")) {
                return ckpt.io.AtomicFile.write(p, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
            }
            return ckpt.io.AtomicFile.writeString(p, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + svg(chart, width, height, true));
        } catch (IOException e) {
            throw new CkptException(ckpt.io.AtomicFile.failure(path, e), e);
        }
    }

    /** Standalone SVG markup (with its XML namespace), 900 × 500. */
    public static String svg(Table t, String x, String y) {
        return svg(jfree(t, x, y), WIDTH, HEIGHT, true);
    }

    /** Standalone SVG markup (with its XML namespace) at the given size. */
    public static String svg(Table t, String x, String y, int width, int height) {
        checkSize(width, height);
        return svg(jfree(t, x, y), width, height, true);
    }

    /**
     * SVG markup for inline use in HTML5: no {@code xmlns} attributes (HTML parsers do not need them) and so no
     * URL at all; a viewBox lets it scale with the page; ids are unique per chart so several can share a page.
     */
    public static String inlineSvg(Table t, String x, String y) {
        return svg(jfree(t, x, y), WIDTH, HEIGHT, false);
    }

    /** {@link #inlineSvg(Table, String, String)} at the given size. */
    public static String inlineSvg(Table t, String x, String y, int width, int height) {
        checkSize(width, height);
        return svg(jfree(t, x, y), width, height, false);
    }

    /**
     * For the façade's {@code chart(...)}: returns the terminal chart text and, when a {@link Capture} is active
     * on this thread, also hands it the chart as inline SVG (so a report shows a real chart).
     */
    public static String show(Table t, String x, String y, int width, boolean color) {
        String text = TerminalChart.chart(t, x, y, width, color);
        if (Capture.active()) {
            Capture.offer(new Capture.Svg(inlineSvg(t, x, y)));
        }
        return text;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** The JFreeChart for y over x (bars for a string x, lines for a numeric x). */
    public static JFreeChart jfree(Table t, String x, String y) {
        Column<?> xc = Points.column(t, x);
        Points.yColumn(t, y);
        Table data = Points.visible(Points.plottable(t));
        x = ckpt.text.Visible.line(x);
        y = ckpt.text.Visible.line(y);
        JFreeChart chart;
        if (xc instanceof StringColumn) {
            chart = barChart(data, x, y);
        } else if (xc instanceof NumericColumn<?>) {
            chart = lineChart(data, x, y);
        } else {
            throw Points.badX(xc);
        }
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        return chart;
    }

    private static JFreeChart lineChart(Table t, String x, String y) {
        NumericColumn<?> xc = (NumericColumn<?>) t.column(x);
        NumericColumn<?> yc = (NumericColumn<?>) t.column(y);
        Points data = Points.of(t, x, y);
        int skipped = data.skipped();
        XYSeriesCollection ds = new XYSeriesCollection();
        List<XYSeries> series = new ArrayList<>();
        for (String name : data.names()) {
            series.add(new XYSeries(name, false, true));
        }
        for (Points.Point p : data.points()) {
            series.get(p.series()).add(p.x(), p.y());
        }
        series.forEach(ds::addSeries);
        NumberAxis xAxis = axis(x, Units.of(x));
        if (integral(xc) && Units.of(x) == Units.Unit.PLAIN) {
            xAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
        xAxis.setAutoRangeIncludesZero(false);
        NumberAxis yAxis = axis(y, Units.of(y));
        yAxis.setAutoRangeIncludesZero(true);
        roundTicks(yAxis, Units.of(y), yc, t);
        // warm-up checkpoints are drawn hollow (per point, per run) and their x range shaded: compare leaves them out
        List<List<Boolean>> warm = new ArrayList<>();
        for (int i = 0; i < series.size(); i++) {
            warm.add(new ArrayList<>());
        }
        for (Points.Point p : data.points()) {
            warm.get(p.series()).add(p.warmup());
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true) {
            @Override
            public boolean getItemShapeFilled(int s, int item) {
                return !(s < warm.size() && item < warm.get(s).size() && warm.get(s).get(item));
            }
        };
        r.setUseFillPaint(true);
        r.setDefaultFillPaint(Color.WHITE);
        for (int s = 0; s < series.size(); s++) {
            r.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
            r.setSeriesStroke(s, new BasicStroke(1.6f));
        }
        XYPlot plot = new XYPlot(ds, xAxis, yAxis, r);
        style(plot);
        if (data.hasWarmup()) {
            double lo = data.points().stream().filter(Points.Point::warmup).mapToDouble(Points.Point::x).min().orElse(0);
            double hi = data.points().stream().filter(Points.Point::warmup).mapToDouble(Points.Point::x).max().orElse(0);
            double pad = integral(xc) ? 0.5 : 0;
            IntervalMarker band = new IntervalMarker(lo - pad, hi + pad, new Color(0xeeeeee));
            band.setLabel("warm-up (hollow points): compare leaves it out");
            band.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            band.setLabelPaint(new Color(0x555555));
            band.setLabelAnchor(RectangleAnchor.TOP_LEFT);
            band.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(band, Layer.BACKGROUND);
        }
        JFreeChart chart = new JFreeChart(title(y) + " over " + x, JFreeChart.DEFAULT_TITLE_FONT, plot,
                series.size() > 1 || data.byRun());
        if (skipped > 0) {
            chart.addSubtitle(new TextTitle(skipped + (skipped == 1 ? " row" : " rows") + " without a value not drawn"));
        }
        return chart;
    }

    private static JFreeChart barChart(Table t, String x, String y) {
        Column<?> xc = t.column(x);
        NumericColumn<?> yc = (NumericColumn<?>) t.column(y);
        Map<String, Integer> index = Points.seriesIndex(t);
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        Map<String, Integer> seen = new HashMap<>();
        List<Integer> colorOf = new ArrayList<>();
        for (int i = 0; i < t.rowCount(); i++) {
            String label = xc.isMissing(i) ? "(none)" : xc.getString(i);
            int n = seen.merge(label, 1, Integer::sum);
            if (n > 1) {
                label = label + " (" + n + ")";
            }
            ds.addValue(yc.isMissing(i) ? null : yc.getDouble(i), y, label);
            colorOf.add(index.isEmpty() ? 0 : index.get(t.column(ckpt.model.CheckpointTable.RUN).getString(i)));
        }
        BarRenderer r = new BarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                return PALETTE[colorOf.get(column) % PALETTE.length];
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setMaximumBarWidth(0.12);
        CategoryAxis xAxis = new CategoryAxis(x);
        if (t.rowCount() > 8) {
            xAxis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        NumberAxis yAxis = axis(y, Units.of(y));
        yAxis.setAutoRangeIncludesZero(true);
        roundTicks(yAxis, Units.of(y), yc, t);
        CategoryPlot plot = new CategoryPlot(ds, xAxis, yAxis, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
        return new JFreeChart(title(y) + " by " + x, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
    }

    private static void style(XYPlot plot) {
        if (plot == null) {
            return;
        }
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
    }

    private static String title(String y) {
        return y;
    }

    private static boolean integral(NumericColumn<?> c) {
        return c.type().name().matches("INTEGER|LONG|SHORT");
    }

    /**
     * A number axis labelled with the column's name, ticks in the unit (1024-based round steps for bytes). The
     * unit is in every tick ({@code 1.5 s}, {@code 256 MiB}), so the label does not repeat it: "duration_ms (ms)"
     * over ticks reading seconds would contradict them.
     */
    static NumberAxis axis(String name, Units.Unit unit) {
        NumberAxis a = new NumberAxis(name);
        if (unit != Units.Unit.PLAIN) {
            UnitFormat f = new UnitFormat(unit);
            TickUnits tu = new TickUnits();
            double[] mult = {1, 2, 2.5, 5};
            if (Units.binary(unit)) {
                for (int k = 0; k <= 5; k++) {
                    double base = Math.pow(1024, k);
                    for (double m : new double[] {1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500}) {
                        tu.add(new NumberTickUnit(m * base, f));
                    }
                }
            } else {
                for (int e = -1; e <= 10; e++) {
                    for (double m : mult) {
                        tu.add(new NumberTickUnit(m * Math.pow(10, e), f));
                    }
                }
            }
            a.setStandardTickUnits(tu);
            a.setNumberFormatOverride(f);
        }
        return a;
    }

    /** About six round ticks (1, 2, 2.5, 5 × 10^k in the unit; 1024-based for bytes) over zero…max. */
    private static void roundTicks(NumberAxis axis, Units.Unit unit, NumericColumn<?> c, Table t) {
        double lo = 0;
        double hi = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (!c.isMissing(i)) {
                lo = Math.min(lo, c.getDouble(i));
                hi = Math.max(hi, c.getDouble(i));
            }
        }
        if (hi > lo) {
            NumberFormat f = unit == Units.Unit.PLAIN ? NumberFormat.getNumberInstance(Locale.ROOT) : new UnitFormat(unit);
            axis.setTickUnit(new NumberTickUnit(Scales.niceStep((hi - lo) / 6, unit), f), false, true);
        }
    }

    /** Tick labels in a unit ({@link Units#tick}). */
    static final class UnitFormat extends NumberFormat {
        private final Units.Unit unit;

        UnitFormat(Units.Unit unit) {
            this.unit = unit;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(Units.tick(unit, number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return to.append(Units.tick(unit, number));
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }
    }

    private static String svg(JFreeChart chart, int w, int h, boolean standalone) {
        SVGGraphics2D g2 = new SVGGraphics2D(w, h);
        String id = "ckchart" + IDS.incrementAndGet();
        g2.setDefsKeyPrefix(id + "_");
        chart.draw(g2, new Rectangle(0, 0, w, h));
        String svg = g2.getSVGElement(id, true, new ViewBox(0, 0, w, h), null, null);
        if (!standalone) {
            svg = svg.replaceAll("\\s+xmlns(:[A-Za-z0-9_-]+)?=('[^']*'|\"[^\"]*\")", "");
        }
        return svg;
    }

    private static String extension(String path) {
        if (path == null) {
            throw new CkptException("no file path given — allowed extensions: " + String.join(", ", EXTENSIONS));
        }
        String name = Path.of(path).getFileName() == null ? "" : Path.of(path).getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    }

    private static void checkSize(int width, int height) {
        if (width < 100 || height < 100 || width > 10_000 || height > 10_000) {
            throw new CkptException("chart size " + width + "×" + height + " — width and height must be 100–10000 pixels");
        }
    }
}
