package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during a Flink run cancels the run, not the snippet: {@code run(...)} returns the partial Run (status
 * CANCELLED) and the variable is assigned. Needs the engine (ckpt.engine.Runs): fails on the shell
 * branch alone, where run() is a stub that throws.
 */
class ShellRunCancelTest {
    @TempDir
    Path dir;

    @Test
    void ctrlCDuringARunCancelsIt() throws Exception {
        try (TerminalSession shell = TerminalSession.start(dir.resolve("history"))) {
            int mark = shell.mark();
            long start = System.nanoTime();
            shell.type("var r = run(experiment().keys(20_000).seconds(60))\r");
            // wait until the run is really in flight (its status line is drawn); fail fast if it could not start
            long end = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!shell.output().substring(mark).contains("steady")) {
                String tail = shell.output().substring(mark);
                if (tail.contains("error:") || tail.contains("Exception")) {
                    throw new AssertionError("the run did not start:\n" + tail);
                }
                if (System.nanoTime() > end) {
                    throw new AssertionError("no steady phase within 90 s:\n" + tail);
                }
                TerminalSession.sleep(100);
            }
            shell.type("\u0003");
            String out = shell.awaitAfter(mark, "r ==> ", Duration.ofSeconds(45));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertThat(out).contains("cancelling the run");
            assertThat(seconds).as("returned well before the 60 s steady phase").isLessThan(55);
            shell.awaitAfter(mark, "ckpt> ", Duration.ofSeconds(10));
            assertThat(shell.line("r.status()")).contains("CANCELLED");
            assertThat(shell.line("1 + 1")).isEqualTo("2\n");
        }
    }
}
