package ckpt.shell;

import ckpt.model.RunProgress;
import ckpt.report.ProgressLine;

/**
 * Draws the progress of the run in flight. On a terminal one line is rewritten in place (and left standing,
 * drawn as it stood at its end, when the phase changes, so the warm-up line stays above the steady one);
 * anything else printed meanwhile first wipes the line. Without a terminal (pipes, replay) it prints each phase
 * once it ended, with its final figures, and a line every few seconds while a phase lasts.
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
                endPlain(now);
                run = p.run();
                phase = null;
                last = null;
                if (p.dashboard() != null && !p.dashboard().isBlank()) {
                    screen.printlnUncaptured("  Flink dashboard: " + p.dashboard());
                }
            }
            if (newPhase && last != null) {
                // the phase that ended stays above the next one, drawn as it stood at its end
                if (screen.terminal() && shown) {
                    router.raw("\r" + Display.clip(endedLine(now), screen.width() - 1) + "\033[K\n");
                    shown = false;
                } else if (!screen.terminal()) {
                    endPlain(now);
                }
            }
            if (newPhase) {
                phaseStart = now;
                lastPlain = now;
            }
            String line = line(p, now - phaseStart);
            last = p;
            lastAt = now;
            if (screen.terminal()) {
                router.raw("\r" + Display.clip(line, screen.width() - 1) + "\033[K");
                shown = true;
            } else if (!newPhase && now - lastPlain >= PLAIN_EVERY_MS) {
                // a long phase: a line every few seconds, so a log shows it is alive
                screen.printlnUncaptured(line);
                lastPlain = now;
            }
            phase = p.phase();
            lastLine = line;
        }
    }

    /** The last progress of the phase in flight, as it stood when the phase ended (now). */
    private String endedLine(long now) {
        return line(ProgressLine.ended(last, last.steadyMillis() + now - lastAt), now - phaseStart);
    }

    /**
     * Without a terminal, a phase is printed once it ended (with its final figures: 20,000/20,000 records, not the
     * 0/20,000 it started at), plus a line every few seconds while it lasts.
     */
    private void endPlain(long now) {
        if (!screen.terminal() && last != null) {
            screen.printlnUncaptured(endedLine(now));
            last = null;
        }
    }

    /** Called when a snippet ends: the last status line stays, the next output starts on a fresh line. */
    void finish() {
        synchronized (router) {
            finishLine();
            endPlain(System.currentTimeMillis());
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
