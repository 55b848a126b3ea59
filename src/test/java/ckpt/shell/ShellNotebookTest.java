package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void parametersAreInjectedAfterTheParametersCell() {
        Notebook nb = Notebook.parse("n.jsh", "//% load\nint a;\n//% parameters\nvar keys = 20000;\n//% run\nrun();\n");
        Map<String, String> p = new LinkedHashMap<>();
        p.put("keys", "200_000");
        p.put("label", "full run");
        List<String> warnings = new ArrayList<>();
        Notebook withParams = nb.withParameters(p, warnings);
        assertThat(withParams.cells()).extracting(Notebook.Cell::title)
                .containsExactly("load", "parameters", "injected parameters", "run");
        assertThat(withParams.cells().get(2).source()).isEqualTo("var keys = 200_000;\nvar label = \"full run\";");
        assertThat(warnings).containsExactly("parameter 'label' is not declared in the parameters cell of n.jsh");
        List<String> w2 = new ArrayList<>();
        Notebook none = Notebook.parse("m.jsh", "//% a\nint a;\n").withParameters(Map.of("k", "1"), w2);
        assertThat(none.cells().get(0).injected()).isTrue();
        assertThat(w2).hasSize(1);
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
}
