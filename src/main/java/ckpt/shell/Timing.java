package ckpt.shell;

import java.lang.management.ManagementFactory;

/** Startup timings on stderr when -Dckpt.timing=true (for bench/startup.sh investigations). */
final class Timing {
    static final boolean ON = Boolean.getBoolean("ckpt.timing");

    private Timing() {
    }

    static void mark(String what, long sinceNanos) {
        if (ON) {
            long uptime = ManagementFactory.getRuntimeMXBean().getUptime();
            Router.STDERR.printf(java.util.Locale.ROOT, "[timing] %-60s +%4d ms (JVM up %d ms)%n", what,
                    (System.nanoTime() - sinceNanos) / 1_000_000, uptime);
        }
    }
}
