package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell survives what a snippet does to it (real JShell, real terminal line discipline): a loop that catches
 * every Throwable stops on Ctrl-C, System.exit stops the snippet and not the shell, and a snippet stuck where
 * Ctrl-C cannot reach is abandoned for a fresh engine that still knows the runs. No Thread.stop is involved, so
 * this holds on JDKs where it throws (20+).
 */
class ShellSurvivesTest {
    @TempDir
    Path dir;

    /** Presses Ctrl-C every 700 ms until the text appears after the mark; returns the presses it took. */
    private static int ctrlCUntil(TerminalSession shell, int mark, String needle, int max) {
        for (int i = 1; i <= max; i++) {
            shell.type("\u0003");
            long end = System.nanoTime() + Duration.ofMillis(700).toNanos();
            while (System.nanoTime() < end) {
                if (shell.output().substring(mark).contains(needle)) {
                    return i;
                }
                TerminalSession.sleep(50);
            }
        }
        throw new AssertionError("no '" + needle + "' after " + max + " Ctrl-C:\n" + shell.output().substring(mark));
    }

    /** Types the snippet after a line that says it is in flight, and waits for that line: then it runs. */
    private static int started(TerminalSession shell, String snippet) {
        int mark = shell.mark();
        shell.type("System.out.println(\"in \" + \"flight\"); " + snippet + "\r");
        shell.awaitAfter(mark, "in flight\n", Duration.ofSeconds(60));
        TerminalSession.sleep(300);
        return mark;
    }

    @Test
    void aLoopThatSwallowsEveryThrowableStopsOnCtrlC() throws Exception {
        try (TerminalSession shell = TerminalSession.start(dir.resolve("history"))) {
            shell.line("int keep = 7;");
            int mark = started(shell, "while (true) { try { Thread.sleep(5); } catch (Throwable t) {} }");
            assertThat(ctrlCUntil(shell, mark, "stopped", 3)).isEqualTo(1);
            shell.awaitAfter(mark, "ckpt> ", Duration.ofSeconds(10));
            mark = started(shell, "for (;;) { try { for (;;) { Math.sqrt(Math.random()); } } catch (Throwable t) { continue; } }");
            assertThat(ctrlCUntil(shell, mark, "stopped", 3)).isEqualTo(1);
            shell.awaitAfter(mark, "ckpt> ", Duration.ofSeconds(10));
            assertThat(shell.line("keep")).isEqualTo("7\n");
        }
    }

    @Test
    void systemExitStopsTheSnippetNotTheShell() throws Exception {
        try (TerminalSession shell = TerminalSession.start(dir.resolve("history"))) {
            shell.line("int keep = 7;");
            assertThat(shell.line("System.exit(3)")).contains("System.exit(3) stopped the snippet")
                    .contains("the shell keeps running");
            assertThat(shell.line("java.util.function.IntConsumer e = System::exit; e.accept(5);"))
                    .contains("System.exit(5) stopped the snippet");
            assertThat(shell.line("Runnable r = () -> Runtime.getRuntime().halt(6); r.run();"))
                    .contains("System.exit(6) stopped the snippet");
            // caught and ignored by the snippet: it stops anyway at its next check
            assertThat(shell.line("for (int i = 0; i < 3; i++) { try { Runtime.getRuntime().exit(8); } catch (Throwable t) {} }"))
                    .contains("System.exit(8) stopped the snippet");
            assertThat(shell.alive()).isTrue();
            assertThat(shell.line("keep")).isEqualTo("7\n");
            assertThat(shell.line("1 + 1")).isEqualTo("2\n");
        }
    }

    @Test
    void aSnippetStuckOutsideItsCodeIsAbandonedAndTheEngineRestartsKeepingRuns() throws Exception {
        try (TerminalSession shell = TerminalSession.start(dir.resolve("history"))) {
            String ran = shell.line("var r = run(experiment().keys(2000).seconds(1))");
            assertThat(ran).as(ran).contains("r ==> ");
            String runDir = shell.line("lastRun().dir()").strip();
            shell.line("int keep = 7;");
            // neither the stop flag (library code) nor an interrupt (uninterruptible) reaches it
            int mark = started(shell, "new java.util.concurrent.Semaphore(0).acquireUninterruptibly()");
            int offered = ctrlCUntil(shell, mark, "Ctrl-C once more restarts the snippet engine", 4);
            assertThat(offered).isEqualTo(2);
            shell.type("\u0003");
            String out = shell.awaitAfter(mark, "snippet engine restarted", Duration.ofSeconds(10));
            assertThat(out).contains("runs are kept");
            shell.awaitAfter(mark, "ckpt> ", Duration.ofSeconds(30));
            assertThat(shell.line("keep")).contains("cannot find symbol");
            assertThat(shell.line("lastRun().dir()").strip()).isEqualTo(runDir);
            assertThat(shell.line("1 + 1")).isEqualTo("2\n");
        }
    }

    @Test
    void aScriptsSystemExitEndsTheScriptWithItsStatusCleanly() throws Exception {
        Processes.Result r = Processes.run("int a = 1;\nSystem.out.println(\"before\");\nSystem.exit(4);\n"
                + "System.out.println(\"after\");\n");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.stdout()).contains("before").contains("System.exit(4) stopped the snippet").doesNotContain("after");
    }
}
