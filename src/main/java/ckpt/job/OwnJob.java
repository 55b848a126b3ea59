package ckpt.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.InvalidTypesException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.TypeExtractor;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * Jobs around the user's own code, fed by the same phased source as the built-in job (warm-up, gate, steady):
 * the user's keyed function in place of the built-in operator, or the user's pipeline from the source on.
 */
public final class OwnJob {
    /** The harness's input type: (account or key, amount). */
    public static final TypeInformation<Tuple2<Long, Double>> INPUT = Types.TUPLE(Types.LONG, Types.DOUBLE);

    private OwnJob() {
    }

    /** The phased source, one part per subtask, as in {@link StateJob}. */
    static DataStream<Tuple2<Long, Double>> source(StreamExecutionEnvironment env, JobPlan plan) {
        return env.fromSource(new PhasedSource(plan), WatermarkStrategy.noWatermarks(), Phases.SOURCE_NAME, INPUT)
                .setParallelism(plan.parts()).uid(Phases.SOURCE_NAME)
                .setBufferTimeout(Phases.SOURCE_BUFFER_TIMEOUT_MS);
    }

    /**
     * source → keyBy(account) → the user's function (named after it; the built-in operator's uid, so a checkpoint
     * of one function run restores into the next) → discard.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void function(StreamExecutionEnvironment env, JobPlan plan, int parallelism,
                                KeyedProcessFunction<Long, Tuple2<Long, Double>, ?> f, String name) {
        TypeInformation<?> out;
        try {
            out = TypeExtractor.getUnaryOperatorReturnType((KeyedProcessFunction) f, KeyedProcessFunction.class,
                    1, 2, TypeExtractor.NO_INDEX, INPUT, null, false);
        } catch (InvalidTypesException e) {
            // e.g. a generic output type: the output only goes to the chained sink, never over the network
            out = Types.GENERIC(Object.class);
        }
        source(env, plan).keyBy(t -> t.f0, Types.LONG)
                .process((KeyedProcessFunction) f, (TypeInformation) out)
                .setParallelism(parallelism).name(name).uid(Phases.STATE_NAME)
                .sinkTo(new DiscardingSink<>()).name("discard").setParallelism(parallelism);
    }

    /** source → whatever the user's pipeline builds → discard (unless it returned null: it added its own sinks). */
    public static void pipeline(StreamExecutionEnvironment env, JobPlan plan, Pipeline p) {
        DataStream<?> out = p.build(source(env, plan));
        if (out != null) {
            out.sinkTo(new DiscardingSink<>()).name("discard");
        }
    }
}
