package ckpt.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The real interactive shell ({@link Repl#run}) on a JLine terminal over in-memory streams: keys go in as bytes
 * (Ctrl-C is byte 3, turned into SIGINT by JLine's line discipline, as a pty would), the screen comes out as
 * bytes, ANSI sequences stripped for assertions.
 */
final class TerminalSession implements AutoCloseable {
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[ -/]*[@-~]|\u001B[()][A-Z0-9]|\u001B[=>]|\r");

    private final Keys keys = new Keys();
    private final Screen screen = new Screen();
    private final Terminal terminal;
    private final Thread thread;
    private volatile int exitCode = -1;
    private volatile Throwable failure;

    private TerminalSession(Path history) throws IOException {
        System.setProperty("ckpt.history", history.toString());
        // JLine's line discipline over in-memory streams: byte 3 raises SIGINT in the terminal, like a pty.
        terminal = new ExternalTerminal("test", "xterm-256color", keys, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        thread = new Thread(() -> {
            try {
                exitCode = Repl.run(terminal);
            } catch (Throwable t) {
                failure = t;
            }
        }, "repl-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    static TerminalSession start(Path history) throws IOException {
        TerminalSession s = new TerminalSession(history);
        s.awaitOutput("ckpt> ", Duration.ofSeconds(60));
        return s;
    }

    void type(String text) {
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            keys.queue.add(b & 0xff);
        }
    }

    /**
     * Types a line, waits for the next prompt and returns what the shell printed in between (the echo of the
     * input itself, on the first line, and the next prompt left out).
     */
    String line(String text) {
        int mark = mark();
        type(text + "\r");
        String tail = awaitAfter(mark, "ckpt> ", Duration.ofSeconds(60));
        int nl = tail.indexOf('\n');
        String body = nl < 0 ? "" : tail.substring(nl + 1);
        int prompt = body.lastIndexOf("ckpt> ");
        body = prompt < 0 ? body : body.substring(0, prompt);
        // JLine's fresh-line marker ("~" and padding, overwritten on a real screen)
        return body.replaceAll("~ *$", "").replaceAll("(?m)^~ +", "");
    }

    int mark() {
        return output().length();
    }

    /** Plain text written to the screen so far. */
    String output() {
        return ANSI.matcher(screen.text()).replaceAll("");
    }

    String awaitOutput(String needle, Duration timeout) {
        return awaitAfter(0, needle, timeout);
    }

    /** Waits until the text after {@code mark} contains the needle; returns that text. */
    String awaitAfter(int mark, String needle, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String out = output();
            String tail = out.length() > mark ? out.substring(mark) : "";
            if (tail.contains(needle)) {
                return tail;
            }
            if (failure != null) {
                throw new AssertionError("shell died: " + failure, failure);
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for '" + needle + "'; screen after mark:\n" + tail);
            }
            sleep(50);
        }
    }

    /** Sends /exit and returns the exit code. */
    int exit() throws InterruptedException {
        type("/exit\r");
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (thread.isAlive()) {
            throw new AssertionError("shell did not exit; screen:\n" + output());
        }
        return exitCode;
    }

    boolean alive() {
        return thread.isAlive();
    }

    @Override
    public void close() throws IOException {
        if (thread.isAlive()) {
            type("/exit\r");
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        keys.close();
        terminal.close();
        System.clearProperty("ckpt.history");
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keyboard: bytes queued by the test, read by the terminal's pump thread. */
    private static final class Keys extends InputStream {
        final LinkedBlockingQueue<Integer> queue = new LinkedBlockingQueue<>();
        volatile boolean closed;

        @Override
        public int read() throws IOException {
            while (true) {
                if (closed) {
                    return -1;
                }
                try {
                    Integer b = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (b != null) {
                        return b;
                    }
                } catch (InterruptedException e) {
                    return -1;
                }
            }
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first < 0) {
                return -1;
            }
            buf[off] = (byte) first;
            int n = 1;
            Integer b;
            while (n < len && (b = queue.poll()) != null) {
                buf[off + n++] = (byte) (int) b;
            }
            return n;
        }

        @Override
        public int available() {
            return queue.size();
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Screen: everything the terminal wrote. */
    private static final class Screen extends OutputStream {
        private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
