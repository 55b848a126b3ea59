package ckpt.model;

/**
 * The verification pass after a restore: every key of the restored state read once. Each key's value carries how
 * many records updated it, so with exactly-once state the counts add up to the records the source had written by
 * the restored checkpoint (its checkpointed position).
 *
 * @param restoredRecords records the source's restored position says were written (-1: not a restored run)
 * @param keys            keys found in the restored state
 * @param counted         sum of their update counts
 */
public record Verification(long restoredRecords, long keys, long counted) {
    public static final Verification NONE = new Verification(-1, -1, -1);

    /** Whether a pass ran and found what the restored checkpoint had written. */
    public boolean matches() {
        return restoredRecords >= 0 && counted == restoredRecords;
    }

    public boolean ran() {
        return keys >= 0;
    }

    @Override
    public String toString() {
        if (!ran()) {
            return "no verification pass";
        }
        return String.format(java.util.Locale.ROOT, "%s: %,d keys hold %,d updates; the restored position says %,d",
                matches() ? "verified" : "MISMATCH", keys, counted, restoredRecords);
    }
}
