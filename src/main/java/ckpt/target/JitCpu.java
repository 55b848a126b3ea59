package ckpt.target;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * CPU time the JIT compiler threads of some JVMs on this machine have used, from Linux's {@code /proc}.
 *
 * <p>Why: a JVM compiles Flink's hot code while it runs its first jobs. On a 2-core host a fresh local cluster's
 * compiler threads took about one core for the first measured runs after its throwaway job (the JobManager's C2
 * thread alone 55 %), and those runs' checkpoints took about twice as long as the same runs' later. A figure that
 * says so lets a run warn that its durations may read high, instead of leaving the user to guess.
 *
 * <p>HotSpot names its compiler threads "C1 CompilerThreadN" and "C2 CompilerThreadN" (the kernel keeps 15
 * characters). A compiler thread the JVM ends while idle takes its time with it, so over a span the difference errs
 * low, never high. Elsewhere than Linux, or for a JVM that is gone, the answer is -1: unknown, never 0.
 */
public final class JitCpu {
    /** The kernel's clock ticks per second for {@code /proc/.../stat} times (USER_HZ: 100 on every Linux ABI). */
    private static final long TICKS_PER_SECOND = 100;

    private JitCpu() {
    }

    /** The summed CPU milliseconds of the compiler threads of these JVMs, or -1 when none could be read. */
    public static long millis(Collection<Long> pids) {
        long ticks = 0;
        boolean read = false;
        for (long pid : pids) {
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
                for (Path t : threads) {
                    long used = compilerTicks(t);
                    if (used >= 0) {
                        ticks += used;
                        read = true;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no /proc here, or the JVM is gone: nothing to add
            }
        }
        return read ? ticks * 1000 / TICKS_PER_SECOND : -1;
    }

    /** User plus system ticks of one thread if it is a JIT compiler thread, else -1. */
    private static long compilerTicks(Path thread) {
        try {
            String name = Files.readString(thread.resolve("comm")).trim();
            if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
                return -1;
            }
            String stat = Files.readString(thread.resolve("stat"));
            // the name in parentheses may hold spaces: fields are counted after its closing one (state is field 3,
            // utime 14 and stime 15 in proc(5))
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return -1; // the thread ended between the listing and the read
        }
    }
}
