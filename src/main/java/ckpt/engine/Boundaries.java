package ckpt.engine;

import ckpt.model.CheckpointTable;

/**
 * Where a run's phases begin and end, all on the JobManager's clock (the clock of checkpoint trigger times), so
 * phases are assigned exactly even on a cluster whose clock differs from this machine's. -1 = not reached (yet).
 *
 * @param gate        id of the checkpoint that closed warm-up (it holds the whole warm state)
 * @param steadyStart when the source's coordinator opened the gate
 * @param steadyEnd   steadyStart + the experiment's seconds
 * @param stopAt      when the runner asked the job to stop (a checkpoint failing after it was cut short: ABORTED)
 */
record Boundaries(long gate, long steadyStart, long steadyEnd, long stopAt) {
    static final Boundaries NONE = new Boundaries(-1, -1, -1, -1);

    /**
     * Steady checkpoints come after the gate and were triggered inside [steadyStart, steadyEnd). One triggered
     * after the gate checkpoint but before the source heard the gate open holds no churn yet: it counts as warm-up.
     */
    String phaseOf(long checkpointId, long triggerMillis) {
        if (gate < 0 || checkpointId <= gate || triggerMillis < steadyStart) {
            return CheckpointTable.WARMUP;
        }
        if (steadyEnd >= 0 && triggerMillis >= steadyEnd) {
            return CheckpointTable.STOPPING;
        }
        return CheckpointTable.STEADY;
    }

    /** A failed checkpoint is ABORTED when it failed after we asked the job to stop, FAILED otherwise. */
    String failureLabel(long failureMillis) {
        return stopAt >= 0 && failureMillis >= stopAt ? CheckpointTable.ABORTED : CheckpointTable.FAILED;
    }

    Boundaries withStop(long millis) {
        return new Boundaries(gate, steadyStart, steadyEnd, millis);
    }

    Boundaries withSteadyEnd(long millis) {
        return new Boundaries(gate, steadyStart, millis, stopAt);
    }
}
