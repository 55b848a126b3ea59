package ckpt.report;

import ckpt.text.Units;
import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The report's opening sentences, computed from the comparison table and the runs' checkpoint tables: what the
 * incremental run uploaded and how long its checkpoints took against the full run, whether a few checkpoints
 * carried most of the bytes, and which percentiles rest on few checkpoints. Every number comes from a column.
 */
public final class Findings {
    private Findings() {
    }

    /**
     * A few checkpoints carrying most of the upload: among the steady completed checkpoints, those that persisted
     * more than half of the state they checkpointed ({@code checkpointed_bytes > state_bytes / 2}: in incremental
     * mode, the ones that re-uploaded most of the state after RocksDB compactions rewrote its files). Present when
     * they are at least one and at most half of the checkpoints, and carry at least half of the bytes; e.g.
     * "8 of 30 checkpoints carried 84 % of the bytes uploaded". The run summary line can use it too.
     */
    public static Optional<String> concentration(Table checkpoints) {
        Heavy h = heavy(checkpoints);
        if (h.count() == 0 || h.count() * 2 > h.total() || h.share() < 0.5) {
            return Optional.empty();
        }
        return Optional.of(h.count() + " of " + h.total() + " checkpoints carried " + Units.percent(h.share())
                + " of the bytes uploaded");
    }

    /** Steady checkpoints that re-uploaded more than half of the state, and their share of the bytes. */
    record Heavy(int count, int total, double share) {
    }

    static Heavy heavy(Table checkpoints) {
        if (checkpoints == null || !checkpoints.columnNames().contains(CheckpointTable.CHECKPOINTED_BYTES)
                || !checkpoints.columnNames().contains(CheckpointTable.STATE_BYTES)) {
            return new Heavy(0, 0, 0);
        }
        Table steady = Tables.steadyRows(checkpoints);
        NumericColumn<?> up = steady.numberColumn(CheckpointTable.CHECKPOINTED_BYTES);
        NumericColumn<?> state = steady.numberColumn(CheckpointTable.STATE_BYTES);
        int total = 0;
        int count = 0;
        double all = 0;
        double big = 0;
        for (int i = 0; i < steady.rowCount(); i++) {
            if (up.isMissing(i)) {
                continue;
            }
            double b = up.getDouble(i);
            total++;
            all += b;
            if (!state.isMissing(i) && b > state.getDouble(i) / 2) {
                count++;
                big += b;
            }
        }
        return new Heavy(count, total, all > 0 ? big / all : 0);
    }

    /**
     * The opening sentences for these runs, given their comparison ({@link Tables#withRatio} of
     * {@link Tables#compare}). With both modes present they lead with the incremental ÷ full ratios of upload
     * volume and p50 duration; otherwise one sentence per run.
     */
    public static List<String> of(List<Run> runs, Table compare) {
        List<String> out = new ArrayList<>();
        int ratio = -1;
        for (int i = 0; i < compare.rowCount(); i++) {
            if (Tables.isRatioRow(compare, i)) {
                ratio = i;
            }
        }
        if (ratio >= 0) {
            out.add(headline(compare, ratio));
        } else {
            for (int i = 0; i < compare.rowCount(); i++) {
                out.add(perRun(compare, i));
            }
        }
        if (compare.columnNames().contains(Tables.DIFFERS)) {
            // right after the headline: its ratio compares more than the modes
            for (int i = 0; i < compare.rowCount(); i++) {
                String d = compare.stringColumn(Tables.DIFFERS).get(i);
                if (!d.isEmpty()) {
                    out.add(label(compare, i) + (i == 0 ? ": " : " differs from " + label(compare, 0)
                            + " in more than its mode, so the figures compare more than that: ") + d + ".");
                }
            }
        }
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Heavy h = heavy(r.checkpoints());
            Optional<String> c = concentration(r.checkpoints());
            if (c.isPresent()) {
                out.add(label(compare, i) + ": " + h.count() + " of " + h.total() + " steady checkpoints re-uploaded more "
                        + "than half of the state and carried " + Units.percent(h.share()) + " of the bytes uploaded, "
                        + "so the median checkpoint (" + cell(compare, i, Tables.MEDIAN_CHECKPOINTED_BYTES)
                        + ") understates the cost: the mean is " + cell(compare, i, Tables.MEAN_CHECKPOINTED_BYTES) + ".");
            }
        }
        for (int i = 0; i < compare.rowCount(); i++) {
            if (Tables.thin(compare, i)) {
                out.add(label(compare, i) + ": its percentiles rest on " + count(compare, i)
                        + (missing(compare, i, Tables.FAILED_SHARE) || num(compare, i, Tables.FAILED_SHARE) == 0 ? ""
                        : ", while " + Units.percent(num(compare, i, Tables.FAILED_SHARE))
                        + " of those triggered failed") + " (marked " + TableText.MARK + ").");
            }
        }
        return out;
    }

    private static String headline(Table c, int ratio) {
        List<String> parts = new ArrayList<>();
        if (!missing(c, ratio, Tables.UPLOAD_BYTES_PER_S)) {
            parts.add("INCREMENTAL uploaded " + Units.ratio(num(c, ratio, Tables.UPLOAD_BYTES_PER_S))
                    + " the bytes per second of FULL (" + perMode(c, "INCREMENTAL", Tables.UPLOAD_BYTES_PER_S) + " vs "
                    + perMode(c, "FULL", Tables.UPLOAD_BYTES_PER_S) + ")");
        }
        if (!missing(c, ratio, Tables.P50_DURATION_MS)) {
            parts.add((parts.isEmpty() ? "INCREMENTAL's" : "its") + " p50 checkpoint took "
                    + Units.ratio(num(c, ratio, Tables.P50_DURATION_MS)) + " as long ("
                    + perMode(c, "INCREMENTAL", Tables.P50_DURATION_MS) + " vs " + perMode(c, "FULL", Tables.P50_DURATION_MS) + ")");
        }
        if (!missing(c, ratio, Tables.MEDIAN_CHECKPOINTED_BYTES) && !missing(c, ratio, Tables.P95_CHECKPOINTED_BYTES)) {
            parts.add("per checkpoint, the median size ratio is " + Units.ratio(num(c, ratio, Tables.MEDIAN_CHECKPOINTED_BYTES))
                    + " and the p95 size ratio " + Units.ratio(num(c, ratio, Tables.P95_CHECKPOINTED_BYTES)));
        }
        if (parts.isEmpty()) {
            return "No steady checkpoint completed in one of the modes: there is no ratio to report.";
        }
        String s = String.join("; ", parts) + ".";
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String perRun(Table c, int i) {
        StringBuilder sb = new StringBuilder(label(c, i)).append(" (").append(c.stringColumn(Tables.MODE).get(i)).append("): ")
                .append(count(c, i));
        if (num(c, i, Tables.CHECKPOINTS) > 0) {
            sb.append(", p50 ").append(cell(c, i, Tables.P50_DURATION_MS)).append(", uploaded ")
                    .append(cell(c, i, Tables.UPLOADED_BYTES)).append(" (").append(cell(c, i, Tables.UPLOAD_BYTES_PER_S))
                    .append(")");
        }
        return sb.append('.').toString();
    }

    /** "1 steady checkpoint", "30 steady checkpoints". */
    private static String count(Table c, int i) {
        long n = (long) num(c, i, Tables.CHECKPOINTS);
        return n + (n == 1 ? " steady checkpoint" : " steady checkpoints");
    }

    /** The value of a column in the rows of one mode (their median when several runs share it), readable. */
    private static String perMode(Table c, String mode, String column) {
        List<Double> v = new ArrayList<>();
        NumericColumn<?> n = c.numberColumn(column);
        for (int i = 0; i < c.rowCount(); i++) {
            if (mode.equalsIgnoreCase(c.stringColumn(Tables.MODE).get(i)) && !n.isMissing(i)) {
                v.add(n.getDouble(i));
            }
        }
        double m = Percentiles.median(v.stream().mapToDouble(Double::doubleValue).toArray());
        String s = Units.format(Units.of(column), m);
        return v.size() > 1 ? s + ", median of " + v.size() + " runs" : s;
    }

    private static String label(Table c, int i) {
        return c.stringColumn(Tables.RUN).get(i);
    }

    private static String cell(Table c, int i, String column) {
        return Units.format(Units.of(column), num(c, i, column));
    }

    private static boolean missing(Table c, int i, String column) {
        return !c.columnNames().contains(column) || c.column(column).isMissing(i);
    }

    private static double num(Table c, int i, String column) {
        return missing(c, i, column) ? Double.NaN : c.numberColumn(column).getDouble(i);
    }
}
