package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --replay … --ipynb OUT.ipynb}: a valid nbformat 4 notebook whose cells and outputs are the replay's. */
class IpynbTest {
    @TempDir
    Path dir;

    private static final String NOTEBOOK = """
            //% parameters
            var n = 3;
            //% print
            System.out.println("hello " + n);
            System.out.println("second line");
            //% a table
            var t = Table.create("numbers", IntColumn.indexColumn("i", n, 40));
            t
            //% a chart
            chart(t, "i", "i")
            //% fails
            int x = 1 / 0;
            //% never
            1 + 1
            """;

    @Test
    void replayWritesAValidNotebookWithTheReplaysCellsAndOutputs() throws Exception {
        Path nb = dir.resolve("demo.jsh");
        Files.writeString(nb, NOTEBOOK);
        Path ipynb = dir.resolve("out").resolve("demo.ipynb");
        Path html = dir.resolve("demo.html");
        Processes.Result r = Processes.run("", "--replay", nb.toString(), "--param", "n=4",
                "--ipynb", ipynb.toString(), "--report", html.toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1); // the "fails" cell
        assertThat(r.stdout()).contains("wrote " + ipynb.toAbsolutePath(), "wrote " + html.toAbsolutePath());

        assertThat(NbSchema.errors(ipynb)).isEmpty();
        JsonNode root = new ObjectMapper().readTree(ipynb.toFile());
        assertThat(root.get("nbformat").asInt()).isEqualTo(4);
        assertThat(root.at("/metadata/kernelspec/language").asText()).isEqualTo("java");
        assertThat(root.at("/metadata/language_info/name").asText()).isEqualTo("java");

        // one code cell per //% cell (the injected parameters included), sources as in the notebook
        Notebook parsed = Notebook.parse("demo.jsh", NOTEBOOK).withParameters(Map.of("n", "4"), new ArrayList<>());
        JsonNode cells = root.get("cells");
        assertThat(cells).hasSize(parsed.cells().size());
        for (int i = 0; i < cells.size(); i++) {
            assertThat(cells.get(i).get("cell_type").asText()).isEqualTo("code");
            assertThat(text(cells.get(i).get("source")))
                    .isEqualTo("//% " + parsed.cells().get(i).title() + "\n" + parsed.cells().get(i).source());
        }
        Map<String, String> printed = cellsOf(r.stdout());
        // stream output: exactly what the replay printed for the cell
        JsonNode print = cell(cells, "print");
        assertThat(print.get("execution_count").asInt()).isEqualTo(3); // parameters, injected parameters, print
        assertThat(print.get("outputs")).hasSize(1);
        assertThat(print.at("/outputs/0/output_type").asText()).isEqualTo("stream");
        assertThat(text(print.at("/outputs/0/text"))).isEqualTo("hello 4\nsecond line").isEqualTo(printed.get("print"));
        // a table: HTML, and as text the block the replay printed
        JsonNode table = cell(cells, "a table");
        assertThat(table.at("/outputs/0/output_type").asText()).isEqualTo("stream");
        assertThat(text(table.at("/outputs/0/text"))).isEqualTo("t ==> numbers · 4 rows × 1 column");
        JsonNode data = table.at("/outputs/1/data");
        assertThat(table.at("/outputs/1/output_type").asText()).isEqualTo("display_data");
        assertThat(text(data.get("text/html"))).contains("<table>", "<caption>numbers · 4 rows</caption>", "<td class=\"num\">43</td>");
        assertThat(text(data.get("text/plain"))).isEqualTo(printed.get("a table").replaceFirst("^t ==> .*\n", ""));
        // a chart: SVG (a standalone document: with its namespace), after the terminal chart's text
        JsonNode chart = cell(cells, "a chart");
        assertThat(chart.at("/outputs/0/output_type").asText()).isEqualTo("stream");
        assertThat(text(chart.at("/outputs/0/text"))).isEqualTo(printed.get("a chart")).contains("i over i");
        String svg = text(chart.at("/outputs/1/data/image~1svg+xml"));
        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").contains("i over i");
        javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        assertThat(f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(svg.getBytes("UTF-8")))
                .getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
        // the failing cell carries its error; the cell after it is there, not run
        JsonNode fails = cell(cells, "fails");
        JsonNode error = fails.get("outputs").get(fails.get("outputs").size() - 1);
        assertThat(error.get("output_type").asText()).isEqualTo("error");
        assertThat(error.get("ename").asText()).isEqualTo("ArithmeticException");
        assertThat(error.get("evalue").asText()).isEqualTo("/ by zero");
        JsonNode never = cell(cells, "never");
        assertThat(never.get("execution_count").isNull()).isTrue();
        assertThat(never.get("outputs")).isEmpty();
        // the HTML report, beside it, has the same executed cells
        assertThat(Files.readString(html)).contains("<h2>print</h2>", "hello 4", "<h2>fails</h2>").doesNotContain("<h2>never</h2>");
    }

    @Test
    void ipynbGoesWithReplayOnly() throws Exception {
        Processes.Result r = Processes.run("", "--ipynb", dir.resolve("x.ipynb").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--param, --report and --ipynb go with --replay NOTEBOOK");
    }

    /** Jupyter's multiline string (a list of lines) as one string. */
    static String text(JsonNode lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.asText()));
        return sb.toString();
    }

    private static JsonNode cell(JsonNode cells, String title) {
        for (JsonNode c : cells) {
            if (text(c.get("source")).startsWith("//% " + title + "\n")) {
                return c;
            }
        }
        throw new AssertionError("no cell " + title);
    }

    /** The replay's stdout cut at its "[i/n] title" lines: title → what was printed for that cell. */
    private static Map<String, String> cellsOf(String stdout) {
        Map<String, String> out = new LinkedHashMap<>();
        String title = null;
        List<String> lines = new ArrayList<>();
        for (String line : (stdout + "[end/end] end\n").split("\n")) {
            if (line.matches("\\[\\w+/\\w+] .*")) {
                if (title != null) {
                    out.put(title, String.join("\n", lines).stripTrailing());
                }
                title = line.substring(line.indexOf("] ") + 2);
                lines.clear();
            } else if (!line.startsWith("wrote ")) {
                lines.add(line);
            }
        }
        return out;
    }
}
