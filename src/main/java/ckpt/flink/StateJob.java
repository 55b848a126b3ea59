package ckpt.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.Collector;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The measured job: a generator source (parallelism 1, paced by {@link Pacer}) → keyBy(key) → a keyed function
 * that reads and rewrites one ValueState per key → discard. RocksDB therefore holds exactly
 * {@code keys × valueBytes} of live state, and every record is a real read-modify-write, as in a keyed
 * aggregation. Records are (key, amount); synthetic runs carry NaN amounts.
 */
final class StateJob {
    static final String SOURCE_NAME = "ckpt-source";
    static final String STATE_NAME = "ckpt-state";

    private StateJob() {
    }

    static StreamGraph build(Experiment e, Configuration jobConf, String runId) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(jobConf);
        env.setParallelism(e.parallelism());
        TypeInformation<Tuple2<Long, Double>> type = Types.TUPLE(Types.LONG, Types.DOUBLE);

        GeneratorFunction<Long, Tuple2<Long, Double>> generator;
        long warmup;
        if (e.source() != null) {
            generator = new TableReplay(column(e.source(), "account_id"), column(e.source(), "amount"));
            warmup = e.source().rowCount();
        } else {
            generator = new Synthetic(e.keys(), e.seed());
            warmup = e.keys();
        }
        DataGeneratorSource<Tuple2<Long, Double>> source = new DataGeneratorSource<>(
                generator, Long.MAX_VALUE, new Pacer(runId, warmup, e.steadyRate()), type);

        env.fromSource(source, WatermarkStrategy.noWatermarks(), SOURCE_NAME)
                .setParallelism(1)
                .keyBy(t -> t.f0, Types.LONG)
                .process(new Update(e.valueBytes(), e.seed()))
                .name(STATE_NAME).uid(STATE_NAME)
                .sinkTo(new DiscardingSink<>()).name("discard");
        return env.getStreamGraph();
    }

    private static double[] column(Table t, String name) {
        NumericColumn<?> c = t.numberColumn(name);
        double[] out = new double[t.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return out;
    }

    /**
     * Index i &lt; keys writes key i (warm-up: every key once). Later indices walk all keys in a scrambled but
     * complete order (a stride coprime with keys), so n steady records touch n distinct keys while n ≤ keys:
     * churn is exact.
     */
    static final class Synthetic implements GeneratorFunction<Long, Tuple2<Long, Double>> {
        private static final long serialVersionUID = 1L;
        private final long keys;
        private final long stride;

        Synthetic(long keys, long seed) {
            this.keys = keys;
            this.stride = coprimeStride(keys, seed);
        }

        @Override
        public Tuple2<Long, Double> map(Long index) {
            long i = index;
            long key = i < keys ? i : mulMod((i - keys) % keys, stride, keys);
            return Tuple2.of(key, Double.NaN);
        }

        /** (a × b) mod m without overflow for the key counts we allow (m ≤ 2e9 fits the product in 63 bits). */
        private static long mulMod(long a, long b, long m) {
            return Math.floorMod(Math.multiplyExact(a, b), m);
        }

        static long coprimeStride(long keys, long seed) {
            if (keys <= 2) {
                return 1;
            }
            long s = Math.floorMod(0x9E3779B97F4A7C15L ^ seed, keys);
            while (s < 2 || gcd(s, keys) != 1) {
                s = s + 1 >= keys ? 2 : s + 1;
            }
            return s;
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }

    /** Replays the table's rows in order, again and again: key = account_id, with the row's amount. */
    static final class TableReplay implements GeneratorFunction<Long, Tuple2<Long, Double>> {
        private static final long serialVersionUID = 1L;
        private final double[] accounts;
        private final double[] amounts;

        TableReplay(double[] accounts, double[] amounts) {
            this.accounts = accounts;
            this.amounts = amounts;
        }

        @Override
        public Tuple2<Long, Double> map(Long index) {
            int row = (int) (index % accounts.length);
            double account = accounts[row];
            return Tuple2.of(Double.isNaN(account) ? -1L : (long) account, amounts[row]);
        }
    }

    /**
     * Per key: count and sum of amounts in the first 16 bytes, then pseudo-random filler up to valueBytes
     * (random, so RocksDB's compression cannot make the state smaller than asked).
     */
    static final class Update extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
        private static final long serialVersionUID = 1L;
        private final int valueBytes;
        private final long seed;
        private transient ValueState<byte[]> state;
        private transient byte[] buffer;
        private transient long random;

        Update(int valueBytes, long seed) {
            this.valueBytes = valueBytes;
            this.seed = seed;
        }

        @Override
        public void open(OpenContext context) {
            state = getRuntimeContext().getState(
                    new ValueStateDescriptor<>("value", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
            buffer = new byte[valueBytes];
            random = seed * 31 + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1;
        }

        @Override
        public void processElement(Tuple2<Long, Double> record, Context ctx, Collector<Long> out) throws Exception {
            byte[] old = state.value();
            long count = old == null ? 0 : getLong(old, 0);
            double sum = old == null ? 0 : Double.longBitsToDouble(getLong(old, 8));
            if (!Double.isNaN(record.f1)) {
                sum += record.f1;
            }
            putLong(buffer, 0, count + 1);
            putLong(buffer, 8, Double.doubleToRawLongBits(sum));
            for (int i = 16; i < buffer.length; i += 8) {
                random ^= random << 13;
                random ^= random >>> 7;
                random ^= random << 17;
                long r = random;
                for (int b = 0; b < 8 && i + b < buffer.length; b++) {
                    buffer[i + b] = (byte) (r >>> (8 * b));
                }
            }
            state.update(buffer);
        }

        private static long getLong(byte[] a, int at) {
            long v = 0;
            for (int b = 7; b >= 0; b--) {
                v = (v << 8) | (a[at + b] & 0xFF);
            }
            return v;
        }

        private static void putLong(byte[] a, int at, long v) {
            for (int b = 0; b < 8; b++) {
                a[at + b] = (byte) (v >>> (8 * b));
            }
        }
    }
}
