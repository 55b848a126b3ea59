package ckpt.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.v2.ListState;
import org.apache.flink.api.common.state.v2.ListStateDescriptor;
import org.apache.flink.api.common.state.v2.MapState;
import org.apache.flink.api.common.state.v2.MapStateDescriptor;
import org.apache.flink.api.common.state.v2.StateDescriptor;
import org.apache.flink.api.common.state.v2.ValueState;
import org.apache.flink.api.common.state.v2.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The same shapes and the same bytes as {@link ValueUpdate} and {@link ShapedUpdate}, written with the State V2
 * asynchronous API ({@code keyBy(…).enableAsyncState()}): each access returns a future and the operator goes on
 * with other keys while it is served. ForSt needs this to keep its primary copy of the state remote; with the
 * synchronous API it pins the state to local disk.
 */
final class AsyncUpdate extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
    private static final long serialVersionUID = 1L;
    private final StateSpec spec;
    private final int valueBytes;
    private final long seed;
    private transient ValueState<byte[]> value;
    private transient MapState<Integer, byte[]> map;
    private transient ListState<byte[]> list;
    private transient Payload payload;

    AsyncUpdate(StateSpec spec, int valueBytes, long seed) {
        this.spec = spec;
        this.valueBytes = valueBytes;
        this.seed = seed;
    }

    @Override
    public void open(OpenContext context) {
        payload = new Payload(valueBytes, seed, getRuntimeContext().getTaskInfo().getIndexOfThisSubtask());
        switch (spec.kind) {
            case StateSpec.MAP -> map = getRuntimeContext().getMapState(ttl(new MapStateDescriptor<>("map",
                    Types.INT, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)));
            case StateSpec.LIST -> list = getRuntimeContext().getListState(ttl(new ListStateDescriptor<>("list",
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)));
            default -> value = getRuntimeContext().getState(ttl(new ValueStateDescriptor<>("value",
                    PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO)));
        }
    }

    private <D extends StateDescriptor<?>> D ttl(D d) {
        if (spec.hasTtl()) {
            d.enableTimeToLive(spec.ttl());
        }
        return d;
    }

    @Override
    public void processElement(Tuple2<Long, Double> record, Context ctx, Collector<Long> out) {
        double amount = Double.isNaN(record.f1) ? 0 : record.f1;
        switch (spec.kind) {
            case StateSpec.MAP -> map.asyncGet(ShapedUpdate.HEADER).thenCompose(header -> {
                long count = Payload.count(header) + 1;
                double sum = Payload.sum(header) + amount;
                Map<Integer, byte[]> writes = new HashMap<>();
                if (header == null) {
                    for (int i = 0; i < spec.entries; i++) {
                        writes.put(i, payload.next(count, sum));
                    }
                } else {
                    writes.put((int) (count % spec.entries), payload.next(count, sum));
                }
                writes.put(ShapedUpdate.HEADER, ShapedUpdate.header(count, sum));
                return map.asyncPutAll(writes);
            });
            case StateSpec.LIST -> list.asyncGet().thenCompose(it -> {
                List<byte[]> items = new ArrayList<>(spec.entries + 1);
                org.apache.flink.util.function.ThrowingConsumer<byte[], Exception> collect = items::add;
                return it.onNext(collect).thenCompose(done -> {
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
                    return list.asyncUpdate(items);
                });
            });
            default -> value.asyncValue().thenCompose(old ->
                    value.asyncUpdate(payload.next(Payload.count(old) + 1, Payload.sum(old) + amount)));
        }
        if (spec.sinkDelayNanos > 0) {
            out.collect(record.f0);
        }
    }
}
