package ckpt.report;

import java.util.List;

/**
 * PLACEHOLDER (contract) — the report room implements it. While capturing (replay --report), helpers that draw
 * charts or print tables also hand them here, so the HTML report shows real charts rather than terminal art.
 * Capture is per thread.
 */
public final class Capture {
    /** A chart rendered as inline SVG. */
    public record Svg(String markup) {
    }

    private Capture() {
    }

    /** Starts collecting artifacts on this thread. */
    public static void begin() {
    }

    /** Stops collecting and returns what was captured (Svg, Table, Run), in order. */
    public static List<Object> end() {
        return List.of();
    }

    /** Called by helpers: records an artifact if a capture is active on this thread. */
    public static void offer(Object artifact) {
    }
}
