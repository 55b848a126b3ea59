package ckpt.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One ValueState per key, read-modify-write as in a keyed aggregation: count and sum of amounts in the first 16
 * bytes, then pseudo-random filler up to valueBytes (random, so RocksDB's compression cannot make the state smaller
 * than asked). The state therefore holds exactly keys × valueBytes of live values.
 */
final class ValueUpdate extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
    private static final long serialVersionUID = 1L;
    private final int valueBytes;
    private final long seed;
    private transient ValueState<byte[]> state;
    private transient byte[] buffer;
    private transient long random;
    private transient long verifiedKeys;
    private transient long verifiedCount;

    ValueUpdate(int valueBytes, long seed) {
        this.valueBytes = valueBytes;
        this.seed = seed;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(
                new ValueStateDescriptor<>("value", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
        buffer = new byte[valueBytes];
        random = seed * 31 + getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() + 1;
        getRuntimeContext().getMetricGroup().gauge(Phases.VERIFIED_KEYS, () -> verifiedKeys);
        getRuntimeContext().getMetricGroup().gauge(Phases.VERIFIED_COUNT, () -> verifiedCount);
    }

    @Override
    public void processElement(Tuple2<Long, Double> record, Context ctx, Collector<Long> out) throws Exception {
        byte[] old = state.value();
        if (record.f1 == Phases.VERIFY) {
            // the verification pass: count what the restored state holds, change nothing
            if (old != null) {
                verifiedKeys++;
                verifiedCount += getLong(old, 0);
            }
            return;
        }
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

    static long getLong(byte[] a, int at) {
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
