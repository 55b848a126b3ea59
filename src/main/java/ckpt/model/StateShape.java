package ckpt.model;

import java.time.Duration;
import java.util.Locale;

/**
 * What the state looks like per key, and how fast the job's sink drains it.
 *
 * @param kind      {@code value} (one ValueState per key, read-modify-write), {@code map} (a MapState of
 *                  {@code entries} entries per key; a record rewrites one entry) or {@code list} (a ListState of
 *                  {@code entries} elements per key; a record appends one and drops the oldest)
 * @param entries   entries per key of a map, elements per key of a list (ignored for value)
 * @param ttl       state time-to-live, or null (no TTL); on RocksDB expired entries are dropped by the
 *                  compaction filter, so the state shrinks when RocksDB compacts
 * @param sinkDelay time the sink spends per record, or null (a discarding sink); a slow sink backpressures the job
 */
public record StateShape(String kind, int entries, Duration ttl, Duration sinkDelay) {
    public static final String VALUE = "value";
    public static final String MAP = "map";
    public static final String LIST = "list";
    /** Entries per key when a map or list shape is chosen without {@code entries(n)}. */
    public static final int DEFAULT_ENTRIES = 4;

    /** Whether this is the built-in operator's default: one ValueState per key, no TTL, no slow sink. */
    public boolean isDefault() {
        return equals(defaults());
    }

    static StateShape defaults() {
        return new StateShape(VALUE, DEFAULT_ENTRIES, null, null);
    }

    StateShape withKind(String v) {
        return new StateShape(v.toLowerCase(Locale.ROOT), entries, ttl, sinkDelay);
    }

    StateShape withEntries(int v) {
        return new StateShape(kind, v, ttl, sinkDelay);
    }

    StateShape withTtl(Duration v) {
        return new StateShape(kind, entries, v, sinkDelay);
    }

    StateShape withSinkDelay(Duration v) {
        return new StateShape(kind, entries, ttl, v);
    }

    /** Values held per key: 1 for value, {@code entries} for map and list. */
    public int valuesPerKey() {
        return kind.equals(VALUE) ? 1 : entries;
    }
}
