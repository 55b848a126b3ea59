package ckpt.shell;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The one byte stream everything the user sees goes through: {@code System.out} and {@code System.err} of
 * snippets (which run in this JVM), and the shell's own output. Keeping one stream keeps the order right, lets
 * a replay capture a cell's text for the HTML report, and lets the live status line get out of the way before
 * anything else is written.
 */
final class Router extends OutputStream {
    private static Router installed;

    /** The process's real standard output/error, captured before System.out/err are redirected. */
    static final PrintStream STDOUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
            StandardCharsets.UTF_8);
    static final PrintStream STDERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true,
            StandardCharsets.UTF_8);

    private volatile OutputStream target = STDOUT;
    private ByteArrayOutputStream capture;
    private Runnable beforeWrite;

    private Router() {
    }

    /** The process-wide router, installed as System.out and System.err on first use. */
    static synchronized Router get() {
        if (installed == null) {
            installed = new Router();
            PrintStream ps = new PrintStream(installed, true, StandardCharsets.UTF_8);
            System.setOut(ps);
            System.setErr(ps);
        }
        return installed;
    }

    synchronized void target(OutputStream out) {
        this.target = out;
    }

    /** Called (under the router's lock) before bytes are written: the status line clears itself here. */
    synchronized void beforeWrite(Runnable hook) {
        this.beforeWrite = hook;
    }

    synchronized void startCapture() {
        capture = new ByteArrayOutputStream();
    }

    /** Stops capturing and returns what was written since {@link #startCapture()}. */
    synchronized String stopCapture() {
        String text = capture == null ? "" : capture.toString(StandardCharsets.UTF_8);
        capture = null;
        return text;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return;
        }
        if (beforeWrite != null) {
            beforeWrite.run();
        }
        target.write(b, off, len);
        target.flush();
        if (capture != null) {
            capture.write(b, off, len);
        }
    }

    /** Writes to the target only: not captured, no hook (the status line draws itself with this). */
    synchronized void raw(String text) {
        try {
            target.write(text.getBytes(StandardCharsets.UTF_8));
            target.flush();
        } catch (IOException ignored) {
            // the terminal went away; nothing useful to do
        }
    }

    /** Writes to the target, running the hook, but without capturing. */
    synchronized void uncaptured(String text) {
        ByteArrayOutputStream saved = capture;
        capture = null;
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            write(bytes, 0, bytes.length);
        } catch (IOException ignored) {
            // the terminal went away
        } finally {
            capture = saved;
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }
}
