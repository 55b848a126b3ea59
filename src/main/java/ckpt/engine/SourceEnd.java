package ckpt.engine;

import ckpt.job.Phases;
import ckpt.model.UserJob;

/**
 * When the harness source is done with the steady window, so the run may cancel the job without losing records:
 * the source has reported its final steady position and every record it wrote has reached the stateful operator.
 * Five seconds past the window the run stops regardless. An application's own sources are not ours to wait for.
 */
final class SourceEnd {
    /** Past the window, how long the steady position must stay the same to be final (over a 200 ms metric fetch). */
    private static final long STABLE_MS = 250;
    private static final long GIVE_UP_MS = 5_000;

    private final UserJob code;
    private final RunGraph graph;
    private long settledValue = -1;
    private long settledSince;

    SourceEnd(UserJob code, RunGraph graph) {
        this.code = code;
        this.graph = graph;
    }

    /**
     * @param steadyRecords the source's steady position, summed over subtasks, from its last gauge
     * @param steadyEnd     the window's end, on the JobManager's clock
     * @param jmNow         now on the JobManager's clock
     */
    boolean settled(JobProbe probe, long steadyRecords, long steadyEnd, long jmNow) {
        if (!code.harnessSource()) {
            return true;
        }
        return jmNow > steadyEnd + GIVE_UP_MS || (positionFinal(steadyRecords, steadyEnd, jmNow) && delivered(probe));
    }

    /**
     * The source's steady position is final: it reached its quota, or the window is over and its gauge (refreshed
     * at most every 200 ms on clusters we start) has been the same for two reads since — the source stops writing
     * at the end of the window, so a stable position there is final.
     */
    private boolean positionFinal(long steadyRecords, long steadyEnd, long jmNow) {
        if (graph.quota >= 0 && steadyRecords >= graph.quota) {
            return true;
        }
        if (jmNow < steadyEnd + STABLE_MS) {
            settledValue = -1;
            return false;
        }
        if (steadyRecords == settledValue && jmNow - settledSince >= STABLE_MS) {
            return true;
        }
        if (steadyRecords != settledValue) {
            settledValue = steadyRecords;
            settledSince = jmNow;
        }
        return false;
    }

    /**
     * Everything the source wrote has reached the stateful operator, by Flink's record counters of the current
     * attempts (out of the source, into the operator). A record can wait in the source's output buffer for up to
     * {@link Phases#SOURCE_BUFFER_TIMEOUT_MS} before it is sent; cancelling the job sooner would leave it out of
     * the run's records. A pipeline's shape is the user's, so there the source's position has to do.
     */
    private boolean delivered(JobProbe probe) {
        return code.kind().equals(UserJob.PIPELINE)
                || probe.recordsIn(graph.stateVertex()) >= probe.recordsOut(Phases.SOURCE_NAME);
    }
}
