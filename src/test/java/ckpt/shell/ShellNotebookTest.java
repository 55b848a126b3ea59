package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellNotebookTest {
    @Test
    void cellsStartAtMarkersAndAHeaderOfCommentsIsNoCell() {
        Notebook nb = Notebook.parse("n.jsh", "// header\n// more\n\n//% load\nvar x = 1;\n\n//%   parameters  \nvar k = 2;\n//%\nx + k\n");
        assertThat(nb.cells()).extracting(Notebook.Cell::title).containsExactly("load", "parameters", "cell 3");
        assertThat(nb.cells()).extracting(Notebook.Cell::source).containsExactly("var x = 1;", "var k = 2;", "x + k");
        assertThat(nb.cells().get(1).parameters()).isTrue();
        assertThat(Notebook.parse("p.jsh", "int a = 1;\n").cells()).extracting(Notebook.Cell::title).containsExactly("preamble");
    }

    @Test
    void parametersAreInjectedAfterTheParametersCellWithTheirDeclaredTypes() {
        Notebook nb = Notebook.parse("n.jsh", "//% load\nint a;\n//% parameters\nvar keys = 20000;\nlong big = 1;\n"
                + "var label = \"x\";\nvar churn = 0.05;\nboolean on = false;\nvar e = experiment();\n//% run\nrun();\n");
        assertThat(nb.parameters()).extracting(Notebook.Parameter::name, Notebook.Parameter::type).containsExactly(
                tuple("keys", "int"), tuple("big", "long"), tuple("label", "String"), tuple("churn", "double"),
                tuple("on", "boolean"), tuple("e", null));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("keys", "200_000");
        p.put("big", "5");
        p.put("label", "full run");
        p.put("churn", "1");
        p.put("on", "true");
        Notebook withParams = nb.withParameters(p, new ArrayList<>());
        assertThat(withParams.cells()).extracting(Notebook.Cell::title)
                .containsExactly("load", "parameters", "injected parameters", "run");
        assertThat(withParams.cells().get(2).source()).isEqualTo(
                "int keys = 200_000;\nlong big = 5L;\nString label = \"full run\";\ndouble churn = 1;\nboolean on = true;");
    }

    @Test
    void badParametersAreRefusedByNameBeforeAnythingRuns() {
        Notebook nb = Notebook.parse("n.jsh", "//% parameters\nvar keys = 20000;\nvar seconds = 4;\nvar churn = 0.1;\n");
        assertThatThrownBy(() -> nb.withParameters(Map.of("key", "300000"), new ArrayList<>()))
                .hasMessage("--param key: not a parameter of n.jsh — its parameters: keys, seconds, churn");
        assertThatThrownBy(() -> nb.withParameters(Map.of("keys", "abc"), new ArrayList<>()))
                .hasMessage("--param keys=abc: not a whole number (keys is an int in the parameters cell of n.jsh)");
        assertThatThrownBy(() -> nb.withParameters(Map.of("keys", "1e6"), new ArrayList<>()))
                .hasMessageStartingWith("--param keys=1e6: not a whole number");
        assertThatThrownBy(() -> nb.withParameters(Map.of("keys", "3000000000"), new ArrayList<>()))
                .hasMessageStartingWith("--param keys=3000000000: does not fit an int");
        assertThatThrownBy(() -> nb.withParameters(Map.of("keys", " "), new ArrayList<>()))
                .hasMessageStartingWith("--param keys: the value is empty");
        assertThatThrownBy(() -> nb.withParameters(Map.of("churn", "lots"), new ArrayList<>()))
                .hasMessageStartingWith("--param churn=lots: not a number (churn is a double");
        assertThatThrownBy(() -> Notebook.parse("m.jsh", "//% a\nint a;\n").withParameters(Map.of("k", "1"), new ArrayList<>()))
                .hasMessage("--param k: m.jsh has no '//% parameters' cell, so it takes no --param");
    }

    @Test
    void parameterValuesAreTypedAsWritten() {
        assertThat(Notebook.literal("20000")).isEqualTo("20000");
        assertThat(Notebook.literal("-3")).isEqualTo("-3");
        assertThat(Notebook.literal("1_000_000")).isEqualTo("1_000_000");
        assertThat(Notebook.literal("3000000000")).isEqualTo("3000000000L");
        assertThat(Notebook.literal("2.5")).isEqualTo("2.5");
        assertThat(Notebook.literal("1e6")).isEqualTo("1e6");
        assertThat(Notebook.literal("true")).isEqualTo("true");
        assertThat(Notebook.literal("\"quoted\"")).isEqualTo("\"quoted\"");
        assertThat(Notebook.literal("incremental")).isEqualTo("\"incremental\"");
        assertThat(Notebook.literal("a \"b\" \\ c")).isEqualTo("\"a \\\"b\\\" \\\\ c\"");
        assertThat(Notebook.literal("99999999999999999999")).isEqualTo("\"99999999999999999999\"");
        assertThat(Notebook.literal("1.2.3")).isEqualTo("\"1.2.3\"");
        assertThat(Notebook.parameter("keys=5=6")).isEqualTo(Map.entry("keys", "5=6"));
        assertThatThrownBy(() -> Notebook.parameter("novalue")).hasMessageContaining("name=value");
    }

    @Test
    void saveWritesOneCellPerSnippetTitledByItsFirstLine() {
        String text = Notebook.write(List.of("int a = 1;", "void f() {\n  a++;\n}", "x".repeat(80)));
        Notebook back = Notebook.parse("s.jsh", text);
        assertThat(back.cells()).extracting(Notebook.Cell::title)
                .containsExactly("int a = 1;", "void f() {", "x".repeat(59) + "…");
        assertThat(back.cells()).extracting(Notebook.Cell::source)
                .containsExactly("int a = 1;", "void f() {\n  a++;\n}", "x".repeat(80));
    }

    /** /save names the session's target in its replay line: the same notebook elsewhere measures another cluster. */
    @Test
    void saveNamesTheSessionsTargetInItsReplayLine() {
        assertThat(Notebook.write(List.of("int a = 1;"))).startsWith(
                "// saved by ckpt-repl /save · replay: bin/ckpt-repl --replay <this file>\n");
        String options = SessionTarget.options(null, "2x2",
                Map.of("taskmanager.memory.process.size", "2g", "env.java.opts.taskmanager", "-Xss2m -Da=b"));
        assertThat(options).isEqualTo("--local-cluster 2x2 -D 'env.java.opts.taskmanager=-Xss2m -Da=b'"
                + " -D taskmanager.memory.process.size=2g");
        assertThat(Notebook.write(List.of("int a = 1;"), options)).startsWith("// saved by ckpt-repl /save · replay:"
                + " bin/ckpt-repl --local-cluster 2x2 -D 'env.java.opts.taskmanager=-Xss2m -Da=b'"
                + " -D taskmanager.memory.process.size=2g --replay <this file>\n");
        assertThat(SessionTarget.options("http://127.0.0.1:8081", null, Map.of()))
                .isEqualTo("--cluster http://127.0.0.1:8081");
        assertThat(SessionTarget.options(null, null, Map.of())).isEmpty();
        assertThat(Notebook.parse("s.jsh", Notebook.write(List.of("int a = 1;"), options)).cells()).hasSize(1);
    }
}
