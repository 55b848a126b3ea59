package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook in notebooks/ replays cleanly, with short parameters, and writes an offline report and a
 * Jupyter notebook that validates against the nbformat 4 schema.
 */
class ShippedNotebooksTest {
    @TempDir
    Path dir;

    static Stream<Path> notebooks() throws Exception {
        try (Stream<Path> s = Files.list(Processes.home().resolve("notebooks"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".jsh")).sorted().toList();
            assertThat(all).hasSizeGreaterThanOrEqualTo(3);
            return all.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void replaysWithShortParameters(Path notebook) throws Exception {
        Path html = dir.resolve(notebook.getFileName() + ".html");
        Path ipynb = dir.resolve(notebook.getFileName() + ".ipynb");
        List<String> args = new ArrayList<>(List.of("--replay", notebook.toString(), "--param", "seconds=2",
                "--report", html.toString(), "--ipynb", ipynb.toString()));
        List<String> cmd = Processes.javaCommand(args.toArray(String[]::new));
        Processes.Result r = Processes.exec(cmd, "", 400);
        assertThat(r.exitCode()).as("%s%n%s", r.stdout(), r.stderr()).isZero();
        // every cell ran, plus the one that injects the parameters
        long cells = Notebook.parse(notebook.toString(), Files.readString(notebook)).cells().size() + 1;
        assertThat(r.stdout()).contains("[" + cells + "/" + cells + "]").doesNotContainPattern("cell \\d+ \".*\" failed:");
        // runs report progress through the shell's status line (registered when the helpers were first used),
        // not the engine's fallback printer
        if (Files.readString(notebook).contains("run(")) {
            // (the fallback prints "  full · steady 0/2 s …")
            assertThat(r.stdout()).contains("  steady   ").doesNotContainPattern("(?m)^  \\S+ · steady \\d");
        }
        String report = Files.readString(html);
        assertThat(report).doesNotContain("http://").doesNotContain("https://").contains("<table");
        assertThat(NbSchema.errors(ipynb)).isEmpty();
        com.fasterxml.jackson.databind.JsonNode nb = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ipynb.toFile());
        assertThat(nb.get("cells")).hasSize((int) cells);
        assertThat(nb.get("cells")).allMatch(c -> c.get("execution_count").isInt(), "every cell ran");
    }
}
