package ckpt.report;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Run;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HtmlReportTest {
    @TempDir
    Path dir;

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void comparisonReportIsSelfContainedAndHasEveryRun() throws Exception {
        Run full = Fixtures.full();
        Run inc = Fixtures.incremental();
        Path p = Reports.report(dir.resolve("out/report.html").toString(), full, inc);
        String html = Files.readString(p);
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<script");
        assertThat(html).contains("Run full", "Run incremental", full.id(), inc.id());
        // the comparison, transposed (one row per figure, one column per run and the ratio), readable
        assertThat(html).contains("<th>run</th><th>full</th><th>incremental</th><th class=\"ratio\">incremental ÷ full</th>")
                .contains("<tr><th>p50_duration_ms</th><td class=\"num\">300 ms</td><td class=\"num\">70 ms *</td>"
                        + "<td class=\"num ratio\">0.23×</td></tr>")
                .contains("<td class=\"num\">880 ms</td>").contains("<td class=\"num\">300.0 MiB</td>")
                .contains("<tr><th>upload_bytes_per_s</th><td class=\"num\">18.8 MiB/s</td><td class=\"num\">1.2 MiB/s</td>")
                .contains(TableText.MARK_NOTE);
        // findings open the report, before the comparison
        assertThat(html.indexOf("<h2>Findings</h2>")).isLessThan(html.indexOf("<h2>Comparison</h2>"));
        assertThat(html).contains("<li>INCREMENTAL uploaded 0.062× the bytes per second of FULL (1.2 MiB/s vs 18.8 MiB/s); "
                + "its p50 checkpoint took 0.23× as long (70 ms vs 300 ms)")
                .contains("incremental: its percentiles rest on 3 steady checkpoints (marked *).")
                .contains("The incremental ÷ full row divides");
        // durations read as a person writes them, not PT1S
        assertThat(html).doesNotContain("PT1").contains("<td>checkpoint interval</td><td>1 s</td>");
        // per-checkpoint rows: checkpoint 9 of "full" persisted 40 MiB
        assertThat(html).contains("<td>full</td><td>FULL</td><td class=\"num\">9</td><td>steady</td>");
        assertThat(html).contains("<td class=\"num\">40.0 MiB</td>");
        // settings, environment (escaped), applied options
        assertThat(html).contains("checkpoint interval", "write_buffer_size", "67108864")
                .contains("&lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quoted&quot;").doesNotContain("<b>not bold</b>");
        assertThat(html).contains("timeout &lt;expired&gt;");
        // charts: 3 across runs + 2 per run, each a well-formed SVG fragment
        Matcher m = Pattern.compile("<svg.*?</svg>", Pattern.DOTALL).matcher(html);
        int n = 0;
        while (m.find()) {
            Document svg = parse(m.group());
            assertThat(svg.getDocumentElement().getNodeName()).isEqualTo("svg");
            n++;
        }
        assertThat(n).isEqualTo(3 + 2 * 2);
        // and the whole document is well-formed XML too (closed tags, escaped text)
        Document doc = parse(html);
        assertThat(doc.getElementsByTagName("table").getLength()).isGreaterThanOrEqualTo(6);
        assertThat(doc.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Checkpoint cost: full vs incremental");
    }

    @Test
    void aRunWithoutSteadyCheckpointsShowsDashes() throws Exception {
        String html = Reports.build(Fixtures.warmupOnly()).html();
        assertThat(html).contains("Run warm").contains("<td class=\"num\">—</td>").doesNotContain("NaN");
        // one FULL run: no ratio row, so no words about one; a sentence about the run instead
        assertThat(html).doesNotContain("incremental ÷ full").contains("<li>warm (FULL): 0 steady checkpoints.</li>");
        parse(html);
    }

    @Test
    void twoFullRunsAreNotDescribedAsIncrementalVsFull() throws Exception {
        String html = Reports.build(Fixtures.full(), Fixtures.flaky()).html();
        assertThat(html).doesNotContain("incremental ÷ full").doesNotContain("INCREMENTAL uploaded")
                .contains("<li>full (FULL): 5 steady checkpoints, p50 300 ms, uploaded 150.0 MiB (18.8 MiB/s).</li>")
                .contains("flaky: its percentiles rest on 5 steady checkpoints, while 55 % of those triggered failed (marked *)");
        parse(html);
    }

    @Test
    void aFewLargeCheckpointsAreNamedInTheFindings() throws Exception {
        String html = Reports.build(Fixtures.full(), Fixtures.compacting()).html();
        assertThat(html).contains("compacting: 2 of 10 steady checkpoints re-uploaded more than half of the state and "
                + "carried 85 % of the bytes uploaded, so the median checkpoint (4.0 MiB) understates the cost: the mean "
                + "is 21.2 MiB.")
                // 21.2 / 18.75 = 1.13; p50 100 / 300
                .contains("INCREMENTAL uploaded 1.13× the bytes per second of FULL (21.2 MiB/s vs 18.8 MiB/s)")
                .contains("the median size ratio is 0.13× and the p95 size ratio 1.88×");
    }

    @Test
    void wideTablesAreSplitIntoBlocksThatRepeatTheKeyColumns() throws Exception {
        String html = HtmlReport.tableHtml(Fixtures.full().checkpoints(), 100);
        Document doc = parse("<div>" + html + "</div>");
        int tables = doc.getElementsByTagName("table").getLength();
        assertThat(tables).isGreaterThan(1);
        for (int i = 0; i < tables; i++) {
            org.w3c.dom.Element t = (org.w3c.dom.Element) doc.getElementsByTagName("table").item(i);
            org.w3c.dom.NodeList th = t.getElementsByTagName("th");
            assertThat(th.item(0).getTextContent()).isEqualTo("run");
            assertThat(th.item(1).getTextContent()).isEqualTo("mode");
            int chars = 0;
            for (int k = 0; k < th.getLength(); k++) {
                chars += th.item(k).getTextContent().length() + 2;
            }
            assertThat(chars).isLessThanOrEqualTo(HtmlTable.WIDTH_CHARS);
        }
    }

    @Test
    void metricsAreChartedPerMetric() throws Exception {
        Run r = Fixtures.incremental();
        Table metrics = r.metrics();
        ((StringColumn) metrics.column("run")).append("incremental").append("incremental");
        ((LongColumn) metrics.column("t_ms")).append(1000).append(2000);
        ((StringColumn) metrics.column("metric")).append("estimate-live-data-size").append("estimate-live-data-size");
        ((DoubleColumn) metrics.column("value")).append(1.5e6).append(2.5e6);
        String html = HtmlReport.create("m").run(r).html();
        assertThat(html).contains("RocksDB native metrics").contains("estimate-live-data-size over t_ms");
        parse(html);
    }

    @Test
    void fluentBlocksAndCapturedArtifactsRenderInOrder() throws Exception {
        Capture.begin();
        String printed = Charts.show(Tables.compare(Fixtures.full(), Fixtures.incremental()), "run", "p50_duration_ms", 60, true);
        Tables.show(Tables.compare(Fixtures.full()));
        List<Object> artifacts = Capture.end();
        HtmlReport r = HtmlReport.create("Notebook <1>").heading("Cell 1").code("var r = run(experiment());")
                .output(printed).text("a < b & c");
        for (Object a : artifacts) {
            r.value(a);
        }
        r.value(42L);
        Path p = r.write(dir.resolve("nb.html").toString());
        String html = Files.readString(p);
        assertThat(html).contains("<title>Notebook &lt;1&gt;</title>", "<h2>Cell 1</h2>", "a &lt; b &amp; c",
                "<pre class=\"out\">42</pre>");
        assertThat(html).doesNotContain("\u001b").doesNotContain("http://");
        assertThat(html.indexOf("<figure><svg")).isGreaterThan(html.indexOf("Cell 1"));
        assertThat(html.indexOf("<caption>compare · 1 row</caption>")).isGreaterThan(html.indexOf("<figure><svg"));
        parse(html);
    }

    @Test
    void svgBlocksDropNamespacesAndXmlDeclaration() throws Exception {
        String standalone = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width='10' height='10'><rect width='5' height='5'/></svg>";
        String html = HtmlReport.create("s").svg(standalone).html();
        assertThat(html).doesNotContain("http").doesNotContain("<?xml").contains("<figure><svg width='10'");
        parse(html);
    }

    @Test
    void urlsInTextLeaveNoReferenceInTheFileButReadTheSame() throws Exception {
        String html = HtmlReport.create("t").output("Flink dashboard: http://127.0.0.1:8081")
                .text("see https://example.org/x").html();
        assertThat(html).doesNotContain("http://").doesNotContain("https://")
                .contains("http&#58;//127.0.0.1:8081").contains("https&#58;//example.org/x");
    }

    @Test
    void longTablesAreCutInTheMiddle() {
        Fixtures.Cps c = new Fixtures.Cps("long", ckpt.model.Mode.FULL);
        for (int i = 0; i < 30; i++) {
            c.steady(100 + i, 1, 1);
        }
        String html = HtmlReport.tableHtml(c.t, 10);
        assertThat(html).contains("30 rows (first 5, last 5)", "… 20 rows not shown …", "<td class=\"num\">104 ms</td>",
                "<td class=\"num\">129 ms</td>").doesNotContain("<td class=\"num\">110 ms</td>");
    }

    @Test
    void aRunThatNeverGotAJobSaysSoInsteadOfAnEmptyJobId() {
        Run r = Fixtures.full();
        Run noJob = new Run(r.id(), r.experiment(), r.target(), r.dir(), r.checkpointDir(), "", "FAILED",
                r.checkpoints(), r.subtasks(), r.counts(), r.restarts(), r.metrics(), r.records(), r.steadyRecords(),
                r.timeline(), r.disk(), r.files(), r.environment(), r.appliedOptions(), r.origin(), r.recoveries(),
                r.savepoints(), r.verification());
        String html = HtmlReport.create("t").run(noJob).html();
        assertThat(html).doesNotContain("· job <").doesNotContain("· job  ").contains("no Flink job (it never started)");
        assertThat(HtmlReport.create("t").run(r).html()).contains("· job " + r.jobId() + "</p>");
    }
}
