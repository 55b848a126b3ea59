package ckpt.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether the runner should ask for the checkpoint that opens the gate now. Once every source subtask has written
 * its warm-up, asking at once beats waiting up to an interval for the next periodic checkpoint. But the runner
 * learns of the warm-up's end and of the gate from the source's gauges, which are only as fresh as the JobManager's
 * last metric fetch, and Flink often triggers a periodic checkpoint the moment the last task is running (its first
 * scheduled trigger comes at once after the scheduler's restart), right after a short warm-up. Asked on stale
 * gauges, a second checkpoint then followed the gate within ~70 ms and counted as a steady checkpoint with almost
 * no changes in it: one run in three on a local cluster. So the runner reads Flink's checkpoint statistics (fresh:
 * the clusters the tool starts cache them for 1 ms) and does not ask when a checkpoint was triggered after the
 * warm-up's end; that checkpoint opens the gate. Only if it could not (triggered before the source's coordinator
 * heard the last part was warm, a matter of milliseconds) and the gauges still show no gate two metric fetches after
 * it finished, the runner asks.
 */
final class GateAsk {
    /** How long after its checkpoint completed the gauges must have shown the gate, beyond two metric fetches. */
    private static final long MARGIN_MS = 250;
    private static final long CLOCK_SLACK_MS = 100;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GateAsk.class);

    private final long fetchMillis;
    /** The checkpoint that should open the gate (triggered after the warm-up's end), or -1 while none is known. */
    private long relyOn = -1;
    /** When the runner last asked (JobManager clock), or -1. */
    private long askedAt = -1;
    /** The last checkpoint relied on: the one asked for next comes after it. */
    private long lastRelied = -1;

    /** @param fetchMillis the cluster's metric fetch interval (metrics.fetcher.update-interval) */
    GateAsk(long fetchMillis) {
        this.fetchMillis = fetchMillis;
    }

    /**
     * Whether to trigger the gate checkpoint now. Asks again when the checkpoint that should have opened the gate
     * failed, or completed without the gate showing two fetches later (it came too early, or the job restarted
     * during warm-up), or when an ask brought no checkpoint: no periodic checkpoint comes during warm-up to do it
     * instead. (Execution gives up on a gate that no checkpoint opens.)
     *
     * @param warm      every source subtask has written its warm-up, by the gauges
     * @param gateSeen  the gauges, or the run's bounds, show the gate open
     * @param warmupEnd the last warm-up record's time, by the gauges (the machine's clock)
     * @param jmNow     now on the JobManager's clock
     */
    boolean now(boolean warm, boolean gateSeen, long warmupEnd, StatsReader stats, long jmNow) {
        if (gateSeen || !warm) {
            return false;
        }
        if (relyOn < 0) {
            // (the runner's idea of the JobManager's clock can be a few ms off; ids tell an older checkpoint apart)
            relyOn = stats.firstTriggeredSince(askedAt >= 0 ? askedAt - CLOCK_SLACK_MS : warmupEnd, lastRelied);
            if (relyOn >= 0 && askedAt < 0) {
                LOG.info("checkpoint {} was triggered after the warm-up's end: the runner does not ask for another",
                        relyOn);
            }
            // asked, but no checkpoint came of it (Flink refuses a trigger while a task is not yet running)
            boolean refused = askedAt >= 0 && jmNow - askedAt > Math.max(1_000, 2 * fetchMillis + MARGIN_MS);
            return relyOn < 0 && (askedAt < 0 || refused) && ask(jmNow);
        }
        JsonNode done = stats.finished(relyOn);
        if (done == null) {
            return false; // still in progress
        }
        boolean failed = !"COMPLETED".equals(done.path("status").asText());
        long finishedAt = Math.max(done.path("trigger_timestamp").asLong() + done.path("end_to_end_duration").asLong(),
                done.path("failure_timestamp").asLong(-1));
        if (failed || (jmNow - finishedAt > 2 * fetchMillis + MARGIN_MS && !stats.anyInProgress())) {
            LOG.info("checkpoint {} {} without opening the gate: asking for another", relyOn,
                    failed ? "failed" : "completed");
            return ask(jmNow);
        }
        return false;
    }

    /**
     * A checkpoint triggered after the warm-up's end is known and has not yet failed to open the gate: the gate
     * comes by itself, and the runner need not look often meanwhile.
     */
    boolean relying() {
        return relyOn >= 0;
    }

    private boolean ask(long jmNow) {
        askedAt = jmNow;
        lastRelied = Math.max(lastRelied, relyOn);
        relyOn = -1;
        return true;
    }
}
