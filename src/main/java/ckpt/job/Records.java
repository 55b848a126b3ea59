package ckpt.job;

import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The n-th record of a part: (key, amount). Warm-up visits every record of the part once, in order. Steady walks
 * the part's records again in a scrambled but complete order (a stride coprime with the part's size), so n steady
 * records touch n distinct keys while n ≤ the part's size: churn is exact. A replayed table keeps its row order.
 */
final class Records {
    private final JobPlan plan;
    private final int part;
    private final long size;
    private final long stride;

    Records(JobPlan plan, int part) {
        this.plan = plan;
        this.part = part;
        this.size = plan.warmupOf(part);
        this.stride = plan.accounts == null ? coprimeStride(size, plan.seed) : 1;
    }

    /** Warm-up records of this part. */
    long size() {
        return size;
    }

    /** The record at position n of this part (n ≥ size: steady). */
    Tuple2<Long, Double> at(long n) {
        long t = n < size ? n : mulMod((n - size) % size, stride, size);
        long index = part + (long) plan.parts * t;
        if (plan.accounts == null) {
            return Tuple2.of(index, Double.NaN);
        }
        double account = plan.accounts[(int) index];
        return Tuple2.of(Double.isNaN(account) ? -1L : (long) account, plan.amounts[(int) index]);
    }

    /** (a × b) mod m without overflow for the sizes we allow (m ≤ 2e9 keeps the product in 63 bits). */
    private static long mulMod(long a, long b, long m) {
        return Math.floorMod(Math.multiplyExact(a, b), m);
    }

    static long coprimeStride(long size, long seed) {
        if (size <= 2) {
            return 1;
        }
        long s = Math.floorMod(0x9E3779B97F4A7C15L ^ seed, size);
        while (s < 2 || gcd(s, size) != 1) {
            s = s + 1 >= size ? 2 : s + 1;
        }
        return s;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
