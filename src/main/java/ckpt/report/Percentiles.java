package ckpt.report;

import java.util.Arrays;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Percentiles by <b>linear interpolation between closest ranks</b> (Hyndman &amp; Fan type 7, the default of R,
 * NumPy and spreadsheets' PERCENTILE.INC). For the n values sorted ascending, x[0] ≤ … ≤ x[n−1], the p-th
 * percentile (0 ≤ p ≤ 100) is
 *
 * <pre>  h = (n − 1) · p / 100,   P = x[⌊h⌋] + (h − ⌊h⌋) · (x[⌊h⌋ + 1] − x[⌊h⌋])</pre>
 *
 * So p50 is the usual median (the mean of the two middle values for an even count), p100 is the maximum, p0 the
 * minimum, and a single value is every percentile of itself. Missing values are left out; no values at all give
 * {@code NaN}, which tables store as missing.
 */
public final class Percentiles {
    /** p50 as a Tablesaw aggregate: {@code t.summarize("duration_ms", p50).by("run")}. */
    public static final NumericAggregateFunction P50 = function(50);
    /** p95 as a Tablesaw aggregate. */
    public static final NumericAggregateFunction P95 = function(95);
    /** p99 as a Tablesaw aggregate. */
    public static final NumericAggregateFunction P99 = function(99);
    /** The largest value as a Tablesaw aggregate (missing values left out; none gives missing). */
    public static final NumericAggregateFunction MAX = new NumericAggregateFunction("max") {
        @Override
        public Double summarize(NumericColumn<?> column) {
            return max(valuesOf(column));
        }
    };
    /** How many values are present (not missing), as a Tablesaw aggregate. */
    public static final NumericAggregateFunction COUNT = new NumericAggregateFunction("count") {
        @Override
        public Double summarize(NumericColumn<?> column) {
            return (double) valuesOf(column).length;
        }
    };

    private Percentiles() {
    }

    /**
     * The p-th percentile as a Tablesaw aggregate function named "pNN" (the result column reads
     * {@code pNN [column]}). Tablesaw's own {@code percentile95} uses another estimator; this one is the same
     * linear interpolation as {@code compare} and {@code stats}, so the figures agree. Missing values are left
     * out; a column with none gives a missing result.
     */
    public static NumericAggregateFunction function(double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        String name = "p" + (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p));
        return new NumericAggregateFunction(name) {
            @Override
            public Double summarize(NumericColumn<?> column) {
                return of(valuesOf(column), p);
            }
        };
    }

    private static double[] valuesOf(NumericColumn<?> column) {
        double[] v = new double[column.size()];
        int k = 0;
        for (int i = 0; i < v.length; i++) {
            if (!column.isMissing(i)) {
                v[k++] = column.getDouble(i);
            }
        }
        return Arrays.copyOf(v, k);
    }

    /** The p-th percentile (0–100) of the values, or NaN when there are none (NaN inputs are ignored). */
    public static double of(double[] values, double p) {
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
        double[] x = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        int n = x.length;
        if (n == 0) {
            return Double.NaN;
        }
        double h = (n - 1) * p / 100.0;
        int lo = (int) Math.floor(h);
        if (lo >= n - 1) {
            return x[n - 1];
        }
        return x[lo] + (h - lo) * (x[lo + 1] - x[lo]);
    }

    /** The median (p50). */
    public static double median(double[] values) {
        return of(values, 50);
    }

    /** The largest value, or NaN when there are none. */
    public static double max(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN);
    }

    /** The non-missing values of a numeric column as doubles (missing ones are left out). */
    public static double[] values(Table t, String column) {
        Column<?> c = t.column(column);
        if (!(c instanceof tech.tablesaw.api.NumericColumn<?> n)) {
            throw new IllegalArgumentException("column '" + column + "' is not numeric");
        }
        double[] out = new double[t.rowCount()];
        int k = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (!n.isMissing(i)) {
                out[k++] = n.getDouble(i);
            }
        }
        return Arrays.copyOf(out, k);
    }
}
