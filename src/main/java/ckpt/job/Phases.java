package ckpt.job;

import org.apache.flink.api.connector.source.SourceEvent;

/**
 * How the source moves through its phases and how it tells the outside. The runner reads these gauges over
 * Flink's REST API (source vertex, aggregated over subtasks), the same way for every target.
 */
public final class Phases {
    /** Name of the source operator (REST metric ids are prefixed with it, spaces as "__"). */
    public static final String SOURCE_NAME = "ckpt-source";
    /**
     * How long the source's last records may wait in a half-full output buffer before Flink sends them (Flink's
     * default is 100 ms). The run ends once every record the source wrote has reached the stateful operator, so
     * this bounds how long the runner waits after the window (at 50 ms a run's end came 40–60 ms later than at
     * 20 ms). It does not touch what a run measures: barriers are sent at once whatever the timeout. At full speed
     * a 32 KiB buffer of 20-byte records then leaves about three-quarters full instead of full — some 10 more
     * buffers a second per channel, against a RocksDB read and write for every one of the ~60,000 records.
     */
    public static final long SOURCE_BUFFER_TIMEOUT_MS = 20;
    /** Name and uid of the stateful operator. */
    public static final String STATE_NAME = "ckpt-state";

    /** Warm-up records this subtask has written so far. */
    public static final String WARMUP_DONE = "ckptWarmupDone";
    /** Warm-up records this subtask writes in all. */
    public static final String WARMUP_TOTAL = "ckptWarmupTotal";
    /** Epoch ms at which this subtask wrote its first warm-up record, -1 before. */
    public static final String WARMUP_START = "ckptWarmupStart";
    /** Epoch ms at which this subtask wrote its last warm-up record, -1 before. */
    public static final String WARMUP_END = "ckptWarmupEnd";
    /** Id of the checkpoint that completed after all warm-up records were written (the gate), -1 before. */
    public static final String GATE = "ckptGate";
    /** Epoch ms (JobManager clock) at which the gate opened and steady began, -1 before. */
    public static final String STEADY_START = "ckptSteadyStart";
    /** Steady records this subtask wrote (in this attempt, counted from its restored position). */
    public static final String STEADY_RECORDS = "ckptSteadyRecords";
    /** Records this subtask is behind its steady schedule (after a failover it catches up), 0 when on time. */
    public static final String LAG = "ckptLag";

    /**
     * Steady records minus the records this subtask's reader has emitted in this attempt, fixed once the gate has
     * opened (-1 … any value before: read it only after {@link #STEADY_START}). Flink's own record counter of the
     * source, final once the task has ended, plus this gives the exact steady count without a metric fetch after
     * the window: the runner uses it to stop a run as soon as the window's last checkpoint is in.
     */
    public static final String STEADY_OFFSET = "ckptSteadyOffset";

    /** Records the readers' restored positions say were written (0 when they started fresh). */
    public static final String RESTORED_RECORDS = "ckptRestoredRecords";
    /** Keys the verification pass found in the stateful operator's state (summed over subtasks). */
    public static final String VERIFIED_KEYS = "ckptVerifiedKeys";
    /** The sum of update counts the verification pass read: records applied to the state up to the restored checkpoint. */
    public static final String VERIFIED_COUNT = "ckptVerifiedCount";
    /** The amount that marks a verification record: read the key's state, change nothing. */
    public static final double VERIFY = Double.NEGATIVE_INFINITY;

    private Phases() {
    }

    /** A reader finished the warm-up records of these parts. */
    record WarmupDone(int[] parts) implements SourceEvent {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The coordinator opened the gate: steady starts at {@code steadyStartMillis} (its clock). {@code failAtMillis}
     * is when the receiving reader must throw (an injected failure, for failover experiments), or -1.
     */
    record GateOpen(long checkpointId, long steadyStartMillis, long failAtMillis) implements SourceEvent {
        private static final long serialVersionUID = 1L;
    }

    /**
     * The coordinator lets a reader begin. {@code verify}: the job was restored from another run's checkpoint and
     * wants the verification pass (a failover within the run restores its own checkpoint: no pass).
     */
    record Start(boolean verify) implements SourceEvent {
        private static final long serialVersionUID = 1L;
    }

    /** The exception an injected failure throws, so the run's restart table names it plainly. */
    public static final class InjectedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InjectedFailure(long afterMillis) {
            super("injected failure " + afterMillis + " ms into steady (failAfter)");
        }
    }
}
