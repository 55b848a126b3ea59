package ckpt.report;

import ckpt.text.Units;
import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import ckpt.model.DiskUsage;
import ckpt.model.Experiment;
import ckpt.model.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One self-contained HTML file: inline CSS, inline SVG charts, no script and no external URL. Fluent: each call
 * appends a block in order; {@link #write} saves it. All text is escaped. Tables are printed human-readable
 * (bytes as KiB/MiB/GiB, ms as ms/s, ratio rows as ×), like {@link Tables#format}.
 */
public final class HtmlReport {
    /** Rows printed at most per table; longer tables show their first and last halves. */
    public static final int MAX_ROWS = 2000;

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2em auto;max-width:1100px;\
            padding:0 1em;color:#1a1a1a;line-height:1.45}
            h1{font-size:1.7em;border-bottom:2px solid #1f77b4;padding-bottom:.2em}
            h2{font-size:1.35em;margin-top:2em;border-bottom:1px solid #ccc}
            h3{font-size:1.1em;margin-top:1.4em}
            table{border-collapse:collapse;margin:.6em 0 1.2em;font-size:.86em}
            caption{text-align:left;font-weight:600;padding:.2em 0;color:#444}
            th,td{border:1px solid #ddd;padding:.25em .6em;white-space:nowrap}
            th{background:#f2f4f7;text-align:left}
            td.num{text-align:right;font-variant-numeric:tabular-nums}
            tr:nth-child(even) td{background:#fafbfc}
            tr.ratio td,td.ratio,th.ratio{background:#eef5fb;font-style:italic}
            table.transposed tbody th{text-align:left;font-weight:normal;background:#f7f8fa}
            tr.gap td{text-align:center;color:#888}
            .wide{overflow-x:auto}
            pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.7em;overflow-x:auto;font-size:.85em}
            pre.code{border-left:3px solid #1f77b4}
            figure{margin:1em 0}
            figure svg{max-width:100%;height:auto}
            details{margin:.5em 0 1em}
            summary{cursor:pointer;font-weight:600}
            .muted{color:#666;font-size:.9em}
            ul.findings li{margin:.3em 0;font-size:1.05em}
            """;

    private final String title;
    private final StringBuilder body = new StringBuilder();

    private HtmlReport(String title) {
        this.title = title == null ? "Report" : title;
    }

    public static HtmlReport create(String title) {
        return new HtmlReport(title);
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    /** A smaller heading (used inside run sections). */
    public HtmlReport subheading(String text) {
        body.append("<h3>").append(esc(text)).append("</h3>\n");
        return this;
    }

    public HtmlReport text(String paragraph) {
        body.append("<p>").append(esc(paragraph)).append("</p>\n");
        return this;
    }

    /** A bulleted list of sentences. */
    public HtmlReport list(List<String> items) {
        if (items.isEmpty()) {
            return this;
        }
        body.append("<ul class=\"findings\">\n");
        for (String i : items) {
            body.append("<li>").append(esc(i)).append("</li>\n");
        }
        body.append("</ul>\n");
        return this;
    }

    /** A notebook cell's source code. */
    public HtmlReport code(String source) {
        body.append("<pre class=\"code\">").append(esc(source)).append("</pre>\n");
        return this;
    }

    /** Preformatted text output (what a cell printed); ANSI colour codes are removed. */
    public HtmlReport output(String text) {
        body.append("<pre class=\"out\">").append(esc(stripAnsi(text))).append("</pre>\n");
        return this;
    }

    public HtmlReport table(Table table) {
        body.append(tableHtml(table, MAX_ROWS));
        return this;
    }

    /** An inline SVG chart of column y over column x (one series per value of column "run" when present). */
    public HtmlReport chart(Table table, String x, String y) {
        return svg(Charts.inlineSvg(table, x, y));
    }

    /**
     * Inline SVG markup as is, except that an XML declaration and {@code xmlns} attributes are dropped (HTML5
     * does not need them, and the report carries no URL).
     */
    public HtmlReport svg(String svg) {
        String s = svg == null ? "" : svg.replaceFirst("^\\s*<\\?xml[^>]*\\?>\\s*", "")
                .replaceAll("\\s+xmlns(:[A-Za-z0-9_-]+)?=('[^']*'|\"[^\"]*\")", "");
        body.append("<figure>").append(s).append("</figure>\n");
        return this;
    }

    /** A run: settings, results, environment, applied RocksDB options, per-checkpoint table, charts. */
    public HtmlReport run(Run run) {
        String name = Reports.label(run, List.of(run));
        body.append("<section class=\"run\">\n");
        heading("Run " + name);
        text(run.mode() + " · " + run.status() + " · id " + run.id()
                + (run.jobId() == null || run.jobId().isBlank() ? " · no Flink job (it never started)" : " · job " + run.jobId()));
        subheading("Comparison row");
        table(Tables.compare(run));
        subheading("Experiment settings");
        table(keyValue("settings", settings(run.experiment())));
        subheading("Results");
        table(keyValue("results", results(run)));
        Table completed = completed(run);
        if (completed.rowCount() > 0) {
            subheading("Charts (completed checkpoints, warm-up included)");
            chart(completed, CheckpointTable.CHECKPOINT_ID, CheckpointTable.DURATION_MS);
            chart(completed, CheckpointTable.CHECKPOINT_ID, CheckpointTable.CHECKPOINTED_BYTES);
        } else {
            text("No completed checkpoint: nothing to chart.");
        }
        metrics(run.metrics());
        subheading("Checkpoints");
        table(run.checkpoints() == null ? CheckpointTable.empty(name) : run.checkpoints());
        details("Environment", keyValue("environment", run.environment()), true);
        details("Applied RocksDB options (" + sizeOf(run.appliedOptions()) + ", read back from RocksDB's OPTIONS file)",
                keyValue("applied RocksDB options", run.appliedOptions()), false);
        body.append("</section>\n");
        return this;
    }

    /** Dispatches: Table → table, Run → run, Capture.Svg → svg, anything else → output(String.valueOf). */
    public HtmlReport value(Object value) {
        if (value instanceof Table t) {
            return table(t);
        }
        if (value instanceof Run r) {
            return run(r);
        }
        if (value instanceof Capture.Svg s) {
            return svg(s.markup());
        }
        return output(String.valueOf(value));
    }

    /** The blocks alone, without page, title or style: for embedding (a Jupyter output). */
    public String fragment() {
        return body.toString();
    }

    /** The whole document as a string. */
    public String html() {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n"
                + "<h1>" + esc(title) + "</h1>\n" + body + "</body>\n</html>\n";
    }

    /** Writes the file (parent folders created) and returns its path. */
    public Path write(String path) {
        Path p = Export.target(path);
        try {
            return ckpt.io.AtomicFile.writeString(p, html());
        } catch (IOException e) {
            throw new CkptException(ckpt.io.AtomicFile.failure(path, e), e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void details(String summary, Table t, boolean open) {
        body.append(open ? "<details open=\"open\">" : "<details>").append("<summary>").append(esc(summary))
                .append("</summary>\n").append(tableHtml(t, MAX_ROWS)).append("</details>\n");
    }

    private void metrics(Table metrics) {
        if (metrics == null || metrics.rowCount() == 0 || !metrics.columnNames().containsAll(
                List.of(CheckpointTable.T_MS, "metric", "value"))) {
            return;
        }
        subheading("RocksDB native metrics");
        List<String> names = metrics.column("metric").unique().asList().stream().map(String::valueOf).toList();
        for (String m : names) {
            Table one = metrics.where(((StringColumn) metrics.column("metric")).isEqualTo(m));
            Table plot = Table.create(m, one.column(CheckpointTable.T_MS).copy(), one.column("value").copy().setName(m));
            chart(plot, CheckpointTable.T_MS, m);
        }
    }

    private static Table completed(Run run) {
        Table t = run.checkpoints();
        if (t == null || !t.columnNames().contains(CheckpointTable.STATUS)) {
            return t == null ? CheckpointTable.empty("none") : t;
        }
        return CheckpointTable.completed(t);
    }

    static Map<String, String> settings(Experiment e) {
        Map<String, String> m = new LinkedHashMap<>();
        if (e == null) {
            return m;
        }
        m.put("name", e.displayName());
        m.put("mode", String.valueOf(e.mode()));
        m.put("steady phase", Units.duration(java.time.Duration.ofSeconds(e.seconds())));
        m.put("checkpoint interval", Units.duration(e.interval()));
        m.put("min pause", Units.duration(e.minPause()));
        m.put("timeout", Units.duration(e.timeout()));
        m.put("retained checkpoints", String.valueOf(e.retained()));
        m.put("parallelism", String.valueOf(e.parallelism()));
        if (e.source() != null) {
            m.put("source", "table " + e.source().name() + " (" + e.source().rowCount() + " rows)");
        } else {
            m.put("keys", String.format(java.util.Locale.ROOT, "%,d", e.keys()));
            m.put("value bytes", String.valueOf(e.valueBytes()));
            m.put("churn", String.valueOf(e.churn()));
        }
        m.put("rate (records/s, 0 = derived)", String.valueOf(e.rate()));
        m.put("seed", String.valueOf(e.seed()));
        e.rocksdb().forEach((k, v) -> m.put(k, v));
        if (!e.rocksdbMetrics().isEmpty()) {
            m.put("RocksDB metrics", String.join(", ", e.rocksdbMetrics()));
        }
        e.flinkConfig().forEach((k, v) -> m.put(k, v));
        return m;
    }

    static Map<String, String> results(Run r) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("status", String.valueOf(r.status()));
        m.put("records", String.format(java.util.Locale.ROOT, "%,d", r.records()));
        m.put("warm-up time", Units.millis(r.warmupMillis()));
        m.put("steady time", Units.millis(r.steadyMillis()));
        DiskUsage d = r.disk();
        if (d != null) {
            m.put("disk: shared", Units.bytes(d.sharedBytes()) + " in " + d.sharedFiles() + " files");
            m.put("disk: exclusive (chk-N)", Units.bytes(d.exclusiveBytes()) + " in " + d.exclusiveFiles() + " files");
            m.put("disk: taskowned", Units.bytes(d.taskownedBytes()) + " in " + d.taskownedFiles() + " files");
            m.put("disk: total", Units.bytes(d.totalBytes()) + " (" + String.format(java.util.Locale.ROOT, "%,d", d.totalBytes())
                    + " bytes) in " + d.totalFiles() + " files");
        }
        return m;
    }

    private static int sizeOf(Map<?, ?> m) {
        return m == null ? 0 : m.size();
    }

    private static Table keyValue(String name, Map<String, String> map) {
        StringColumn k = StringColumn.create("key");
        StringColumn v = StringColumn.create("value");
        if (map != null) {
            map.forEach((a, b) -> {
                k.append(a);
                v.append(b);
            });
        }
        return Table.create(name, k, v);
    }

    /** A table as HTML ({@link HtmlTable}). */
    static String tableHtml(Table t, int maxRows) {
        return HtmlTable.of(t, maxRows);
    }

    /** Text without ANSI colour and cursor sequences (what a terminal chart or a coloured line carried). */
    public static String stripAnsi(String s) {
        return s == null ? "null" : s.replaceAll("\u001B\\[[0-9;?]*[ -/]*[@-~]", "");
    }

    /**
     * Escapes text for HTML element content and attribute values; control characters are shown as {@code \x1b}
     * ({@link ckpt.text.Visible}): a browser would hide them, and a terminal that later shows the file would obey.
     */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        s = ckpt.text.Visible.text(s);
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                // "://" in text (a URL in Flink's option descriptions, the dashboard address a cell printed)
                // renders the same as "&#58;//" but leaves no URL in the file: the report references nothing outside.
                case ':' -> sb.append(s.startsWith("//", i + 1) ? "&#58;" : ":");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
