package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell as a process: piped stdin, --replay with parameters, failing cells, /save then --replay. */
class ShellProcessTest {
    @TempDir
    Path dir;

    @Test
    void pipedStdinEvaluatesWithoutPrompts() throws Exception {
        Processes.Result r = Processes.run("1+1\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("2\n");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void pipedScriptWithMultiLineSnippetsErrorsAndCommands() throws Exception {
        String script = "int f(int x) {\n  return x + 1;\n}\nf(41)\nint bad = ;\n1/0\n/vars\nSystem.out.println(\"end\")\n";
        Processes.Result r = Processes.run(script);
        assertThat(r.exitCode()).isZero(); // like jshell: errors are printed, the script goes on
        assertThat(r.stdout()).containsSubsequence("created method f(int)", "42", "error: illegal start of expression",
                "ArithmeticException: / by zero", "int $", "end");
        assertThat(r.stdout()).doesNotContain("ckpt>");
    }

    @Test
    void replayPrintsCellsAndInjectsParameters() throws Exception {
        Path nb = dir.resolve("params.jsh");
        Files.writeString(nb, "// a notebook\n//% parameters\nvar keys = 10;\nvar label = \"default\";\nvar big = 1L;\n"
                + "//% use them\nSystem.out.println(label + \" \" + (keys * 2) + \" \" + (big + 1));\n");
        Processes.Result r = Processes.run("", "--replay", nb.toString(), "--param", "keys=21",
                "--param", "label=hello world", "--param", "big=3000000000");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).containsSubsequence("[1/3] parameters", "[2/3] injected parameters", "keys ==> 21",
                "label ==> \"hello world\"", "big ==> 3000000000", "[3/3] use them", "hello world 42 3000000001");
        Processes.Result defaults = Processes.run("", "--replay", nb.toString());
        assertThat(defaults.stdout()).contains("[2/2] use them").contains("default 20 2");
    }

    @Test
    void replayStopsAtFailingCellAndNamesIt() throws Exception {
        Path nb = dir.resolve("fails.jsh");
        Files.writeString(nb, "//% fine\nint a = 1;\n//% run FULL\nint b = a / 0;\n//% never\nSystem.out.println(\"never\");\n");
        Processes.Result r = Processes.run("", "--replay", nb.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("cell 2 \"run FULL\" failed: ArithmeticException: / by zero");
        assertThat(r.stdout()).contains("[1/3] fine").contains("[2/3] run FULL").doesNotContain("never");

        Files.writeString(nb, "//% fine\nint a = 1;\n//% typo\nint b = a +* 2;\n");
        r = Processes.run("", "--replay", nb.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("cell 2 \"typo\" failed: error: illegal start of expression");
    }

    @Test
    void replayOfMissingNotebookOrBadArguments() throws Exception {
        Processes.Result r = Processes.run("", "--replay", dir.resolve("nope.jsh").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("nope.jsh: no such file");
        r = Processes.run("", "--replay", "x.jsh", "--param", "1x=2");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--param name '1x' is not a Java identifier");
    }

    @Test
    void saveThenReplayReproducesCellsAndOutputs() throws Exception {
        Path saved = dir.resolve("saved.jsh");
        List<String> inputs = List.of("int a = 20;", "int twice(int x) {\n  return 2 * x;\n}", "twice(a) + 2",
                "System.out.println(\"hello \" + a)", "var t = Table.create(\"t\", IntColumn.create(\"n\", new int[] {1, 2}))");
        List<String> shown;
        try (TerminalSession shell = TerminalSession.start(dir.resolve("history"))) {
            shell.line("int notSaved = 1 +* 2;"); // fails: not part of the notebook
            StringBuilder out = new StringBuilder();
            for (String in : inputs) {
                int mark = shell.mark();
                shell.type(in.replace("\n", "\r") + "\r");
                String tail = shell.awaitAfter(mark, "ckpt> ", Duration.ofSeconds(60));
                out.append(tail).append('\n');
            }
            assertThat(shell.line("/save " + saved)).contains("saved 5 cells to " + saved);
            shown = resultLines(out.toString());
            assertThat(shell.exit()).isZero();
        }
        Notebook nb = Notebook.read(saved);
        // JShell completes "var t = …" with the semicolon it implied
        assertThat(nb.cells()).extracting(c -> c.source().replaceAll(";$", ""))
                .containsExactlyElementsOf(inputs.stream().map(i -> i.replaceAll(";$", "")).collect(Collectors.toList()));
        assertThat(nb.cells().get(1).title()).isEqualTo("int twice(int x) {");

        Processes.Result r = Processes.run("", "--replay", saved.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("[1/5] int a = 20;").contains("[5/5] var t = Table.create");
        List<String> replayed = resultLines(r.stdout());
        assertThat(replayed).containsExactlyElementsOf(shown);
        assertThat(shown).containsExactly("a ==> 20", "created method twice(int)", "42", "hello 20",
                "t ==> t · 2 rows × 1 column");
    }

    /** The results a session printed: value lines, declarations, snippet output. */
    private static List<String> resultLines(String text) {
        return text.lines().map(String::strip)
                .filter(l -> l.matches("a ==> .*|created method .*|42|hello 20|t ==> .*"))
                .collect(Collectors.toList());
    }
}
