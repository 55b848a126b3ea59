package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The interactive shell on a terminal: one session shared by the tests, each checks the shell stays usable. */
class ShellTerminalTest {
    @TempDir
    static Path dir;
    static TerminalSession shell;

    @BeforeAll
    static void start() throws Exception {
        shell = TerminalSession.start(dir.resolve("history"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (shell != null) {
            shell.close();
        }
    }

    @Test
    void bannerNamesVersions() {
        assertThat(shell.output()).contains("ckpt-repl 0.1 · Flink 2.3.0 · RocksDB 8.10 (frocksdb) · Java 17");
    }

    @Test
    void multiLineMethodEvaluates() {
        int mark = shell.mark();
        shell.type("int triple(int x) {\r");
        shell.awaitAfter(mark, "…> ", Duration.ofSeconds(30));
        shell.type("  return 3 * x;\r");
        shell.type("}\r");
        String out = shell.awaitAfter(mark, "created method triple(int)", Duration.ofSeconds(30));
        assertThat(out).doesNotContain("error");
        assertThat(shell.line("triple(14)")).isEqualTo("42\n");
    }

    @Test
    void syntaxErrorShowsCaretAndShellStaysUsable() {
        String out = shell.line("int broken = 1 +* 2;");
        assertThat(out).contains("int broken = 1 +* 2;").contains("error: illegal start of expression");
        // the caret sits under the offending '*': the source line and the caret line are indented alike
        String[] lines = out.split("\n");
        int src = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("  int broken")) {
                src = i;
            }
        }
        assertThat(src).as("source line shown with the error:\n" + out).isGreaterThanOrEqualTo(0);
        assertThat(lines[src + 1].indexOf('^')).isEqualTo(lines[src].indexOf('*'));
        assertThat(shell.line("6 * 7")).isEqualTo("42\n");
    }

    @Test
    void throwingSnippetShowsRootCauseAndShellStaysUsable() {
        String out = shell.line("Integer.parseInt(\"x\" + new IllegalStateException(\"outer\", new ArithmeticException(\"deep\")).getCause().getMessage())");
        assertThat(out).contains("NumberFormatException: For input string: \"xdeep\"");
        out = shell.line("throw new RuntimeException(\"wrapper\", new IllegalArgumentException(\"the real cause\"))");
        assertThat(out).contains("IllegalArgumentException: the real cause").doesNotContain("wrapper");
        assertThat(out.lines().filter(l -> !l.isBlank()).count()).isLessThanOrEqualTo(2);
        out = shell.line("throw new ckpt.error.CkptException(\"keys must be between 1 and 2,000,000,000, got 0\")");
        assertThat(out).contains("  keys must be between 1 and 2,000,000,000, got 0").doesNotContain("CkptException");
        assertThat(shell.line("/trace")).contains("ckpt.error.CkptException: keys must be between");
        assertThat(shell.line("1 + 1")).isEqualTo("2\n");
    }

    @Test
    void ctrlCStopsRunawayLoopAndPromptReturns() {
        int mark = shell.mark();
        shell.type("while (true) { Math.sqrt(Math.random()); }\r");
        shell.awaitAfter(mark, "Math.random", Duration.ofSeconds(10));
        TerminalSession.sleep(1000);
        // Ctrl-C until the shell says it stopped the snippet (a press still at the prompt just clears the line)
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!shell.output().substring(mark).contains("stopped") && System.nanoTime() < end) {
            shell.type("\u0003");
            TerminalSession.sleep(700);
        }
        assertThat(shell.awaitAfter(mark, "stopped", Duration.ofSeconds(1))).contains("stopped");
        assertThat(shell.line("\"still\" + \" here\"")).isEqualTo("\"still here\"\n");
    }

    @Test
    void tabCompletesUniqueNameInPlace() {
        shell.line("int answerValue = 41;");
        int mark = shell.mark();
        shell.type("answerV\t");
        TerminalSession.sleep(500);
        shell.type(" + 1\r");
        String out = shell.awaitAfter(mark, "ckpt> ", Duration.ofSeconds(30));
        assertThat(out).contains("\n42\n").doesNotContain("cannot find symbol");
    }

    @Test
    void tabCompletesHelperName() {
        int mark = shell.mark();
        shell.type("loadC\t");
        TerminalSession.sleep(500);
        // completed to loadCsv( — closing it makes a call that fails at run time, not at compile time
        shell.type("\"no-such-file.csv\")\r");
        String out = shell.awaitAfter(mark, "ckpt> ", Duration.ofSeconds(30));
        assertThat(out).doesNotContain("cannot find symbol").contains("no-such-file.csv: no such file");
    }

    @Test
    void resultDisplay() {
        assertThat(shell.line("var t = Table.create(\"t\", DoubleColumn.create(\"x\", new double[] {1, 2, Double.NaN}))"))
                .contains("t ==> t · 3 rows × 1 column · x: 1 missing");
        String table = shell.line("t");
        // human-readable layout: title, header, rule, one line per row, missing shown as a dash
        assertThat(table.lines().map(String::strip).toList()).containsSubsequence("t · 3 rows", "x", "─", "1", "2", "—");
        assertThat(shell.line("var big = Table.create(\"big\", IntColumn.indexColumn(\"i\", 500, 0))"))
                .contains("big ==> big · 500 rows × 1 column");
        String bigOut = shell.line("big");
        List<String> bigLines = bigOut.lines().map(String::strip).toList();
        assertThat(bigLines).contains("big · 500 rows (first 10, last 10)", "0", "9", "490", "499", "…")
                .doesNotContain("250");
        // a table wider than the terminal (120 columns) wraps on column boundaries, never mid-name, and a column
        // empty in every row is named once instead of getting a block of its own
        shell.line("var wide = Table.create(\"wide\", StringColumn.create(\"run\", \"a\", \"b\"), StringColumn.create(\"failure\", \"\", \"\"))");
        shell.line("for (int k = 0; k < 9; k++) wide.addColumns(LongColumn.create(\"some_long_column_name_\" + k + \"_bytes\", new long[] {1L << 20, 5}))");
        String wide = shell.line("show(wide)");
        List<String> wideLines = wide.lines().toList();
        assertThat(wideLines).allMatch(l -> l.length() < 120, "fits 120 columns");
        for (int k = 0; k < 9; k++) {
            assertThat(wide).contains("some_long_column_name_" + k + "_bytes");
        }
        assertThat(wideLines.stream().filter(l -> l.startsWith("run ")).count()).isGreaterThan(1); // blocks repeat run
        assertThat(wide).contains("1.0 MiB").contains("(failure: empty in every row)");
        assertThat(wideLines.stream().filter(l -> l.contains("failure")).count()).isEqualTo(1);
        assertThat(shell.line("void nothing() {}")).contains("created method nothing()");
        assertThat(shell.line("nothing()")).isBlank();
    }

    @Test
    void commands() {
        assertThat(shell.line("/help")).contains("/save").contains("/step").contains("loadCsv").contains("compare");
        assertThat(shell.line("/help loadCsv")).contains("var tx = loadCsv(\"data/transactions.csv\")");
        assertThat(shell.line("/nope")).contains("unknown command /nope — commands: /help /vars");
        shell.line("var someText = \"hello\"");
        assertThat(shell.line("/vars")).contains("String someText = \"hello\"");
        assertThat(shell.line("/history")).contains("var someText = \"hello\"");
    }

    @Test
    void snippetOutputAppearsInOrder() {
        String out = shell.line("for (int i = 0; i < 3; i++) { System.out.println(\"out \" + i); System.err.println(\"err \" + i); }");
        assertThat(out).containsSubsequence("out 0", "err 0", "out 1", "err 1", "out 2", "err 2");
    }

    @Test
    void ctrlCAtPromptClearsTheLine() {
        int mark = shell.mark();
        shell.type("this is not java");
        TerminalSession.sleep(300);
        shell.type("\u0003");
        TerminalSession.sleep(300);
        shell.type("5 * 5\r");
        String out = shell.awaitAfter(mark, "25", Duration.ofSeconds(30));
        assertThat(out).doesNotContain("error");
    }

    @Test
    void historyIsWrittenToTheHistoryFile() throws Exception {
        shell.line("var historyMarker = 12345");
        Path history = dir.resolve("history");
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while ((!Files.exists(history) || !Files.readString(history).contains("historyMarker"))
                && System.nanoTime() < end) {
            TerminalSession.sleep(100);
        }
        assertThat(Files.readString(history)).contains("var historyMarker = 12345");
    }
}
