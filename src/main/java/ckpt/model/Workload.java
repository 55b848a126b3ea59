package ckpt.model;

import tech.tablesaw.api.Table;

/**
 * What the job does: how many keys, how big their values, how many of them change per checkpoint interval in
 * the steady phase (churn, or an explicit rate), and optionally a table to replay instead of synthetic keys.
 */
public record Workload(long keys, int valueBytes, double churn, long rate, long seed, Table source,
                       StateShape shape) {

    static Workload defaults() {
        return new Workload(100_000, 100, 0.05, 0, 42, null, StateShape.defaults());
    }

    Workload withKeys(long v) {
        return new Workload(v, valueBytes, churn, rate, seed, source, shape);
    }

    Workload withValueBytes(int v) {
        return new Workload(keys, v, churn, rate, seed, source, shape);
    }

    Workload withChurn(double v) {
        return new Workload(keys, valueBytes, v, rate, seed, source, shape);
    }

    Workload withRate(long v) {
        return new Workload(keys, valueBytes, churn, v, seed, source, shape);
    }

    Workload withSeed(long v) {
        return new Workload(keys, valueBytes, churn, rate, v, source, shape);
    }

    Workload withSource(Table v) {
        return new Workload(keys, valueBytes, churn, rate, seed, v, shape);
    }

    Workload withShape(StateShape v) {
        return new Workload(keys, valueBytes, churn, rate, seed, source, v);
    }

    /** Records the warm-up writes: every key once, or every table row once. */
    public long warmupRecords() {
        return source != null ? source.rowCount() : keys;
    }
}
