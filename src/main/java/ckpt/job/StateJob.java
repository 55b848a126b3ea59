package ckpt.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
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
        define(env, plan, parallelism, StateSpec.value());
    }

    /**
     * The job with another state shape ({@link ShapedUpdate}), the State V2 API ({@link AsyncUpdate}, for ForSt),
     * or a slow sink ({@link SlowSink}). The plain spec gives exactly the original job. A slow sink runs as its own
     * task behind a rebalance, so its input has a channel from every stateful subtask: barriers then wait for
     * alignment, and unaligned checkpoints have in-flight data to persist.
     */
    public static void define(StreamExecutionEnvironment env, JobPlan plan, int parallelism, StateSpec spec) {
        if (spec.plain() && spec.sinkDelayNanos == 0) {
            definePlain(env, plan, parallelism);
            return;
        }
        KeyedStream<Tuple2<Long, Double>, Long> keyed = env.fromSource(new PhasedSource(plan),
                        WatermarkStrategy.noWatermarks(), Phases.SOURCE_NAME, Types.TUPLE(Types.LONG, Types.DOUBLE))
                .setParallelism(plan.parts()).uid(Phases.SOURCE_NAME)
                .setBufferTimeout(Phases.SOURCE_BUFFER_TIMEOUT_MS)
                .keyBy(t -> t.f0, Types.LONG);
        KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> fn = spec.async
                ? new AsyncUpdate(spec, plan.valueBytes(), plan.seed)
                : new ShapedUpdate(spec, plan.valueBytes(), plan.seed);
        SingleOutputStreamOperator<Long> state = (spec.async ? keyed.enableAsyncState() : keyed).process(fn)
                .returns(Types.LONG).setParallelism(parallelism).name(Phases.STATE_NAME).uid(Phases.STATE_NAME);
        if (spec.sinkDelayNanos > 0) {
            state.rebalance().sinkTo(new SlowSink(spec.sinkDelayNanos)).name("slow-sink").uid("slow-sink")
                    .setParallelism(parallelism);
        } else {
            state.sinkTo(new DiscardingSink<>()).name("discard").setParallelism(parallelism);
        }
    }

    private static void definePlain(StreamExecutionEnvironment env, JobPlan plan, int parallelism) {
        env.fromSource(new PhasedSource(plan), WatermarkStrategy.noWatermarks(), Phases.SOURCE_NAME,
                        Types.TUPLE(Types.LONG, Types.DOUBLE))
                .setParallelism(plan.parts()).uid(Phases.SOURCE_NAME)
                .setBufferTimeout(Phases.SOURCE_BUFFER_TIMEOUT_MS)
                .keyBy(t -> t.f0, Types.LONG)
                .process(new ValueUpdate(plan.valueBytes(), plan.seed)).returns(Types.LONG)
                .setParallelism(parallelism)
                .name(Phases.STATE_NAME).uid(Phases.STATE_NAME)
                .sinkTo(new DiscardingSink<>()).name("discard").setParallelism(parallelism);
    }
}
