package acme;

import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * A tiny Flink application, as a user would write it: numbers, throttled to a rate in the source's own chain, summed
 * per key. Arguments: --keys N --rate R (records per second per subtask) [--count C (then it ends by itself)].
 */
public class CountJob {
    public static void main(String[] args) throws Exception {
        long keys = 1000;
        int rate = 2000;
        long count = Long.MAX_VALUE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--keys" -> keys = Long.parseLong(args[i + 1]);
                case "--rate" -> rate = Integer.parseInt(args[i + 1]);
                case "--count" -> count = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        final long k = keys;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.fromSequence(0, count - 1).name("numbers")
                .map(new Throttle(rate)).name("throttle")
                .keyBy(v -> v % k)
                .reduce((a, b) -> a + b).name("sum-per-key")
                .sinkTo(new DiscardingSink<>()).name("discard");
        env.execute("acme-count");
    }

    /** Sleeps in the source's chain, so no backlog of records builds up in front of the barriers. */
    static final class Throttle extends RichMapFunction<Long, Long> {
        private final int rate;
        private long sent;
        private long start;

        Throttle(int rate) {
            this.rate = rate;
        }

        @Override
        public Long map(Long v) throws Exception {
            if (start == 0) {
                start = System.nanoTime();
            }
            sent++;
            long due = start + sent * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            return v;
        }
    }
}
