package ckpt.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The stateful operator for the shapes beyond a plain ValueState (and for any shape feeding a slow sink: it emits
 * each record's key then), with the classic synchronous state API:
 * <ul>
 * <li>value with TTL: one ValueState per key, read-modify-write;</li>
 * <li>map: a MapState of {@code entries} entries per key plus a header entry (key -1: count and sum); the first
 *     record of a key writes every entry, each later record rewrites entry {@code count mod entries};</li>
 * <li>list: a ListState of {@code entries} elements per key; the first record writes them all, each later record
 *     appends one and drops the oldest (read, trim, write back: what a bounded "last N events" list costs).</li>
 * </ul>
 * Every entry is {@code valueBytes} long, so the live state is keys × entries × valueBytes (plus the map headers).
 */
final class ShapedUpdate extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
    private static final long serialVersionUID = 1L;
    static final int HEADER = -1;
    private final StateSpec spec;
    private final int valueBytes;
    private final long seed;
    private transient ValueState<byte[]> value;
    private transient MapState<Integer, byte[]> map;
    private transient ListState<byte[]> list;
    private transient Payload payload;

    ShapedUpdate(StateSpec spec, int valueBytes, long seed) {
        this.spec = spec;
        this.valueBytes = valueBytes;
        this.seed = seed;
    }

    @Override
    public void open(OpenContext context) {
        payload = new Payload(valueBytes, seed, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        switch (spec.kind) {
            case StateSpec.MAP -> {
                MapStateDescriptor<Integer, byte[]> d = new MapStateDescriptor<>("map", Types.INT,
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
                if (spec.hasTtl()) {
                    d.enableTimeToLive(spec.ttl());
                }
                map = getRuntimeContext().getMapState(d);
            }
            case StateSpec.LIST -> {
                ListStateDescriptor<byte[]> d = new ListStateDescriptor<>("list",
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
                if (spec.hasTtl()) {
                    d.enableTimeToLive(spec.ttl());
                }
                list = getRuntimeContext().getListState(d);
            }
            default -> {
                ValueStateDescriptor<byte[]> d = new ValueStateDescriptor<>("value",
                        PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
                if (spec.hasTtl()) {
                    d.enableTimeToLive(spec.ttl());
                }
                value = getRuntimeContext().getState(d);
            }
        }
    }

    @Override
    public void processElement(Tuple2<Long, Double> record, Context ctx, Collector<Long> out) throws Exception {
        double amount = Double.isNaN(record.f1) ? 0 : record.f1;
        switch (spec.kind) {
            case StateSpec.MAP -> updateMap(amount);
            case StateSpec.LIST -> updateList(amount);
            default -> {
                byte[] old = value.value();
                value.update(payload.next(Payload.count(old) + 1, Payload.sum(old) + amount));
            }
        }
        if (spec.sinkDelayNanos > 0) {
            out.collect(record.f0); // only a slow sink needs records; a discarding one gets none, as before
        }
    }

    private void updateMap(double amount) throws Exception {
        byte[] header = map.get(HEADER);
        long count = Payload.count(header) + 1;
        double sum = Payload.sum(header) + amount;
        if (header == null) {
            for (int i = 0; i < spec.entries; i++) {
                map.put(i, payload.next(count, sum));
            }
        } else {
            map.put((int) (count % spec.entries), payload.next(count, sum));
        }
        map.put(HEADER, header(count, sum));
    }

    private void updateList(double amount) throws Exception {
        List<byte[]> items = new ArrayList<>(spec.entries + 1);
        Iterable<byte[]> old = list.get();
        if (old != null) {
            old.forEach(items::add);
        }
        if (items.isEmpty()) {
            for (int i = 0; i < spec.entries; i++) {
                items.add(payload.next(1, amount));
            }
        } else {
            byte[] last = items.get(items.size() - 1);
            items.add(payload.next(Payload.count(last) + 1, Payload.sum(last) + amount));
            while (items.size() > spec.entries) {
                items.remove(0);
            }
        }
        list.update(items);
    }

    /** The map's header entry: 16 bytes, count and sum. */
    static byte[] header(long count, double sum) {
        byte[] h = new byte[16];
        for (int k = 0; k < 8; k++) {
            h[k] = (byte) (count >>> (8 * k));
            h[8 + k] = (byte) (Double.doubleToRawLongBits(sum) >>> (8 * k));
        }
        return h;
    }
}
