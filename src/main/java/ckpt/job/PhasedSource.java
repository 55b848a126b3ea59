package ckpt.job;

import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The experiment's source: warm-up, gate, steady, on its own (no side channel to the shell). Its position and its
 * phase are checkpointed state, so it behaves like a real replayable source across failovers and restores.
 */
public final class PhasedSource implements Source<Tuple2<Long, Double>, Part, GateCoordinator.State> {
    private static final long serialVersionUID = 1L;
    private final JobPlan plan;

    public PhasedSource(JobPlan plan) {
        this.plan = plan;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<Part, GateCoordinator.State> createEnumerator(SplitEnumeratorContext<Part> context) {
        return new GateCoordinator(context, plan.parts, plan.failAfterMillis, plan.runId, plan.verify,
                GateCoordinator.fresh(plan.parts, plan.runId), true);
    }

    @Override
    public SplitEnumerator<Part, GateCoordinator.State> restoreEnumerator(SplitEnumeratorContext<Part> context,
                                                                          GateCoordinator.State state) {
        return new GateCoordinator(context, plan.parts, plan.failAfterMillis, plan.runId, plan.verify, state, false);
    }

    @Override
    public SimpleVersionedSerializer<Part> getSplitSerializer() {
        return Part.Serializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<GateCoordinator.State> getEnumeratorCheckpointSerializer() {
        return GateCoordinator.StateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<Tuple2<Long, Double>, Part> createReader(SourceReaderContext context) {
        return new PartReader(plan, context);
    }
}
