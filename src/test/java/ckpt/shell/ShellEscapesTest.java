package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Terminal escape sequences in data (a CSV header that would retitle and clear the terminal, a field that would
 * turn it red) reach no output raw: errors, tables, charts, the HTML report and the Jupyter notebook all show
 * them as {@code \x1b}. Real files, the real shell process.
 */
class ShellEscapesTest {
    private static final String ESC = "\u001b";
    private static final String TITLE = ESC + "]0;pwned\u0007" + ESC + "[2J";

    @TempDir
    Path dir;

    @Test
    void dataWithEscapesReachesNoOutputRaw() throws Exception {
        Path csv = dir.resolve("evil" + ESC + "[5m.csv");
        Files.writeString(csv, "transaction_id,account_id,amount,timestamp,\"" + TITLE + "\"\n"
                + "1,7,12.50,2024-01-01 00:00:00," + ESC + "[31mRED\n"
                + "2,8,13.00,2024-01-01 00:00:05,plain\n", StandardCharsets.UTF_8);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "transaction_id,account_id,amount,timestamp\n1,7," + ESC + "[31mRED,2024-01-01 00:00:00\n");
        Path badHeader = dir.resolve("header.csv");
        Files.writeString(badHeader, TITLE + ",x\n1,2\n");
        String col = "t.columnNames().get(4)"; // Tablesaw trims the name's leading ESC; the rest stays
        Path svg = dir.resolve("c.svg");
        Path nb = dir.resolve("nb.jsh");
        Files.writeString(nb, "//% load\nvar t = loadCsv(" + Notebook.quote(csv.toString()) + ");\n"
                + "//% show\nshow(t);\nt\n"
                + "//% chart\nchart(t, " + col + ", \"amount\");\n"
                + "saveChart(t, " + col + ", \"amount\", " + Notebook.quote(svg.toString()) + ");\n"
                + "saveChart(t, " + col + ", \"amount\", " + Notebook.quote(dir.resolve("c.png").toString()) + ");\n"
                + "//% errors\nloadCsv(" + Notebook.quote(bad.toString()) + ");\n");
        Path html = dir.resolve("r.html");
        Path ipynb = dir.resolve("r.ipynb");
        Processes.Result r = Processes.run("", "--replay", nb.toString(), "--report", html.toString(),
                "--ipynb", ipynb.toString());
        assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(1); // the last cell fails, as it should
        String all = r.stdout() + r.stderr();
        assertThat(all).doesNotContain(ESC).doesNotContain("\u0007")
                .contains("]0;pwned\\x07\\x1b[2J")   // the column, in the table and the chart
                .contains("\\x1b[31mRED")                 // the field
                .contains("evil\\x1b[5m.csv")              // the file name (the table's name)
                .contains("line 2: amount '\\x1b[31mRED' is not a number");
        for (Path out : new Path[] {html, ipynb, svg}) {
            String text = Files.readString(out);
            assertThat(text).as(out.toString()).doesNotContain(ESC).doesNotContain("\\u001B") // Jackson's escape of a raw ESC
                    .contains("\\x1b");
        }
        // the SVG is well-formed XML (a raw ESC is not allowed in XML 1.0)
        javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        assertThat(Files.size(dir.resolve("c.png"))).isPositive();

        Processes.Result piped = Processes.run("loadCsv(" + Notebook.quote(badHeader.toString()) + ")\n");
        assertThat(piped.stdout()).doesNotContain(ESC).contains("found: \\x1b]0;pwned\\x07\\x1b[2J, x");
    }
}
