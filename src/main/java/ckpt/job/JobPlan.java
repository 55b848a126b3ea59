package ckpt.job;

import java.io.Serializable;

/**
 * Everything the measured job needs to run on a TaskManager, and nothing from the shell: it travels inside the
 * job graph to any cluster. The source writes {@code warmupRecords} records once (warm-up), waits at the gate,
 * then writes {@code steadyRate} records per second (0 = as fast as it can).
 *
 * <p>Records are split into {@code parts}, one per source subtask: part j owns warm-up indices j, j+p, j+2p, …
 * so the parts are disjoint and their union is exact. Steady writes exactly {@code steadyRate × steadyMillis} records
 * when the job keeps up, so the records a run counts can be checked against its plan.
 */
public final class JobPlan implements Serializable {
    private static final long serialVersionUID = 1L;

    final long warmupRecords;
    final int valueBytes;
    final long seed;
    final double steadyRate;
    final long steadyMillis;
    /** Source subtask 0 throws once, this long into steady (-1 = never): a failover to measure. */
    final long failAfterMillis;
    final int parts;
    /** This run's id: a coordinator restored from another run's checkpoint starts a steady phase of its own. */
    final String runId;
    /** After a restore, read every key once and report the sum of update counts (the verification pass). */
    final boolean verify;
    /** Replayed table columns (account, amount per row), or null for synthetic keys. */
    final double[] accounts;
    final double[] amounts;

    private JobPlan(long warmupRecords, int valueBytes, long seed, double steadyRate, long steadyMillis,
                    long failAfterMillis, int parts, String runId, boolean verify, double[] accounts,
                    double[] amounts) {
        if (warmupRecords < 1 || parts < 1 || valueBytes < 16) {
            throw new IllegalArgumentException("bad job plan: " + warmupRecords + " records, " + parts + " parts, "
                    + valueBytes + " B values");
        }
        this.warmupRecords = warmupRecords;
        this.valueBytes = valueBytes;
        this.seed = seed;
        this.steadyRate = steadyRate;
        this.steadyMillis = steadyMillis;
        this.failAfterMillis = failAfterMillis;
        this.parts = parts;
        this.runId = runId;
        this.verify = verify;
        this.accounts = accounts;
        this.amounts = amounts;
    }

    /**
     * Synthetic keys 0..keys-1, each written once in warm-up and then updated at {@code steadyRate} per second for
     * {@code steadyMillis}; after that the source idles while the runner collects the last checkpoints.
     */
    public static JobPlan synthetic(long keys, int valueBytes, long seed, double steadyRate, long steadyMillis,
                                    int parts) {
        return new JobPlan(keys, valueBytes, seed, steadyRate, steadyMillis, -1, parts, "", false, null, null);
    }

    /** A table replayed row by row (NaN account rows go to key -1): warm-up is the first pass. */
    public static JobPlan table(double[] accounts, double[] amounts, int valueBytes, long seed, double steadyRate,
                                long steadyMillis, int parts) {
        if (accounts.length != amounts.length) {
            throw new IllegalArgumentException("columns differ in length");
        }
        return new JobPlan(accounts.length, valueBytes, seed, steadyRate, steadyMillis, -1, parts, "", false, accounts,
                amounts);
    }

    /** The same plan with one injected failure: source subtask 0 throws once, this long into steady. */
    public JobPlan failingAfter(long millis) {
        return new JobPlan(warmupRecords, valueBytes, seed, steadyRate, steadyMillis, millis, parts, runId, verify,
                accounts, amounts);
    }

    /** The same plan for the run with this id (restored coordinators tell their own run from another). */
    public JobPlan forRun(String id) {
        return new JobPlan(warmupRecords, valueBytes, seed, steadyRate, steadyMillis, failAfterMillis, parts, id,
                verify, accounts, amounts);
    }

    /**
     * The same plan with the verification pass: after a restore, each reader first sends one read-only record per
     * key of its parts and the stateful operator sums the update counts it finds (synthetic keys only: a replayed
     * table's rows are not its keys).
     */
    public JobPlan verifying() {
        return new JobPlan(warmupRecords, valueBytes, seed, steadyRate, steadyMillis, failAfterMillis, parts, runId,
                accounts == null, accounts, amounts);
    }

    /**
     * Steady records the source writes when it keeps up: each part its share of the rate for {@code steadyMillis},
     * rounded up (-1 = unbounded, for a table replayed as fast as possible).
     */
    public long steadyQuota() {
        if (steadyRate <= 0) {
            return -1;
        }
        long total = 0;
        for (int p = 0; p < parts; p++) {
            total += warmupOf(p) > 0 ? partQuota() : 0;
        }
        return total;
    }

    /** Steady records of one part (a part with no keys writes none), Long.MAX_VALUE when unbounded. */
    long partQuota() {
        return steadyRate <= 0 ? Long.MAX_VALUE : (long) Math.ceil(steadyMillis * (steadyRate / parts) / 1000.0);
    }

    public long warmupRecords() {
        return warmupRecords;
    }

    public int parts() {
        return parts;
    }

    public double steadyRate() {
        return steadyRate;
    }

    public int valueBytes() {
        return valueBytes;
    }

    /** Warm-up records of part j (indices j, j+p, … below warmupRecords). */
    long warmupOf(int part) {
        return part < warmupRecords ? (warmupRecords - 1 - part) / parts + 1 : 0;
    }
}
