package ckpt.model;

/**
 * Flink's own checkpoint counters for a job ({@code /jobs/:id/checkpoints} → {@code counts}). They can differ from
 * the rows of the history: a checkpoint whose trigger fails before it starts (for example "Not all required tasks
 * are currently running" right after submission) is counted as failed but never enters the history.
 */
public record CheckpointCounts(long total, long completed, long failed, long inProgress, long restored) {
    public static final CheckpointCounts NONE = new CheckpointCounts(0, 0, 0, 0, 0);
}
