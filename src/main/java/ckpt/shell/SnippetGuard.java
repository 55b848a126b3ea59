package ckpt.shell;

/**
 * What woven snippet code calls ({@link SnippetWeaver}): a stop check at every method entry and backward jump,
 * and replacements for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}. Public because the
 * snippet classes live in JShell's class loader and package; nothing else should call it.
 *
 * <p>A stop is a flag, not {@code Thread.stop}: the snippet's own code throws {@link Stopped} at its next check.
 * A {@code catch (Throwable t)} inside a loop swallows one, but the loop's next backward jump throws again, outside
 * that handler, so the snippet unwinds. The flag stays up until the next snippet starts, so threads the snippet
 * started stop too when they run snippet code.
 */
public final class SnippetGuard {
    private static volatile boolean stop;
    private static volatile Integer exitStatus;

    private SnippetGuard() {
    }

    /** Thrown into snippet code that was asked to stop (Ctrl-C) or called System.exit. */
    public static final class Stopped extends Error {
        private static final long serialVersionUID = 1L;

        Stopped(String why) {
            super(why, null, false, false);
        }
    }

    /** Woven at every method entry and before every backward jump of snippet code. */
    public static void check() {
        if (stop) {
            throw new Stopped(exitStatus != null ? "System.exit(" + exitStatus + ")" : "stopped");
        }
    }

    /** Replaces {@code System.exit(status)} in snippet code: the snippet stops, the shell goes on. */
    public static void exit(int status) {
        if (exitStatus == null) {
            exitStatus = status;
        }
        stop = true;
        check();
    }

    /** Replaces {@code Runtime.getRuntime().exit(status)}. */
    public static void exit(Runtime runtime, int status) {
        exit(status);
    }

    /** Replaces {@code Runtime.getRuntime().halt(status)}. */
    public static void halt(Runtime runtime, int status) {
        exit(status);
    }

    /** Before each snippet: no stop, no exit asked. */
    static void reset() {
        exitStatus = null;
        stop = false;
    }

    /** Asks all snippet code to stop at its next check. */
    static void stopAll() {
        stop = true;
    }

    /** The status a snippet passed to System.exit since the last {@link #reset}, or null. */
    static Integer exitStatus() {
        return exitStatus;
    }
}
