package ckpt;

/**
 * What should happen when the helpers are first used, installed by whoever hosts them (the shell). The shell
 * registers its live progress line with the engine here rather than at start: registering loads the engine and
 * its logging (~0.3 s of CPU), which would slow down the first result of every session, also of sessions that
 * never run an experiment. {@link Ckpt}'s static initializer calls {@link #helpersLoaded()}, so the hook has run
 * before any helper can start a run.
 */
public final class Hooks {
    private static Runnable onHelpers;
    private static boolean fired;

    private Hooks() {
    }

    /** Installs what runs once, when the helpers are first used (at once if they already were). */
    public static synchronized void onHelpersLoaded(Runnable hook) {
        onHelpers = hook;
        if (fired && hook != null) {
            hook.run();
        }
    }

    /** Called by {@link Ckpt}'s static initializer. */
    static synchronized void helpersLoaded() {
        fired = true;
        if (onHelpers != null) {
            onHelpers.run();
        }
    }

    /** Whether the helpers have been used in this JVM. */
    public static synchronized boolean helpersUsed() {
        return fired;
    }
}
