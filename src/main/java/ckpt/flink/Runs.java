package ckpt.flink;

/**
 * Runs experiments on the shared cluster, one at a time, and lets the shell watch and stop the one in flight.
 * (Contract first; the engine fills it in.)
 */
public final class Runs {
    private Runs() {
    }

    /** Runs the experiment, blocking until its steady phase is over; returns what was measured. */
    public static Run run(Experiment experiment) {
        throw new UnsupportedOperationException("engine not merged yet");
    }

    /** Where progress goes; null restores the default (plain lines on stdout every few seconds). */
    public static void listener(RunProgress.ProgressListener listener) {
    }

    /**
     * Asks the run in flight to stop now: the job is cancelled and {@link #run} returns the checkpoints measured
     * so far (status CANCELLED). Returns false when no run is in flight.
     */
    public static boolean cancelCurrent() {
        return false;
    }

    /** Whether a run is in flight. */
    public static boolean active() {
        return false;
    }

    /** The latest run of this JVM, finished or cancelled (null before the first). */
    public static Run last() {
        return null;
    }
}
