package ckpt.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * The measured job: {@link PhasedSource} → keyBy(key) → {@link ValueUpdate} → discard. Source and state run at
 * the same parallelism (one part per source subtask), so neither a single source subtask nor an idle one skews
 * what the stateful operator sees.
 */
public final class StateJob {
    private StateJob() {
    }

    /** Adds the job to the environment; the caller configures it (backend, checkpointing) through keys. */
    public static void define(StreamExecutionEnvironment env, JobPlan plan, int parallelism) {
        env.fromSource(new PhasedSource(plan), WatermarkStrategy.noWatermarks(), Phases.SOURCE_NAME,
                        Types.TUPLE(Types.LONG, Types.DOUBLE))
                .setParallelism(plan.parts()).uid(Phases.SOURCE_NAME)
                .keyBy(t -> t.f0, Types.LONG)
                .process(new ValueUpdate(plan.valueBytes(), plan.seed)).returns(Types.LONG)
                .setParallelism(parallelism)
                .name(Phases.STATE_NAME).uid(Phases.STATE_NAME)
                .sinkTo(new DiscardingSink<>()).name("discard").setParallelism(parallelism);
    }
}
