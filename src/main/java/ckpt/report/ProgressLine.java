package ckpt.report;

import ckpt.text.Units;
import ckpt.model.RunProgress;
import java.util.Locale;

/**
 * The one rendering of a run's progress, for the shell's live status line and for plain progress lines:
 * {@code steady   ██████████░░░░░░░░░░ 15/30 s · ckpt 8 · last 1.92 s · state 262.0 MiB · ckpted 18.4 MiB}.
 * Numbers go through {@link Units}, so they read as in tables and summaries.
 */
public final class ProgressLine {
    /** Characters of the progress bar. */
    public static final int BAR = 20;

    private ProgressLine() {
    }

    /**
     * The line for one progress event; {@code phaseMillis} is how long the current phase has lasted (shown for
     * warm-up, which has no fixed length). Warm-up counts records: one per key, or one per row of a source table.
     */
    public static String of(RunProgress p, long phaseMillis) {
        StringBuilder sb = new StringBuilder("  ");
        switch (p.phase()) {
            case "warmup" -> {
                double f = p.warmupTotal() > 0 ? (double) p.warmupDone() / p.warmupTotal() : 0;
                sb.append("warm-up  ").append(bar(f)).append(' ').append(String.format(Locale.ROOT,
                        "%,d/%,d records · %s", p.warmupDone(), p.warmupTotal(), Units.millis(phaseMillis)));
                if (p.warmupDone() > 0 && p.warmupDone() < p.warmupTotal() && phaseMillis >= 1_000) {
                    // at the pace so far: a 1 GiB fill takes about a minute, worth knowing before waiting for it
                    long eta = (long) (phaseMillis * (double) (p.warmupTotal() - p.warmupDone()) / p.warmupDone());
                    sb.append(" · about ").append(Units.millis(eta)).append(" left");
                }
            }
            case "restore" -> {
                // the state comes from a checkpoint or savepoint: no warm-up records are written, so no pace or ETA
                double f = p.warmupTotal() > 0 ? (double) p.warmupDone() / p.warmupTotal() : 0;
                sb.append("restore  ").append(bar(f)).append(' ').append(String.format(Locale.ROOT,
                        "%,d/%,d warm-up records in the restored state · %s", p.warmupDone(), p.warmupTotal(),
                        Units.millis(phaseMillis)));
            }
            case "steady" -> {
                double f = p.steadyTotalMillis() > 0 ? (double) p.steadyMillis() / p.steadyTotalMillis() : 0;
                sb.append("steady   ").append(bar(f)).append(' ').append(p.steadyMillis() / 1000).append('/')
                        .append(p.steadyTotalMillis() / 1000).append(" s");
            }
            case "stopping" -> sb.append("stopping");
            default -> {
                return sb.append(p.phase()).append(' ').append(p.run()).append(" …").toString();
            }
        }
        if (p.checkpoints() > 0) {
            sb.append(" · ckpt ").append(p.checkpoints());
        }
        if (p.lastDurationMs() >= 0) {
            sb.append(" · last ").append(Units.millis(p.lastDurationMs()));
        }
        if (p.stateBytes() >= 0) {
            sb.append(" · state ").append(Units.bytes(p.stateBytes()));
        }
        if (p.lastCheckpointedBytes() >= 0) {
            sb.append(" · ckpted ").append(Units.bytes(p.lastCheckpointedBytes()));
        }
        return sb.toString();
    }

    /**
     * A listener that prints plain progress lines (for runs outside the shell, e.g. a program using the helpers):
     * one when the phase changes and one every 5 s.
     */
    public static RunProgress.ProgressListener printer(java.io.PrintStream out) {
        return new RunProgress.ProgressListener() {
            private String phase = "";
            private long phaseStart;
            private long printed;

            @Override
            public void onProgress(RunProgress p) {
                long now = System.currentTimeMillis();
                if (!p.phase().equals(phase)) {
                    if (phase.isEmpty() && !p.dashboard().isEmpty()) {
                        out.println("  Flink dashboard: " + p.dashboard());
                    }
                    phase = p.phase();
                    phaseStart = now;
                } else if (now - printed < 5_000) {
                    return;
                }
                printed = now;
                out.println(of(p, now - phaseStart));
            }
        };
    }

    /** A bar of {@link #BAR} cells, {@code █} for the done fraction (clamped to 0–1), {@code ░} for the rest. */
    public static String bar(double fraction) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        return "█".repeat(full) + "░".repeat(BAR - full);
    }

    /**
     * The last progress of a phase as it stood when the phase ended, {@code steadyMillisAtEnd} into it (the last
     * event's steady time plus the wall time since): events arrive every few hundred milliseconds, so a steady
     * phase that ran its full length would otherwise stay drawn at 19/20 s. Capped at the phase's length; a run
     * cancelled at 7 s stays at 7/20 s.
     */
    public static RunProgress ended(RunProgress p, long steadyMillisAtEnd) {
        if (!"steady".equals(p.phase())) {
            return p;
        }
        long steady = Math.max(p.steadyMillis(), Math.min(p.steadyTotalMillis(), steadyMillisAtEnd));
        return new RunProgress(p.run(), p.phase(), p.warmupDone(), p.warmupTotal(), steady, p.steadyTotalMillis(),
                p.checkpoints(), p.lastDurationMs(), p.stateBytes(), p.lastCheckpointedBytes(), p.dashboard());
    }
}
