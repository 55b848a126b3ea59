package ckpt.job;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.api.common.state.StateTtlConfig;

/**
 * The stateful operator's shape, shipped with the job: the state kind per key, how many entries it holds, its
 * time-to-live, the sink's delay per record, and whether the job uses the State V2 asynchronous API (which ForSt
 * needs to use its remote primary directory).
 */
public final class StateSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String VALUE = "value";
    public static final String MAP = "map";
    public static final String LIST = "list";

    final String kind;
    final int entries;
    final long ttlMillis;
    final long sinkDelayNanos;
    final boolean async;

    private StateSpec(String kind, int entries, long ttlMillis, long sinkDelayNanos, boolean async) {
        if (!kind.equals(VALUE) && !kind.equals(MAP) && !kind.equals(LIST) || entries < 1) {
            throw new IllegalArgumentException("bad state spec: " + kind + " × " + entries);
        }
        this.kind = kind;
        this.entries = entries;
        this.ttlMillis = ttlMillis;
        this.sinkDelayNanos = sinkDelayNanos;
        this.async = async;
    }

    /** One ValueState per key, synchronous, no TTL, a discarding sink: the job as it always was. */
    public static StateSpec value() {
        return new StateSpec(VALUE, 1, -1, 0, false);
    }

    /**
     * @param ttl       null for none
     * @param sinkDelay null for a discarding sink
     */
    public static StateSpec of(String kind, int entries, Duration ttl, Duration sinkDelay, boolean async) {
        return new StateSpec(kind, kind.equals(VALUE) ? 1 : entries, ttl == null ? -1 : ttl.toMillis(),
                sinkDelay == null ? 0 : sinkDelay.toNanos(), async);
    }

    /** The plain job: the original {@link ValueUpdate} serves it. */
    boolean plain() {
        return kind.equals(VALUE) && ttlMillis < 0 && !async;
    }

    /**
     * Expired entries are never returned, and RocksDB's compaction filter drops them (checking the clock every
     * 1000 entries it visits), so the state shrinks as RocksDB compacts; heap backends clean up as keys are touched.
     */
    StateTtlConfig ttl() {
        return StateTtlConfig.newBuilder(Duration.ofMillis(ttlMillis))
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupInRocksdbCompactFilter(1000)
                .build();
    }

    boolean hasTtl() {
        return ttlMillis > 0;
    }

    public String kind() {
        return kind;
    }

    public int entries() {
        return entries;
    }
}
