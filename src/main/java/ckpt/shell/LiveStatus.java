package ckpt.shell;

import ckpt.model.RunProgress;

/**
 * Draws the progress of the run in flight. On a terminal one line is rewritten in place (and left standing
 * when the phase changes, so the warm-up line stays above the steady one); anything else printed meanwhile
 * first wipes the line. Without a terminal (pipes, replay) it prints a plain line on each phase change and
 * every few seconds.
 */
final class LiveStatus implements RunProgress.ProgressListener {
    static final long PLAIN_EVERY_MS = 5_000;
    private static final int BAR = 20;

    private final Screen screen;
    private final Router router;
    private String run;
    private String phase;
    private String lastLine;
    private boolean shown;
    private long lastPlain;
    private long phaseStart;

    LiveStatus(Screen screen) {
        this.screen = screen;
        this.router = screen.router();
        if (screen.terminal()) {
            router.beforeWrite(this::wipe);
        }
    }

    @Override
    public void onProgress(RunProgress p) {
        synchronized (router) {
            long now = System.currentTimeMillis();
            boolean newRun = run == null || !run.equals(p.run());
            boolean newPhase = newRun || !p.phase().equals(phase);
            if (newRun) {
                finishLine();
                run = p.run();
                phase = null;
                if (p.dashboard() != null && !p.dashboard().isBlank()) {
                    screen.printlnUncaptured("  Flink dashboard: " + p.dashboard());
                }
            }
            if (newPhase) {
                phaseStart = now;
            }
            String line = line(p, now - phaseStart);
            if (screen.terminal()) {
                if (newPhase && shown) {
                    router.raw("\n");
                    shown = false;
                }
                router.raw("\r" + Display.clip(line, screen.width() - 1) + "\033[K");
                shown = true;
            } else if (newPhase || now - lastPlain >= PLAIN_EVERY_MS) {
                screen.printlnUncaptured(line);
                lastPlain = now;
            }
            phase = p.phase();
            lastLine = line;
        }
    }

    /** Called when a snippet ends: the last status line stays, the next output starts on a fresh line. */
    void finish() {
        synchronized (router) {
            finishLine();
            run = null;
            phase = null;
        }
    }

    private void finishLine() {
        if (shown) {
            router.raw("\n");
            shown = false;
        }
    }

    /** Runs under the router's lock before any other output: wipes the status line (redrawn on the next update). */
    private void wipe() {
        if (shown) {
            router.raw("\r\033[K");
            shown = false;
        }
    }

    String lastLine() {
        synchronized (router) {
            return lastLine;
        }
    }

    static String line(RunProgress p, long phaseMillis) {
        StringBuilder sb = new StringBuilder("  ");
        switch (p.phase()) {
            case "warmup": {
                sb.append("warm-up  ");
                double f = p.warmupTotal() > 0 ? (double) p.warmupDone() / p.warmupTotal() : 0;
                sb.append(bar(f)).append(' ');
                sb.append(String.format("%,d/%,d keys · %s", p.warmupDone(), p.warmupTotal(), seconds(phaseMillis)));
                break;
            }
            case "steady": {
                sb.append("steady   ");
                double f = p.steadyTotalMillis() > 0 ? (double) p.steadyMillis() / p.steadyTotalMillis() : 0;
                sb.append(bar(f)).append(' ');
                sb.append(p.steadyMillis() / 1000).append('/').append(p.steadyTotalMillis() / 1000).append(" s");
                break;
            }
            case "stopping":
                sb.append("stopping ");
                break;
            default:
                sb.append(p.phase()).append(' ').append(p.run()).append(" …");
                return sb.toString();
        }
        if (p.checkpoints() > 0) {
            sb.append(" · ckpt ").append(p.checkpoints());
        }
        if (p.lastDurationMs() >= 0) {
            sb.append(" · last ").append(seconds(p.lastDurationMs()));
        }
        if (p.stateBytes() >= 0) {
            sb.append(" · state ").append(bytes(p.stateBytes()));
        }
        if (p.lastCheckpointedBytes() >= 0) {
            sb.append(" · ckpted ").append(bytes(p.lastCheckpointedBytes()));
        }
        return sb.toString();
    }

    static String bar(double fraction) {
        int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * BAR);
        return "█".repeat(full) + "░".repeat(BAR - full);
    }

    static String seconds(long ms) {
        return String.format("%.2f s", ms / 1000.0);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
