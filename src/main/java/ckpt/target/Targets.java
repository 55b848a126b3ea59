package ckpt.target;

import ckpt.error.CkptException;

/**
 * The session's target: where {@code run(...)} sends experiments unless told otherwise. The embedded MiniCluster is
 * the default; {@code use(localCluster(2, 2))} or {@code use(cluster(url))} switch it, and {@code bin/ckpt-repl
 * --local-cluster 2x2} / {@code --cluster URL} start a session on one.
 */
public final class Targets {
    private static volatile Target current;

    private Targets() {
    }

    /** The session's target (the embedded MiniCluster until another is chosen). */
    public static Target current() {
        Target t = current;
        return t != null ? t : Embedded.get();
    }

    /** Makes the target the session's, for later runs, and returns it. */
    public static Target use(Target t) {
        if (t == null) {
            throw new CkptException("use needs a target: embedded(), localCluster(2, 2) or cluster(\"http://host:8081\")");
        }
        current = t;
        return t;
    }

    /** Stops the clusters this tool started (at exit); a remote cluster is left alone. */
    public static void stopOwned() {
        Embedded.get().stop();
        LocalCluster.stopShared();
    }

    /**
     * Parses a "--local-cluster" shape: "2x2" = 2 TaskManagers × 2 slots each (also "2" = 2 × 1).
     * Returns {taskManagers, slotsPerTaskManager}.
     */
    public static int[] shape(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        String[] parts = t.split("x");
        try {
            int tms = Integer.parseInt(parts[0]);
            int slots = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
            if (parts.length <= 2 && tms >= 1 && tms <= 16 && slots >= 1 && slots <= 64) {
                return new int[] {tms, slots};
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new CkptException("--local-cluster '" + text + "' — write TASKMANAGERSxSLOTS, e.g. 2x2 (1–16 TaskManagers, 1–64 slots each)");
    }
}
