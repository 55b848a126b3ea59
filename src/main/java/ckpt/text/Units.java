package ckpt.text;

import java.util.Locale;

/**
 * Human-readable numbers. Bytes are 1024-based (KiB, MiB, GiB, TiB), milliseconds become {@code ms} or {@code s},
 * ratios get a {@code ×}. The decimal point is always '.', whatever the machine's locale.
 *
 * <p>A column's unit is read from its name: a name ending in {@code _bytes} holds bytes, {@code _bytes_per_s} bytes
 * per second, {@code _ms} milliseconds, {@code _share} a fraction of 1 (printed as a percentage), {@code _overhead}
 * a ratio ({@code 1.03×}); anything else is a plain number.
 */
public final class Units {
    /** What a column measures, from its name. */
    public enum Unit {
        BYTES, BYTES_PER_S, MILLIS, SHARE, RATIO, PLAIN
    }

    private static final String[] BINARY = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private Units() {
    }

    /**
     * The unit of a column, from its name suffix ({@code _bytes}, {@code _bytes_per_s}, {@code _ms}, {@code _share});
     * {@code _ms_max} is a duration too (the recoveries table's slowest-subtask columns, named after Flink's span
     * attributes).
     */
    public static Unit of(String column) {
        if (column == null) {
            return Unit.PLAIN;
        }
        if (column.endsWith("_bytes")) {
            return Unit.BYTES;
        }
        if (column.endsWith("_bytes_per_s")) {
            return Unit.BYTES_PER_S;
        }
        if (column.endsWith("_share")) {
            return Unit.SHARE;
        }
        if (column.endsWith("_ms") || column.endsWith("_ms_max")) {
            return Unit.MILLIS;
        }
        if (column.endsWith("_overhead")) {
            return Unit.RATIO; // storage ÷ state: 1.03× says 3 % more than one copy, where "1" would hide it
        }
        return Unit.PLAIN;
    }

    /** A value in its unit: {@code 262.1 MiB}, {@code 1.87 s}, {@code 312 ms}, {@code 1,234}. */
    public static String format(Unit unit, double value) {
        return switch (unit) {
            case BYTES -> bytes(value);
            case BYTES_PER_S -> bytes(value) + "/s";
            case MILLIS -> millis(value);
            case SHARE -> percent(value);
            case RATIO -> ratio(value);
            case PLAIN -> plain(value);
        };
    }

    /** A fraction of 1 as a percentage: {@code 0 %}, {@code 4.0 %} below 10 %, {@code 84 %} from there. */
    public static String percent(double fraction) {
        if (Double.isNaN(fraction)) {
            return "";
        }
        double p = fraction * 100;
        if (p == 0) {
            return "0 %";
        }
        return String.format(Locale.ROOT, Math.abs(p) < 9.95 ? "%.1f %%" : "%.0f %%", p);
    }

    /**
     * A duration as a person writes it: {@code 500 ms}, {@code 1 s}, {@code 1.5 s}, {@code 10 min}, {@code 1 h 30 min}
     * (never Java's {@code PT1S}); null gives "".
     */
    public static String duration(java.time.Duration d) {
        if (d == null) {
            return "";
        }
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return trim(ms / 1000.0) + " s";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
        }
        long min = s / 60;
        return min / 60 + " h" + (min % 60 == 0 ? "" : " " + min % 60 + " min");
    }

    /**
     * Bytes, 1024-based: below 1 KiB as whole bytes ({@code 512 B}), above with one decimal in the largest unit
     * that keeps the number under 1024 ({@code 262.1 MiB}).
     */
    public static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "";
        }
        double abs = Math.abs(b);
        if (abs < 1024) {
            return plainNumber(b) + " B";
        }
        int k = 0;
        double v = abs;
        while (k < BINARY.length - 1 && Math.round(v * 10) / 10.0 >= 1024) {
            v /= 1024;
            k++;
        }
        return String.format(Locale.ROOT, "%s%.1f %s", b < 0 ? "-" : "", v, BINARY[k]);
    }

    /**
     * Milliseconds: below one second as {@code 312 ms} (one decimal when not whole, e.g. an interpolated
     * percentile {@code 312.5 ms}); from one second as seconds with three significant digits ({@code 1.87 s},
     * {@code 12.4 s}, {@code 187 s}).
     */
    public static String millis(double ms) {
        if (Double.isNaN(ms)) {
            return "";
        }
        double abs = Math.abs(ms);
        if (abs < 999.95) {
            return plainNumber(ms) + " ms";
        }
        double s = ms / 1000.0;
        double as = Math.abs(s);
        if (as < 9.995) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        if (as < 99.95) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        return String.format(Locale.ROOT, "%.0f s", s);
    }

    /** A ratio: below 1 with two significant digits ({@code 0.17×}, {@code 0.067×}), else {@code 1.03×}, {@code 12.3×}. */
    public static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "";
        }
        double a = Math.abs(r);
        if (a == 0) {
            return "0×";
        }
        if (a < 1) {
            // two significant digits: 0.17×, 0.067×, 0.0042×
            return new java.math.BigDecimal(r).round(new java.math.MathContext(2)).toPlainString() + "×";
        }
        if (a < 10) {
            return String.format(Locale.ROOT, "%.2f×", r);
        }
        if (a < 100) {
            return String.format(Locale.ROOT, "%.1f×", r);
        }
        return String.format(Locale.ROOT, "%.0f×", r);
    }

    /** A plain number with thousands separators and one decimal, dropped when it is 0 ({@code 1,234,567}, {@code 12.3}). */
    public static String plain(double v) {
        if (Double.isNaN(v)) {
            return "";
        }
        if (Math.abs(v) < 1 && v != 0) {
            // 0.26 stays 0.26 (one decimal would print 0.3), 0.0042 stays 0.0042
            return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
        }
        String s = String.format(Locale.ROOT, "%,.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** One decimal, dropped when it is 0, no separators (used inside units: {@code 312 ms}, {@code 312.5 ms}). */
    private static String plainNumber(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /**
     * A compact axis tick label: the value in its unit with trailing zeros dropped ({@code 0}, {@code 500 ms},
     * {@code 1.5 s}, {@code 256 MiB}). Ticks are chosen as round numbers, so nothing is lost.
     */
    public static String tick(Unit unit, double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        return switch (unit) {
            case BYTES -> {
                int k = 0;
                double x = a;
                while (k < BINARY.length - 1 && x >= 1024) {
                    x /= 1024;
                    k++;
                }
                yield (v < 0 ? "-" : "") + trim(x) + " " + BINARY[k];
            }
            case BYTES_PER_S -> tick(Unit.BYTES, v) + "/s";
            case MILLIS -> a < 1000 ? trim(v) + " ms" : trim(v / 1000.0) + " s";
            case SHARE -> trim(v * 100) + " %";
            case RATIO -> trim(v) + "×";
            case PLAIN -> a >= 1_000_000 ? trim(v / 1_000_000) + "M" : a >= 10_000 ? trim(v / 1000) + "k" : trim(v);
        };
    }

    private static String trim(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            if (s.endsWith(".")) {
                s = s.substring(0, s.length() - 1);
            }
        }
        return s.equals("-0") ? "0" : s;
    }

    /** Whether values of this unit are bytes scaled 1024-based (bytes and bytes per second). */
    public static boolean binary(Unit unit) {
        return unit == Unit.BYTES || unit == Unit.BYTES_PER_S;
    }
}
