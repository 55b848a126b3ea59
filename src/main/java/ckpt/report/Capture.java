package ckpt.report;

import java.util.ArrayList;
import java.util.List;

/**
 * While capturing (replay --report), helpers that draw charts or print tables also hand them here, so the HTML
 * report shows real charts rather than terminal art. Capture is per thread: {@link #begin} on the thread that
 * runs the cells, {@link #end} on the same thread.
 */
public final class Capture {
    /** A chart rendered as inline SVG. */
    public record Svg(String markup) {
    }

    private static final ThreadLocal<List<Object>> CURRENT = new ThreadLocal<>();

    private Capture() {
    }

    /** Starts collecting artifacts on this thread (discarding any capture already active on it). */
    public static void begin() {
        CURRENT.set(new ArrayList<>());
    }

    /** Stops collecting and returns what was captured (Svg, Table, Run), in order; empty when none was active. */
    public static List<Object> end() {
        List<Object> out = CURRENT.get();
        CURRENT.remove();
        return out == null ? List.of() : List.copyOf(out);
    }

    /** Whether a capture is active on this thread (helpers skip costly rendering otherwise). */
    public static boolean active() {
        return CURRENT.get() != null;
    }

    /** Called by helpers: records an artifact if a capture is active on this thread; null is ignored. */
    public static void offer(Object artifact) {
        List<Object> list = CURRENT.get();
        if (list != null && artifact != null) {
            list.add(artifact);
        }
    }
}
