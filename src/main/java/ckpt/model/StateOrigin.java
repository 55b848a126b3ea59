package ckpt.model;

/**
 * Where a run's state came from: its own warm-up ({@link #WARMUP}), a checkpoint or savepoint it was asked to
 * restore ({@link #RESTORE}), or the warm-state cache ({@link #CACHE}: a native savepoint of an earlier warm-up with
 * the same state-shaping settings, byte for byte the same state).
 */
public record StateOrigin(String kind, String path) {
    public static final String WARMUP = "warm-up";
    public static final String RESTORE = "restore";
    public static final String CACHE = "cache";
    public static final StateOrigin FILLED = new StateOrigin(WARMUP, null);

    public boolean restored() {
        return !WARMUP.equals(kind);
    }
}
