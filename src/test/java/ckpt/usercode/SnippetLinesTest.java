package ckpt.usercode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The wrapped-line → snippet-line map against JShell's real wrappers, for the snippet kinds whose offsets differ
 * (a class, a var with an initializer, an anonymous class in a var, a method, a multi-line expression). Every
 * snippet line carries a marker comment; the wrapper line holding that marker must map to that line.
 */
class SnippetLinesTest {
    static JShell jshell;

    @BeforeAll
    static void start() {
        jshell = JShell.builder().executionEngine("local").build();
    }

    @AfterAll
    static void stop() {
        jshell.close();
    }

    /**
     * Evaluates the snippet and checks the map: for each {@code token → line}, the wrapper line holding the token
     * (once) maps to that snippet line; JShell's "package REPL;" line maps to none.
     */
    private static int[] check(String source, Object... tokenLine) {
        List<SnippetEvent> events = jshell.eval(source);
        Snippet s = events.get(0).snippet();
        assertThat(events.get(0).status().isDefined()).as(source).isTrue();
        SourceCodeAnalysis.SnippetWrapper w = jshell.sourceCodeAnalysis().wrapper(s);
        int[] map = SnippetLines.map(w.wrapped(), w.source(), w::wrappedToSourcePosition);
        String[] wrapped = w.wrapped().split("\n", -1);
        assertThat(map).hasSize(wrapped.length + 1);
        for (int k = 0; k < tokenLine.length; k += 2) {
            String token = (String) tokenLine[k];
            int line = (Integer) tokenLine[k + 1];
            int found = 0;
            for (int i = 0; i < wrapped.length; i++) {
                if (wrapped[i].contains(token)) {
                    assertThat(found).as("%s twice in\n%s", token, w.wrapped()).isZero();
                    found = i + 1;
                }
            }
            assertThat(found).as("%s in\n%s", token, w.wrapped()).isPositive();
            assertThat(map[found]).as("wrapped line %d of\n%s", found, w.wrapped()).isEqualTo(line);
        }
        assertThat(wrapped[0]).startsWith("package REPL;");
        assertThat(map[1]).isZero();
        return map;
    }

    @Test
    void aClass() {
        check("class Boom {\n  int f(int a2) {\n    int a3 = a2;\n    return 10 / a3;\n  }\n}",
                "class Boom", 1, "int f(int a2)", 2, "int a3 = a2", 3, "10 / a3", 4);
    }

    @Test
    void aVarWithALambdaInitializer() {
        check("java.util.function.IntUnaryOperator g = b1 -> {\n  int b2 = b1 - b1;\n  return b1 / b2;\n};",
                "b1 -> {", 1, "int b2", 2, "b1 / b2", 3);
    }

    @Test
    void anAnonymousClassInAVar() {
        // JShell turns the anonymous class into a named one, far below the var: the +12 case
        int[] map = check("var r = new Runnable() {\n  public void run() {\n    int c3 = 0;\n    System.out.println(1 / c3);\n  }\n};",
                "int c3 = 0", 3, "1 / c3", 4);
        assertThat(map).contains(2);
    }

    @Test
    void aMethodAndAnExpression() {
        check("int twice(int d1) {\n  int d2 = d1 * 2;\n  return d2 + 0;\n}", "twice(int d1)", 1, "d1 * 2", 2,
                "d2 + 0", 3);
        check("Math.max(11,\n  22)", "Math.max(11,", 1, "22)", 2);
    }

    @Test
    void linesOfOneCharacterAreFoundToo() {
        int[] map = check("class Tiny {\n  int f() {\n    return 1;\n  }\n}", "return 1;", 3);
        // the closing braces ("}" alone on lines 4 and 5) are the snippet's
        assertThat(map).contains(4, 5);
    }
}
