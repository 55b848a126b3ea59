package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file a user asks for is replaced whole or not at all. The full disk is a file-size limit on the shell's
 * process ({@code ulimit -f}, no root needed): a write past 64 KiB fails with "File too large" exactly as one
 * on a full disk fails with "No space left on device" (the JVM ignores SIGXFSZ). Each target exists beforehand
 * with "OLD" in it; afterwards it still does, and no temp file is left beside it.
 */
class ShellAtomicWritesTest {
    @TempDir
    Path dir;

    private Processes.Result limited(String stdin, String... args) throws Exception {
        List<String> java = new ArrayList<>(Processes.javaCommand(args));
        java.replaceAll(a -> a.startsWith("-Dckpt.log=") ? "-Dckpt.log=" + dir.resolve("logs/shell.log") : a);
        String cmd = "ulimit -f 64; exec " + java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
        return Processes.exec(List.of("bash", "-c", cmd), stdin, 120);
    }

    private Path old(String name) throws Exception {
        return Files.writeString(dir.resolve("out").resolve(name), "OLD");
    }

    @Test
    void exportsChartsSaveReportAndNotebookKeepTheOldFileWhenTheDiskIsFull() throws Exception {
        Files.createDirectories(dir.resolve("out"));
        Path csv = old("t.csv");
        Path json = old("t.json");
        Path svg = old("t.svg");
        Path saved = old("session.jsh");
        Path html = old("report.html");
        Path ipynb = old("report.ipynb");
        String script = "var t = Table.create(\"t\", IntColumn.create(\"n\", java.util.stream.IntStream.range(0, 100_000).toArray()))\n"
                + "exportCsv(t, " + Notebook.quote(csv.toString()) + ")\n"
                + "exportJson(t, " + Notebook.quote(json.toString()) + ")\n"
                + "saveChart(t, \"n\", \"n\", " + Notebook.quote(svg.toString()) + ")\n"
                + "var s = \"" + "x".repeat(80_000) + "\";\n"
                + "/save " + saved + "\n";
        Processes.Result r = limited(script);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        for (Path p : List.of(csv, json, svg, saved)) {
            assertThat(r.stdout()).contains("cannot write " + p + ": File too large (the file there is unchanged)");
        }

        Path nb = dir.resolve("big.jsh");
        Files.writeString(nb, "//% print\nSystem.out.println(\"y\".repeat(100_000));\n");
        Processes.Result replay = limited("", "--replay", nb.toString(), "--report", html.toString(),
                "--ipynb", ipynb.toString());
        assertThat(replay.exitCode()).isEqualTo(1);
        assertThat(replay.stderr()).contains("cannot write " + html + ": File too large (the file there is unchanged)")
                .contains("cannot write " + ipynb + ": File too large (the file there is unchanged)");

        for (Path p : List.of(csv, json, svg, saved, html, ipynb)) {
            assertThat(Files.readString(p)).as(p.toString()).isEqualTo("OLD");
        }
        try (var files = Files.list(dir.resolve("out"))) {
            assertThat(files).as("no temp file left").containsExactlyInAnyOrder(csv, json, svg, saved, html, ipynb);
        }

        // and without the limit the same writes replace the files whole
        Processes.Result ok = Processes.run(script);
        assertThat(ok.stdout()).doesNotContain("cannot write");
        assertThat(Files.readString(csv)).startsWith("n\n0\n1\n").endsWith("99999\n");
        assertThat(Files.readString(saved)).contains("var s = \"xxx");
    }
}
