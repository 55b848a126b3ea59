package acme;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** A job whose operator cannot start: it needs a database that is not there. */
public class FailsAtStart {
    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, Long.MAX_VALUE).map(new Lookup()).name("lookup")
                .keyBy(v -> v % 10).reduce(Long::sum).name("sum")
                .sinkTo(new DiscardingSink<>());
        env.execute("acme-fails");
    }

    static final class Lookup extends RichMapFunction<Long, Long> {
        @Override
        public void open(OpenContext ctx) {
            throw new IllegalStateException("cannot reach db.acme.example:5432");
        }

        @Override
        public Long map(Long v) {
            return v;
        }
    }
}
