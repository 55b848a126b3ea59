package ckpt.engine;

import ckpt.model.Timeline;

/**
 * Ends a run as soon as its window's last checkpoint is in, without waiting for a metric fetch after the window.
 *
 * <p>A run may stop once every steady record has reached the stateful operator and the source's final steady count
 * is known. Read from Flink's metrics, both need a fetch that starts after the source's last record, which the
 * JobManager does at most once per fetch interval: about 100 ms after the window on the clusters we start. When the
 * window is a whole number of checkpoint intervals there is a better witness. Flink triggers a checkpoint as the
 * window ends (the schedule restarts at the gate); if it was triggered at or after the window's end, on the clock the
 * source's window is measured by, its barrier left the source after the source's last record, and an aligned
 * checkpoint completes only once every operator has processed what came before its barrier. So its completion says
 * everything is delivered. The count then comes exactly, after the cancel, from Flink's final record counter of the
 * source plus the reader's steady offset ({@link ckpt.job.Phases#STEADY_OFFSET}), fixed since the gate.
 *
 * <p>Only where that reasoning holds: the source and the JobManager share a clock (this JVM or this machine, not a
 * remote cluster), checkpoints are aligned (an unaligned one persists records in flight instead of processing them),
 * and the run has had no failover (its offset would be the earlier attempt's). Otherwise the run ends as before.
 */
final class QuickEnd {
    /** Runs in this JVM that ended the quick way (tests check that theirs did). */
    static final java.util.concurrent.atomic.AtomicInteger ENDED = new java.util.concurrent.atomic.AtomicInteger();

    private final boolean possible;
    private boolean offsetFixed;
    private long offset;
    private boolean used;

    /**
     * @param sameClock the JobManager and TaskManagers run on this machine
     * @param aligned   the job's checkpoints are aligned
     * @param faults    the run injects failures or kills a TaskManager
     */
    QuickEnd(boolean sameClock, boolean aligned, boolean faults) {
        this.possible = sameClock && aligned && !faults;
    }

    /** Each read of the source's phase gauges: the offset, once every reader has had the gate event. */
    void saw(JobProbe.Phase phase) {
        offsetFixed = phase.offsetFixed();
        offset = phase.steadyOffset();
    }

    /** Whether this run can end the quick way now. */
    boolean possible(int restarts) {
        return possible && offsetFixed && restarts == 0;
    }

    /**
     * The window's last checkpoint completed: triggered at or after the window's end and within the grace
     * ({@link Timeline#END_GRACE_MS}), with no checkpoint triggered up to then still running.
     */
    boolean reached(StatsReader stats, long steadyEnd) {
        used = stats.triggeredIn(steadyEnd, steadyEnd + Timeline.END_GRACE_MS, "COMPLETED")
                && !stats.inProgressTriggeredBefore(steadyEnd + Timeline.END_GRACE_MS + 1);
        if (used) {
            ENDED.incrementAndGet();
        }
        return used;
    }

    /** The window's last checkpoint, triggered at or after its end, is still running: worth waiting for. */
    boolean pending(StatsReader stats, long steadyEnd) {
        return stats.triggeredIn(steadyEnd, steadyEnd + Timeline.END_GRACE_MS, "IN_PROGRESS");
    }

    /** Why a run could not end the quick way (for the log). */
    String whyNot(int restarts) {
        return !possible ? "another clock, unaligned checkpoints or injected faults"
                : !offsetFixed ? "the source's steady offset was not read after every reader heard the gate"
                : restarts > 0 ? "the job restarted" : "no checkpoint triggered at the window's end completed";
    }

    /** The run ended the quick way. */
    boolean used() {
        return used;
    }

    /** The final steady count from the source's final record counter (current attempts, after the cancel). */
    long steadyRecords(long sourceRecordsOut) {
        return sourceRecordsOut + offset;
    }
}
