package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The shell on a real pseudo-terminal (util-linux {@code script}): the system terminal, raw mode, and Ctrl-C
 * delivered by the kernel as SIGINT to the JVM.
 */
class ShellPtyTest {
    private final StringBuffer screen = new StringBuffer();

    @Test
    void interactiveOnARealPty() throws Exception {
        assumeTrue(new File("/usr/bin/script").canExecute(), "util-linux script not installed");
        String java = Processes.javaCommand().stream().map(ShellPtyTest::quote).collect(Collectors.joining(" "));
        // A process started in the background by a non-interactive shell inherits SIGINT as ignored, and a JVM
        // leaves an ignored SIGINT ignored: the shell would never hear Ctrl-C. env puts the default back (a person's
        // terminal has it), so the test does not depend on how the build was launched.
        String reset = envResetsSignals() ? "env --default-signal=INT " : "";
        Process p = new ProcessBuilder(List.of("/usr/bin/script", "-qfec", "stty cols 120 rows 40; exec " + reset + java,
                "/dev/null"))
                .directory(Processes.home().toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> pump(p.getInputStream()));
        reader.setDaemon(true);
        reader.start();
        OutputStream keys = p.getOutputStream();
        try {
            await("ckpt> ", 0);
            assertThat(screen.toString()).contains("ckpt-repl 0.1 · Flink 2.3.0");

            int mark = screen.length();
            send(keys, "while (true) { Math.sqrt(Math.random()); }\r");
            await("Math.random", mark);
            Thread.sleep(1000);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!screen.substring(mark).contains("stopped") && System.nanoTime() < end) {
                send(keys, "\u0003");
                Thread.sleep(700);
            }
            if (!screen.substring(mark).contains("stopped")) {
                dumpThreads(p); // what the shell was doing instead: for the next person who sees this fail
            }
            assertThat(screen.substring(mark)).contains("stopped");

            mark = screen.length();
            send(keys, "40 + 2\r");
            assertThat(await("42", mark)).contains("42");
            // wait for the next prompt: a Ctrl-D typed before the reader is back in raw mode would be eaten by
            // the tty's line discipline
            await("ckpt> ", screen.indexOf("42", mark));
            send(keys, "\u0004"); // Ctrl-D at an empty prompt leaves
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as(screen.toString()).isTrue();
            assertThat(p.exitValue()).isZero();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Whether this machine's env(1) can reset a signal to its default (GNU coreutils 8.31 and later). */
    private static boolean envResetsSignals() {
        try {
            return new ProcessBuilder("env", "--default-signal=INT", "true").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** The shell JVM's threads (jstack), into target/test-logs/shell-pty-threads.txt. */
    private static void dumpThreads(Process script) {
        script.descendants().filter(h -> h.info().command().orElse("").endsWith("java")).findFirst().ifPresent(h -> {
            try {
                Path out = Processes.home().resolve("target/test-logs/shell-pty-threads.txt");
                Path jstack = Path.of(System.getProperty("java.home"), "bin", "jstack");
                new ProcessBuilder(jstack.toString(), "-l", String.valueOf(h.pid())).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).start().waitFor(30, TimeUnit.SECONDS);
            } catch (IOException | InterruptedException e) {
                // diagnostics only
            }
        });
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            // process ended
        }
    }

    private static void send(OutputStream keys, String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    private String await(String needle, int mark) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            String tail = screen.substring(Math.min(mark, screen.length()));
            if (tail.contains(needle)) {
                return tail;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for '" + needle + "':\n" + screen.substring(Math.min(mark, screen.length())));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
