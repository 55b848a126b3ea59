package ckpt.model;

/**
 * When a run's phases began and ended, in epoch milliseconds on the JobManager's clock (the clock of checkpoint
 * trigger times); -1 where a phase was not reached. Warm-up is counted from the source's first record to its last
 * (the job's deployment and the gate are not in it); steady from the gate opening to the end of the window, or to
 * the stop when the run was cut short.
 *
 * @param jobStart    when Flink created the job
 * @param warmupStart the source's first warm-up record
 * @param warmupEnd   the last warm-up record of the slowest source subtask
 * @param gate        id of the checkpoint that closed warm-up (it holds the whole warm state)
 * @param steadyStart the gate opening
 * @param steadyEnd   the end of the steady window
 * @param stopAt      when the runner asked the job to stop
 */
public record Timeline(long jobStart, long warmupStart, long warmupEnd, long gate, long steadyStart, long steadyEnd,
                       long stopAt) {
    public static final Timeline NONE = new Timeline(-1, -1, -1, -1, -1, -1, -1);

    /**
     * How late after the window's end a checkpoint may be triggered and still be its last steady one. Flink
     * schedules the first steady checkpoint one interval after the gate opens, so when the window is a whole
     * number of intervals, a checkpoint is triggered as it ends (0–1 ms later, here): it holds the window's last
     * interval of changes, like the ones before it.
     */
    public static final long END_GRACE_MS = 25;

    /**
     * The phase of a checkpoint. Steady checkpoints come after the gate and were triggered inside [steadyStart,
     * steadyEnd + {@value #END_GRACE_MS} ms]; one triggered after the gate checkpoint but before the source heard
     * the gate open holds no churn yet: it counts as warm-up.
     */
    public String phaseOf(long checkpointId, long triggerMillis) {
        if (gate < 0 || checkpointId <= gate || triggerMillis < steadyStart) {
            return CheckpointTable.WARMUP;
        }
        if (steadyEnd >= 0 && triggerMillis > steadyEnd + END_GRACE_MS) {
            return CheckpointTable.STOPPING;
        }
        return CheckpointTable.STEADY;
    }

    /** A failed checkpoint is ABORTED when it failed after the runner asked the job to stop, FAILED otherwise. */
    public String failureLabel(long failureMillis) {
        return stopAt >= 0 && failureMillis >= stopAt ? CheckpointTable.ABORTED : CheckpointTable.FAILED;
    }

    public Timeline withJobStart(long v) {
        return new Timeline(v, warmupStart, warmupEnd, gate, steadyStart, steadyEnd, stopAt);
    }

    public Timeline withWarmup(long start, long end) {
        return new Timeline(jobStart, start, end, gate, steadyStart, steadyEnd, stopAt);
    }

    /** The gate opened: steady runs for {@code millis} from {@code start}. */
    public Timeline withSteady(long gateCheckpoint, long start, long millis) {
        return new Timeline(jobStart, warmupStart, warmupEnd, gateCheckpoint, start, start + millis, stopAt);
    }

    public Timeline withSteadyEnd(long v) {
        return new Timeline(jobStart, warmupStart, warmupEnd, gate, steadyStart, v, stopAt);
    }

    public Timeline withStop(long v) {
        return new Timeline(jobStart, warmupStart, warmupEnd, gate, steadyStart, steadyEnd, v);
    }

    /** Warm-up wall time: first to last warm-up record, 0 when it did not finish. */
    public long warmupMillis() {
        return warmupStart < 0 || warmupEnd < 0 ? 0 : warmupEnd - warmupStart;
    }

    /** Steady wall time: the window, cut at the stop when the run was stopped early; 0 when steady never began. */
    public long steadyMillis() {
        if (steadyStart < 0) {
            return 0;
        }
        long end = steadyEnd < 0 ? stopAt : stopAt < 0 ? steadyEnd : Math.min(steadyEnd, stopAt);
        return Math.max(0, end - steadyStart);
    }
}
