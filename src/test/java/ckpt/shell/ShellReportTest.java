package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --replay --report writes one HTML file with every cell's code, output and values. */
class ShellReportTest {
    @TempDir
    Path dir;

    @Test
    void aFailingCellStillWritesTheReportUpToIt() throws Exception {
        Path nb = dir.resolve("r.jsh");
        Files.writeString(nb, "//% hello\nSystem.out.println(\"hi\");\n//% boom\nint x = 1 / 0;\n//% never\n1 + 1\n");
        Path html = dir.resolve("out.html");
        Processes.Result r = Processes.run("", "--replay", nb.toString(), "--report", html.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("cell 2 \"boom\" failed: ArithmeticException: / by zero");
        String text = Files.readString(html);
        assertThat(text).contains("<h2>hello</h2>", "hi", "<h2>boom</h2>").doesNotContain("<h2>never</h2>");
    }

    @Test
    void replayWritesHtmlReportWithCodeOutputAndTables() throws Exception {
        Path nb = dir.resolve("report.jsh");
        Files.writeString(nb, "//% parameters\nvar n = 2;\n//% greet\nSystem.out.println(\"hello from a cell\");\n"
                + "//% a table\nvar t = Table.create(\"numbers\", IntColumn.indexColumn(\"i\", n, 40));\nt\n"
                + "//% a chart\nchart(t, \"i\", \"i\")\n");
        Path html = dir.resolve("out").resolve("report.html");
        Processes.Result r = Processes.run("", "--replay", nb.toString(), "--param", "n=3", "--report", html.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("wrote ");
        String text = Files.readString(html);
        assertThat(text).contains("System.out.println(&quot;hello from a cell&quot;)").contains("hello from a cell")
                .contains("numbers").contains("42").doesNotContain("http://").doesNotContain("https://");
        // the chart drawn in the terminal reaches the report as an inline SVG
        assertThat(text).contains("<svg");
    }
}
