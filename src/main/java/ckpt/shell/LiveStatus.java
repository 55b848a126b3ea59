package ckpt.shell;

import ckpt.flink.RunProgress;
import ckpt.report.ProgressLine;

/**
 * Draws the progress of the run in flight. On a terminal one line is rewritten in place (and left standing
 * when the phase changes, so the warm-up line stays above the steady one); anything else printed meanwhile
 * first wipes the line. Without a terminal (pipes, replay) it prints a plain line on each phase change and
 * every few seconds.
 */
final class LiveStatus implements RunProgress.ProgressListener {
    static final long PLAIN_EVERY_MS = 5_000;

    private final Screen screen;
    private final Router router;
    private String run;
    private String phase;
    private String lastLine;
    private boolean shown;
    private long lastPlain;
    private long phaseStart;
    private RunProgress last;
    private long lastAt;

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
            if (newPhase && shown && last != null && screen.terminal()) {
                // the phase that ended stays above the next one: draw it as it stood at its end
                RunProgress ended = ProgressLine.ended(last, last.steadyMillis() + now - lastAt);
                router.raw("\r" + Display.clip(line(ended, now - phaseStart), screen.width() - 1) + "\033[K\n");
                shown = false;
            }
            if (newPhase) {
                phaseStart = now;
            }
            String line = line(p, now - phaseStart);
            last = p;
            lastAt = now;
            if (screen.terminal()) {
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
            last = null;
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
        return ProgressLine.of(p, phaseMillis);
    }
}
