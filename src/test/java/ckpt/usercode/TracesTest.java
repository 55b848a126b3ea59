package ckpt.usercode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading stack traces as Flink's REST API hands them over (/jobs/:id/exceptions: printStackTrace text, with
 * "Caused by:", "... n more", suppressed exceptions, loader prefixes). The real traces from snippets are in
 * {@code ckpt.shell.SnippetCodeTest}; here are the shapes around them. Wrapper 15 is described by hand: wrapped
 * line 7 is the snippet's line 3, line 9 its line 5.
 */
class TracesTest {
    @BeforeEach
    void describe() {
        SnippetClasses.clear();
        int[] lines = new int[12];
        lines[5] = 1;
        lines[6] = 2;
        lines[7] = 3;
        lines[9] = 5;
        SnippetClasses.describe("REPL.$JShell$15", "5", "class", null, lines);
        SnippetClasses.describe("REPL.$JShell$16B", "6", "var", "g", lines);
    }

    @AfterEach
    void clear() {
        SnippetClasses.clear();
    }

    @Test
    void theDeepestCauseAndTheUsersFrameThroughFlinksWrapping() {
        String rest = """
                org.apache.flink.runtime.JobException: Recovery is suppressed by NoRestartBackoffTimeStrategy
                \tat org.apache.flink.runtime.executiongraph.failover.ExecutionFailureHandler.handleFailure(ExecutionFailureHandler.java:180)
                \tat org.apache.flink.runtime.scheduler.DefaultScheduler.handleTaskFailure(DefaultScheduler.java:279)
                Caused by: org.apache.flink.streaming.runtime.tasks.ExceptionInChainedOperatorException: Could not forward element to next operator
                \tat org.apache.flink.streaming.runtime.tasks.CopyingChainingOutput.pushToOperator(CopyingChainingOutput.java:92)
                \tat REPL.$JShell$16B.lambda$do_it$$0($JShell$16B.java:9)
                \t... 12 more
                Caused by: java.lang.ArithmeticException: / by zero
                \tat app//REPL.$JShell$15$Boom.f($JShell$15.java:7)
                \tat REPL.$JShell$15$Boom.processElement($JShell$15.java:9)
                \tat org.apache.flink.streaming.api.operators.KeyedProcessOperator.processElement(KeyedProcessOperator.java:83)
                \t... 20 more
                """;
        assertThat(UserCode.frame(rest)).contains("Boom.f (snippet 5, line 3)");
        assertThat(UserCode.failure(rest)).isEqualTo("ArithmeticException: / by zero in Boom.f (snippet 5, line 3)");
    }

    @Test
    void anUnwrappedExceptionAndALambdaFrame() {
        String text = """
                java.lang.IllegalStateException: bad record 7
                \tat REPL.$JShell$16B.lambda$do_it$$0($JShell$16B.java:9)
                \tat org.apache.flink.streaming.api.operators.StreamMap.processElement(StreamMap.java:38)
                """;
        assertThat(UserCode.failure(text)).isEqualTo("IllegalStateException: bad record 7 in lambda (snippet 6, line 5)");
    }

    @Test
    void whenTheRootCauseHasNoSnippetFrameTheDeepestOneThatHasIsUsed() {
        String text = """
                java.lang.RuntimeException: wrapped
                \tat REPL.$JShell$15$Boom.f($JShell$15.java:7)
                Caused by: java.io.IOException: disk full
                \tat java.base/java.io.FileOutputStream.writeBytes(Native Method)
                """;
        assertThat(UserCode.failure(text)).isEqualTo("IOException: disk full in Boom.f (snippet 5, line 3)");
    }

    @Test
    void suppressedExceptionsAreNotTheFailure() {
        String text = """
                java.lang.Exception: closing failed
                \tat org.example.Task.run(Task.java:10)
                \tSuppressed: java.lang.ArithmeticException: / by zero
                \t\tat REPL.$JShell$15$Boom.f($JShell$15.java:7)
                \t\t... 3 more
                \tCaused by: java.lang.Error: inside the suppressed one
                \t\t... 4 more
                """;
        assertThat(UserCode.failure(text)).isEqualTo("Exception: closing failed");
        assertThat(UserCode.frame(text)).isEmpty();
    }

    @Test
    void snippetExceptionClassesUnknownWrappersAndEmptyText() {
        String text = """
                REPL.$JShell$15$TooBig: value 99
                \tat REPL.$JShell$15$Boom.f($JShell$15.java:8)
                """;
        // line 8 of the wrapper is not the snippet's: the line is left out rather than guessed
        assertThat(UserCode.failure(text)).isEqualTo("TooBig: value 99 in Boom.f (snippet 5)");
        assertThat(UserCode.failure("java.lang.Error\n\tat REPL.$JShell$99$X.g($JShell$99.java:3)\n"))
                .isEqualTo("Error in X.g");
        assertThat(UserCode.failure("")).isEqualTo("unknown failure");
        assertThat(UserCode.failure("java.lang.RuntimeException: a\u001b[2Jb")).isEqualTo("RuntimeException: a\\x1b[2Jb");
    }

    @Test
    void labelsOfSnippetClasses() {
        assertThat(SnippetClasses.snippetOf("REPL.$JShell$15$Boom")).contains("snippet 5, class Boom");
        assertThat(SnippetClasses.snippetOf("REPL.$JShell$15")).contains("snippet 5");
        assertThat(SnippetClasses.snippetOf("REPL.$JShell$16B$$JShell$anonymous$$0")).contains("snippet 6, anonymous class");
        assertThat(SnippetClasses.snippetOf("REPL.$JShell$15$Boom$1")).contains("snippet 5, anonymous class in Boom");
        assertThat(SnippetClasses.snippetOf("REPL.$JShell$15$Boom$Inner")).contains("snippet 5, class Boom.Inner");
        assertThat(SnippetClasses.snippetOf("REPL.$JShell$99$Boom")).isEmpty();
        assertThat(SnippetClasses.snippetOf("org.example.Fn")).isEmpty();
    }
}
