package ckpt.report;

import ckpt.text.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * Round axis steps shared by the terminal and file charts, so both tick at the same values: 1, 2, 2.5, 5 × 10^k in
 * the column's unit, and for bytes the same in the 1024-based unit (256 MiB, never 244.1 MiB).
 */
final class Scales {
    private Scales() {
    }

    /** A round step ≥ raw: 1, 2, 2.5, 5 × 10^k; for bytes the same in the 1024-based unit (e.g. 256 MiB). */
    static double niceStep(double raw, Units.Unit unit) {
        if (!(raw > 0)) {
            return 1;
        }
        double scale = 1;
        if (Units.binary(unit)) {
            while (raw / scale >= 1024) {
                scale *= 1024;
            }
        }
        double r = raw / scale;
        double pow = Math.pow(10, Math.floor(Math.log10(r)));
        double[] steps = {1, 2, 2.5, 5, 10};
        for (double s : steps) {
            if (s * pow >= r * (1 - 1e-12)) {
                return bytesStep(s * pow, scale, unit);
            }
        }
        return bytesStep(10 * pow, scale, unit);
    }

    /** A byte step of 1000 KiB (or 1000 MiB…) reads as 4.883 MiB, 3.906 MiB…: use 1 of the next unit instead. */
    private static double bytesStep(double step, double scale, Units.Unit unit) {
        return Units.binary(unit) && step >= 1000 ? 1024 * scale : step * scale;
    }

    /** Round ticks from min to max, about {@code count} of them; whole numbers when {@code integral}. */
    static List<Double> ticks(double min, double max, double count, Units.Unit unit, boolean integral) {
        List<Double> out = new ArrayList<>();
        if (max == min) {
            out.add(min);
            return out;
        }
        double step = niceStep((max - min) / Math.max(1, count), Units.binary(unit) ? unit : Units.Unit.PLAIN);
        if (integral) {
            step = Math.max(1, Math.round(step));
        }
        double first = Math.ceil(min / step) * step;
        for (double v = first; v <= max + step * 1e-9 && out.size() < 200; v += step) {
            out.add(v);
        }
        return out;
    }
}
