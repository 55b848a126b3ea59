package ckpt.engine;

import ckpt.target.Target;
import java.util.Locale;

/**
 * What the target's JIT compilers cost one run: their CPU from the submit to the job's stop ({@link
 * Target#jitCpuMillis()}), and a note for the user when that was a large share of a core.
 *
 * <p>JVMs still compiling Flink's code slow the run's own threads: on 2 cores a fresh local cluster's compilers used
 * about a core through its first measured runs after the throwaway job, and those runs' steady checkpoints took
 * 1.5–3× as long as later runs'; embedded, the shell's JVM shows the same over its first runs. A run whose compilers
 * used more than {@value #NOTE_SHARE} of one core over its time says so.
 */
final class JitWatch {
    static final double NOTE_SHARE = 0.4;

    private final Target target;
    private long atStart = -1;
    private long startNanos;
    private long cpuMillis = -1;
    private long wallMillis;

    JitWatch(Target target) {
        this.target = target;
    }

    /** At the submit. */
    void start() {
        atStart = target.jitCpuMillis();
        startNanos = System.nanoTime();
    }

    /** Once the job has stopped. */
    void stop() {
        long now = target.jitCpuMillis();
        cpuMillis = atStart >= 0 && now >= atStart ? now - atStart : -1;
        wallMillis = (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The compilers' CPU over the run, or -1: unknown (a remote cluster, no /proc, a JVM gone meanwhile). */
    long cpuMillis() {
        return cpuMillis;
    }

    /** The note to print, or null when the compilers used less than {@link #NOTE_SHARE} of a core or are unknown. */
    String note() {
        if (cpuMillis < 0 || wallMillis <= 0 || cpuMillis < NOTE_SHARE * wallMillis) {
            return null;
        }
        boolean here = target.kind().equals("embedded");
        return String.format(Locale.ROOT, "the JIT compilers of %s used %.1f s of CPU in this %.1f s run: %s still"
                + " warming up, so its checkpoint durations may read high (they settle over the next runs)",
                here ? "this JVM" : "the cluster's JVMs", cpuMillis / 1000.0, wallMillis / 1000.0,
                here ? "it is" : "they are");
    }
}
