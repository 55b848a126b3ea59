package ckpt.report;

import ckpt.flink.Run;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * PLACEHOLDER (contract) — the report room implements it: one self-contained HTML file, no external URL.
 * Fluent: each call appends a block in order.
 */
public final class HtmlReport {
    public static HtmlReport create(String title) {
        throw new UnsupportedOperationException("report room not merged yet");
    }

    public HtmlReport heading(String text) { throw new UnsupportedOperationException(); }

    public HtmlReport text(String paragraph) { throw new UnsupportedOperationException(); }

    /** A notebook cell's source code. */
    public HtmlReport code(String source) { throw new UnsupportedOperationException(); }

    /** Preformatted text output (what a cell printed). */
    public HtmlReport output(String text) { throw new UnsupportedOperationException(); }

    public HtmlReport table(Table table) { throw new UnsupportedOperationException(); }

    /** An inline SVG chart of column y over column x (one series per value of column "run" when present). */
    public HtmlReport chart(Table table, String x, String y) { throw new UnsupportedOperationException(); }

    /** Inline SVG markup as is. */
    public HtmlReport svg(String svg) { throw new UnsupportedOperationException(); }

    /** A run: settings, environment, applied RocksDB options, per-checkpoint table, charts. */
    public HtmlReport run(Run run) { throw new UnsupportedOperationException(); }

    /** Dispatches: Table → table, Run → run, Capture.Svg → svg, anything else → output(String.valueOf). */
    public HtmlReport value(Object value) { throw new UnsupportedOperationException(); }

    /** Writes the file (parent folders created) and returns its path. */
    public Path write(String path) { throw new UnsupportedOperationException(); }
}
