package ckpt.shell;

import ckpt.model.Run;
import ckpt.report.Capture;
import ckpt.report.HtmlReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * An executed notebook as a Jupyter notebook (nbformat 4.5), for Jupyter and for GitHub, which renders
 * {@code .ipynb} files: one code cell per {@code //%} cell (its source, headed by its {@code //%} line so the
 * notebook keeps its titles), printed text as a {@code stream} output, tables as {@code text/html} (with the
 * readable text as {@code text/plain}), runs as their report section, charts as {@code image/svg+xml}, and the
 * failing cell's error as an {@code error} output. {@code metadata} names Java as the kernel's language.
 */
final class Ipynb {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Standalone SVG needs its namespace; charts are captured for inline HTML, without it. */
    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    private Ipynb() {
    }

    /**
     * One cell: what it printed, what it returned and drew, and the failure that stopped the replay; cells after
     * that one are kept with {@code ran} false (no execution count, no outputs), as papermill leaves them.
     */
    record Cell(Notebook.Cell source, boolean ran, String text, List<Object> values, String failure) {
        static Cell notRun(Notebook.Cell source) {
            return new Cell(source, false, "", List.of(), null);
        }
    }

    static ObjectNode notebook(List<Cell> cells) {
        ObjectNode nb = JSON.createObjectNode();
        ObjectNode meta = nb.putObject("metadata");
        ObjectNode kernel = meta.putObject("kernelspec");
        kernel.put("name", "java");
        kernel.put("display_name", "Java (ckpt-repl)");
        kernel.put("language", "java");
        ObjectNode lang = meta.putObject("language_info");
        lang.put("name", "java");
        lang.put("version", System.getProperty("java.version"));
        lang.put("file_extension", ".jsh");
        lang.put("mimetype", "text/x-java-source");
        lang.put("codemirror_mode", "text/x-java");
        nb.put("nbformat", 4);
        nb.put("nbformat_minor", 5);
        ArrayNode out = nb.putArray("cells");
        int n = 0;
        for (Cell c : cells) {
            n++;
            ObjectNode cell = out.addObject();
            cell.put("cell_type", "code");
            cell.put("id", "cell-" + n);
            cell.putObject("metadata");
            if (c.ran()) {
                cell.put("execution_count", n);
            } else {
                cell.putNull("execution_count");
            }
            cell.set("source", lines(Notebook.MARKER + " " + c.source().title() + "\n" + c.source().source()));
            ArrayNode outputs = cell.putArray("outputs");
            if (!c.text().isBlank()) {
                ObjectNode s = outputs.addObject();
                s.put("output_type", "stream");
                s.put("name", "stdout");
                // Jupyter obeys ANSI sequences in streams: colours dropped, any other control character shown
                s.set("text", lines(ckpt.text.Visible.text(HtmlReport.stripAnsi(c.text()))));
            }
            for (Object v : c.values()) {
                display(outputs, v);
            }
            if (c.failure() != null) {
                ObjectNode e = outputs.addObject();
                e.put("output_type", "error");
                String failure = ckpt.text.Visible.line(c.failure());
                int colon = failure.indexOf(':');
                e.put("ename", colon > 0 ? failure.substring(0, colon) : "error");
                e.put("evalue", colon > 0 ? failure.substring(colon + 1).strip() : failure);
                e.putArray("traceback").add("cell " + n + " \"" + c.source().title() + "\" failed: " + failure);
            }
        }
        return nb;
    }

    private static void display(ArrayNode outputs, Object v) {
        ObjectNode d = JSON.createObjectNode();
        d.put("output_type", "display_data");
        ObjectNode data = d.putObject("data");
        d.putObject("metadata");
        if (v instanceof Table t) {
            data.set("text/html", lines(HtmlReport.create("").table(t).fragment()));
            data.set("text/plain", lines(Display.table(t, Screen.plain(null).width())));
        } else if (v instanceof Run r) {
            data.set("text/html", lines(HtmlReport.create("").run(r).fragment()));
            data.set("text/plain", lines(ckpt.text.Visible.text(ckpt.report.RunText.text(r))));
        } else if (v instanceof Capture.Svg s) {
            data.set("image/svg+xml", lines(standalone(s.markup())));
        } else {
            data.set("text/plain", lines(ckpt.text.Visible.text(String.valueOf(v))));
        }
        outputs.add(d);
    }

    /** Inline SVG made a standalone document again: its namespace back on the root element. */
    static String standalone(String svg) {
        if (svg.contains("xmlns=")) {
            return svg;
        }
        return svg.replaceFirst("<svg\\b", "<svg xmlns=\"" + SVG_NS + "\"");
    }

    /** Jupyter's multiline string: a list of lines, each but the last ending in "\n". */
    private static ArrayNode lines(String text) {
        ArrayNode a = JSON.createArrayNode();
        String[] parts = text.split("(?<=\n)");
        for (String p : parts) {
            if (!p.isEmpty()) {
                a.add(p);
            }
        }
        return a;
    }

    static Path write(List<Cell> cells, Path path) throws IOException {
        ObjectNode nb = notebook(cells);
        return ckpt.io.AtomicFile.write(path, out -> JSON.writeValue(out, nb));
    }
}
