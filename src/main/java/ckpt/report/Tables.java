package ckpt.report;

import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Tables that compare runs: {@link #compare} (one row per run), {@link #stats} (grouped statistics of a
 * per-checkpoint table), {@link #withRatio} (the {@code incremental ÷ full} row), plus readable printing and
 * export. Percentiles are defined in {@link Percentiles} (linear interpolation between closest ranks).
 *
 * <p>Every figure is computed from the data as it is: a value that cannot be computed (no steady checkpoints,
 * Flink did not report it, division by zero) is <b>missing</b>, never 0 or NaN.
 */
public final class Tables {
    /** The {@code mode} value of the ratio row. */
    public static final String RATIO_MODE = "ratio";
    /** The {@code run} value of the ratio row. */
    public static final String RATIO_RUN = "incremental ÷ full";

    public static final String RUN = CheckpointTable.RUN;
    public static final String MODE = CheckpointTable.MODE;
    public static final String CHECKPOINTS = "checkpoints";
    public static final String FAILED = "failed";
    public static final String FAILED_SHARE = "failed_share";
    public static final String P50_DURATION_MS = "p50_duration_ms";
    public static final String P95_DURATION_MS = "p95_duration_ms";
    public static final String MAX_DURATION_MS = "max_duration_ms";
    public static final String MEDIAN_CHECKPOINTED_BYTES = "median_checkpointed_bytes";
    public static final String UPLOAD_BYTES_PER_S = "upload_bytes_per_s";
    public static final String MEAN_CHECKPOINTED_BYTES = "mean_checkpointed_bytes";
    public static final String P95_CHECKPOINTED_BYTES = "p95_checkpointed_bytes";
    public static final String UPLOADED_BYTES = "uploaded_bytes";
    public static final String FINAL_STATE_BYTES = "final_state_bytes";
    public static final String DISK_BYTES = "disk_bytes";
    public static final String FAILED_OUTSIDE_HISTORY = "failed_outside_history";
    public static final String REFERENCED_BYTES = "referenced_bytes";
    public static final String ORPHANED_BYTES = "orphaned_bytes";
    public static final String P50_RESTORE_MS = "p50_restore_ms";
    public static final String MEDIAN_RESTORED_BYTES = "median_restored_bytes";
    public static final String WARMUP_RECORDS_PER_S = "warmup_records_per_s";
    public static final String STEADY_RECORDS_PER_S = "steady_records_per_s";
    /** Files in the checkpoint folder after the job stopped (compare with fileMerging). */
    public static final String DISK_FILES = "disk_files";
    /** p50 over steady checkpoints of disk bytes ÷ full state size. */
    public static final String STORAGE_OVERHEAD = "storage_overhead";
    /** The per-checkpoint column storage_overhead is computed from (bytes in storage at that checkpoint). */
    public static final String CHECKPOINT_DISK_BYTES = "disk_bytes";
    /** Percentiles over fewer checkpoints than this are marked ({@link #thin}). */
    public static final int MIN_SAMPLE = 5;

    private Tables() {
    }

    /**
     * One row per run. Duration and size statistics are over the run's <b>steady-phase, completed</b> checkpoints
     * ({@link CheckpointTable#steady}); percentiles by linear interpolation ({@link Percentiles}). Columns:
     * <ul>
     * <li>{@code run}, {@code mode} — the run's name (with its id when two runs share a name) and mode</li>
     * <li>{@code checkpoints} — number of steady completed checkpoints</li>
     * <li>{@code failed} — failed checkpoints in Flink's history, both phases (cut short by our own stop: not counted)</li>
     * <li>{@code failed_outside_history} — failures Flink counts that never entered its history: triggers refused
     *     before a checkpoint started, e.g. while the job deploys ({@code failed} + this + aborted = Flink's count)</li>
     * <li>{@code failed_share} — failed ÷ (completed + failed) among steady checkpoints: how many of those
     *     triggered the percentiles leave out (checkpoints cut short by the run's own stop are not counted)</li>
     * <li>{@code p50_duration_ms}, {@code p95_duration_ms}, {@code max_duration_ms} — end-to-end duration</li>
     * <li>{@code median_checkpointed_bytes} — median of what each checkpoint persisted (the delta when incremental)</li>
     * <li>{@code upload_bytes_per_s} — {@code uploaded_bytes} ÷ the steady phase's seconds ({@link Run#steadyMillis})</li>
     * <li>{@code mean_checkpointed_bytes}, {@code p95_checkpointed_bytes} — of the same checkpoints</li>
     * <li>{@code uploaded_bytes} — the sum of {@code checkpointed_bytes} over the steady completed checkpoints:
     *     what went to checkpoint storage. A few large incremental checkpoints (after RocksDB compactions) can
     *     carry most of it while the median stays small</li>
     * <li>{@code final_state_bytes} — full state size of the last completed checkpoint (any phase)</li>
     * <li>{@code disk_bytes} — bytes in the checkpoint folder after the job stopped (shared + exclusive + taskowned)</li>
     * <li>{@code referenced_bytes}, {@code orphaned_bytes} — of those, what the retained checkpoints' _metadata
     *     references (with the metadata itself) and what nothing references (left by expired or failed checkpoints)</li>
     * <li>{@code warmup_records_per_s} — fill throughput: warm-up records over the warm-up's wall time</li>
     * <li>{@code steady_records_per_s} — the churn achieved: steady records over the steady phase's wall time</li>
     * <li>{@code disk_files} — files in the checkpoint folder after the job stopped (file merging makes fewer)</li>
     * <li>{@code storage_overhead} — per steady checkpoint, the bytes in checkpoint storage while it was the newest
     *     (its {@code disk_bytes}) ÷ its full state size ({@code state_bytes}); the p50 of that. About 1 when storage
     *     holds one copy of the state; above 1 when it keeps more (the changelog's state changes next to the last
     *     materialization, files not yet cleaned up)</li>
     * </ul>
     * When any run went through restores ({@link Run#recoveries()}): {@code p50_restore_ms} (the p50 of Flink's
     * job-initialization durations of its restores) and {@code median_restored_bytes}.
     * A run without steady checkpoints has missing statistics; without any completed checkpoint a missing
     * {@code final_state_bytes}; storage that could not be read leaves the disk columns missing, never 0.
     */
    public static Table compare(Run... runs) {
        return compare(java.util.Arrays.asList(runs));
    }

    /** {@link #compare(Run...)} for a list. */
    public static Table compare(List<Run> runs) {
        if (runs == null || runs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new ckpt.error.CkptException("compare: no runs given, or one of them is null");
        }
        StringColumn run = StringColumn.create(RUN);
        StringColumn mode = StringColumn.create(MODE);
        IntColumn count = IntColumn.create(CHECKPOINTS);
        IntColumn failed = IntColumn.create(FAILED);
        DoubleColumn failedShare = DoubleColumn.create(FAILED_SHARE);
        DoubleColumn p50 = DoubleColumn.create(P50_DURATION_MS);
        DoubleColumn p95 = DoubleColumn.create(P95_DURATION_MS);
        LongColumn max = LongColumn.create(MAX_DURATION_MS);
        DoubleColumn medBytes = DoubleColumn.create(MEDIAN_CHECKPOINTED_BYTES);
        DoubleColumn uploadRate = DoubleColumn.create(UPLOAD_BYTES_PER_S);
        DoubleColumn meanBytes = DoubleColumn.create(MEAN_CHECKPOINTED_BYTES);
        DoubleColumn p95Bytes = DoubleColumn.create(P95_CHECKPOINTED_BYTES);
        LongColumn uploaded = LongColumn.create(UPLOADED_BYTES);
        LongColumn finalState = LongColumn.create(FINAL_STATE_BYTES);
        LongColumn disk = LongColumn.create(DISK_BYTES);
        LongColumn referenced = LongColumn.create(REFERENCED_BYTES);
        LongColumn orphaned = LongColumn.create(ORPHANED_BYTES);
        LongColumn outside = LongColumn.create(FAILED_OUTSIDE_HISTORY);
        DoubleColumn warmupRps = DoubleColumn.create(WARMUP_RECORDS_PER_S);
        DoubleColumn steadyRps = DoubleColumn.create(STEADY_RECORDS_PER_S);
        LongColumn diskFiles = LongColumn.create(DISK_FILES);
        DoubleColumn overhead = DoubleColumn.create(STORAGE_OVERHEAD);
        for (Run r : runs) {
            Table all = r.checkpoints() == null ? CheckpointTable.empty(r.name()) : r.checkpoints();
            Table steady = steadyRows(all);
            run.append(Reports.label(r, runs));
            mode.append(r.mode() == null ? "" : r.mode().name());
            count.append(steady.rowCount());
            failed.append(countStatus(all, CheckpointTable.FAILED));
            outside.append(r.counts() == null ? 0 : r.failedOutsideHistory());
            appendDouble(failedShare, failedShare(all));
            double[] d = Percentiles.values(steady, CheckpointTable.DURATION_MS);
            appendDouble(p50, Percentiles.of(d, 50));
            appendDouble(p95, Percentiles.of(d, 95));
            appendLong(max, Percentiles.max(d));
            double[] b = Percentiles.values(steady, CheckpointTable.CHECKPOINTED_BYTES);
            double sum = b.length == 0 ? Double.NaN : java.util.Arrays.stream(b).sum();
            appendDouble(medBytes, Percentiles.median(b));
            appendDouble(uploadRate, r.steadyMillis() <= 0 ? Double.NaN : sum * 1000.0 / r.steadyMillis());
            appendDouble(meanBytes, b.length == 0 ? Double.NaN : sum / b.length);
            appendDouble(p95Bytes, Percentiles.of(b, 95));
            appendLong(uploaded, sum);
            appendLong(finalState, lastCompleted(all, CheckpointTable.STATE_BYTES));
            if (r.disk() == null || !r.disk().readable()) {
                disk.appendMissing();
                referenced.appendMissing();
                orphaned.appendMissing();
            } else {
                disk.append(r.disk().totalBytes());
                referenced.append(r.disk().referencedBytes());
                orphaned.append(r.disk().orphanedBytes());
            }
            appendDouble(warmupRps, r.warmupMillis() <= 0 ? Double.NaN : r.warmupRecordsPerSecond());
            appendDouble(steadyRps, r.steadyMillis() <= 0 ? Double.NaN : r.steadyRecordsPerSecond());
            if (r.disk() == null || !r.disk().readable()) {
                diskFiles.appendMissing();
            } else {
                diskFiles.append(r.disk().totalFiles());
            }
            appendDouble(overhead, storageOverhead(steady));
        }
        Table t = Table.create("compare", run, mode, count, failed, outside, failedShare, p50, p95, max, medBytes,
                uploadRate, meanBytes, p95Bytes, uploaded, finalState, disk, referenced, orphaned, warmupRps, steadyRps,
                diskFiles, overhead);
        if (runs.stream().anyMatch(r -> r.recoveries() != null && r.recoveries().rowCount() > 0)) {
            DoubleColumn restoreMs = DoubleColumn.create(P50_RESTORE_MS);
            DoubleColumn restored = DoubleColumn.create(MEDIAN_RESTORED_BYTES);
            for (Run r : runs) {
                Table rec = r.recoveries() == null ? ckpt.model.RecoveryTable.empty(r.name()) : r.recoveries();
                appendDouble(restoreMs, Percentiles.of(Percentiles.values(rec, ckpt.model.RecoveryTable.RESTORE_MS), 50));
                appendDouble(restored, Percentiles.median(Percentiles.values(rec, ckpt.model.RecoveryTable.RESTORED_BYTES)));
            }
            t.addColumns(restoreMs, restored);
        }
        return t;
    }

    /**
     * The p50 of disk bytes ÷ state bytes over the rows that have both (NaN when none has: a run without storage
     * samples, e.g. one whose storage this shell cannot read).
     */
    static double storageOverhead(Table steady) {
        if (!steady.columnNames().contains(CHECKPOINT_DISK_BYTES)) {
            return Double.NaN;
        }
        NumericColumn<?> d = steady.numberColumn(CHECKPOINT_DISK_BYTES);
        NumericColumn<?> st = steady.numberColumn(CheckpointTable.STATE_BYTES);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < steady.rowCount(); i++) {
            if (!d.isMissing(i) && !st.isMissing(i) && st.getDouble(i) > 0) {
                ratios.add(d.getDouble(i) / st.getDouble(i));
            }
        }
        return Percentiles.median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Whether the percentiles of row i rest on little: fewer than {@link #MIN_SAMPLE} checkpoints, or fewer than
     * half of those triggered ({@code failed_share} over 0.5). Ratio rows are never thin. Tables without a
     * {@code checkpoints} column are never thin.
     */
    public static boolean thin(Table t, int row) {
        if (isRatioRow(t, row) || !t.columnNames().contains(CHECKPOINTS)
                || !(t.column(CHECKPOINTS) instanceof NumericColumn<?> n) || n.isMissing(row)) {
            return false;
        }
        if (n.getDouble(row) < MIN_SAMPLE) {
            return true;
        }
        return t.columnNames().contains(FAILED_SHARE) && t.column(FAILED_SHARE) instanceof NumericColumn<?> f
                && !f.isMissing(row) && f.getDouble(row) > 0.5;
    }

    /** Failed ÷ (completed + failed) among steady rows; NaN when none of them completed or failed. */
    static double failedShare(Table checkpoints) {
        List<String> cols = checkpoints.columnNames();
        if (!cols.contains(CheckpointTable.PHASE) || !cols.contains(CheckpointTable.STATUS)) {
            return Double.NaN;
        }
        int done = 0;
        int failed = 0;
        for (int i = 0; i < checkpoints.rowCount(); i++) {
            if (!CheckpointTable.STEADY.equals(checkpoints.stringColumn(CheckpointTable.PHASE).get(i))) {
                continue;
            }
            String st = checkpoints.stringColumn(CheckpointTable.STATUS).get(i);
            done += CheckpointTable.COMPLETED.equals(st) ? 1 : 0;
            failed += CheckpointTable.FAILED.equals(st) ? 1 : 0;
        }
        return done + failed == 0 ? Double.NaN : (double) failed / (done + failed);
    }

    /**
     * Grouped statistics of a per-checkpoint table (one run's, or several stacked with
     * {@link CheckpointTable#stack}): one row per ({@code run}, {@code mode}) in order of first appearance, over
     * the steady-phase completed checkpoints (when the table has {@code phase}/{@code status} columns; otherwise
     * over every row). Columns: {@code run}, {@code mode}, {@code checkpoints}, {@code failed_share} (as in
     * {@link #compare}), {@code p50/p95/max_duration_ms}, {@code p50/p95/max_checkpointed_bytes}. The figures are
     * Tablesaw's {@code summarize(...).by("run", "mode")} with {@link Percentiles#P50}, {@link Percentiles#P95}
     * and {@link Percentiles#MAX}, the same functions a user can pass to {@code summarize} in the shell. When both FULL and INCREMENTAL rows are present the
     * {@code incremental ÷ full} row of {@link #withRatio} is appended.
     *
     * <p>Rows are grouped by the {@code run} column's value: two runs with the same name are one group.
     */
    public static Table stats(Table checkpoints) {
        Table steady = steadyRows(checkpoints);
        boolean hasRun = checkpoints.columnNames().contains(RUN);
        boolean hasMode = checkpoints.columnNames().contains(MODE);
        // groups in order of first appearance in the whole table, so a run without steady rows still gets a row
        Map<List<String>, Integer> groups = new LinkedHashMap<>();
        for (int i = 0; i < checkpoints.rowCount(); i++) {
            groups.putIfAbsent(key(checkpoints, i, hasRun, hasMode, checkpoints.name()), groups.size());
        }
        String[] measured = {CheckpointTable.DURATION_MS, CheckpointTable.CHECKPOINTED_BYTES};
        String[] names = {"p50_duration_ms", "p95_duration_ms", "max_duration_ms",
                "p50_checkpointed_bytes", "p95_checkpointed_bytes", "max_checkpointed_bytes"};
        NumericAggregateFunction[] fns = {Percentiles.P50, Percentiles.P95, Percentiles.MAX};
        // the statistics themselves: Tablesaw's summarize with our percentile functions, per run and mode
        Map<List<String>, double[]> values = new LinkedHashMap<>();
        Map<List<String>, Integer> counts = new LinkedHashMap<>();
        List<String> present = java.util.Arrays.stream(measured).filter(steady.columnNames()::contains).toList();
        if (steady.rowCount() > 0 && !present.isEmpty()) {
            List<String> by = new ArrayList<>();
            if (hasRun) {
                by.add(RUN);
            }
            if (hasMode) {
                by.add(MODE);
            }
            List<String> summarized = new ArrayList<>(present);
            Table sums = by.isEmpty() ? steady.summarize(summarized, withCount(fns)).apply()
                    : steady.summarize(summarized, withCount(fns)).by(by.toArray(String[]::new));
            for (int i = 0; i < sums.rowCount(); i++) {
                List<String> k = key(sums, i, hasRun, hasMode, checkpoints.name());
                double[] v = new double[names.length];
                for (int m = 0; m < measured.length; m++) {
                    for (int f = 0; f < fns.length; f++) {
                        String col = fns[f].functionName() + " [" + measured[m] + "]";
                        v[m * fns.length + f] = sums.columnNames().contains(col) ? number(sums, col, i) : Double.NaN;
                    }
                }
                values.put(k, v);
                counts.put(k, (int) number(sums, Percentiles.COUNT.functionName() + " [" + present.get(0) + "]", i));
            }
        }
        StringColumn run = StringColumn.create(RUN);
        StringColumn mode = StringColumn.create(MODE);
        IntColumn count = IntColumn.create(CHECKPOINTS);
        DoubleColumn share = DoubleColumn.create(FAILED_SHARE);
        DoubleColumn[] cols = new DoubleColumn[names.length];
        for (int i = 0; i < names.length; i++) {
            cols[i] = DoubleColumn.create(names[i]);
        }
        for (List<String> g : groups.keySet()) {
            run.append(g.get(0));
            mode.append(g.get(1));
            count.append(counts.getOrDefault(g, 0));
            appendDouble(share, failedShare(group(checkpoints, g, hasRun, hasMode)));
            double[] v = values.get(g);
            for (int i = 0; i < names.length; i++) {
                appendDouble(cols[i], v == null ? Double.NaN : v[i]);
            }
        }
        Table out = Table.create("stats", run, mode, count, share);
        out.addColumns(cols);
        return withRatio(out);
    }

    private static NumericAggregateFunction[] withCount(NumericAggregateFunction[] fns) {
        NumericAggregateFunction[] out = java.util.Arrays.copyOf(fns, fns.length + 1);
        out[fns.length] = Percentiles.COUNT;
        return out;
    }

    private static double number(Table t, String column, int row) {
        NumericColumn<?> c = t.numberColumn(column);
        return c.isMissing(row) ? Double.NaN : c.getDouble(row);
    }

    /** The rows of one (run, mode) group. */
    private static Table group(Table t, List<String> key, boolean hasRun, boolean hasMode) {
        Table out = t;
        if (hasRun) {
            out = out.where(out.stringColumn(RUN).isEqualTo(key.get(0)));
        }
        if (hasMode) {
            out = out.where(out.stringColumn(MODE).isEqualTo(key.get(1)));
        }
        return out;
    }

    /** A run's JIT caveat in a few words, when the run recorded one. */
    static java.util.Optional<String> jitCaveat(Run r) {
        if (r.environment() == null || r.environment().get("jit_note") == null) {
            return java.util.Optional.empty();
        }
        String cpu = r.environment().get("jit_cpu_ms");
        return java.util.Optional.of("JIT compilers still busy" + (cpu == null || !cpu.matches("\\d+") ? ""
                : String.format(Locale.ROOT, " (%.1f s of CPU)", Long.parseLong(cpu) / 1000.0))
                + ": durations may read high");
    }

    /** The column {@link #withDifferences} adds: what sets each run apart from the first besides its mode. */
    public static final String DIFFERS = "differs";

    /**
     * The compare table of {@code runs} with a {@value #DIFFERS} column when any run differs from the first in more
     * than its mode ({@link ckpt.model.Differences}: settings, target) or ran while its JVMs' compilers were busy;
     * the ratio row stays empty. Without such a difference the table comes back as it was: a like-for-like compare needs no column
     * saying so.
     */
    public static Table withDifferences(Table compare, List<Run> runs) {
        // also a run whose JIT compilers were still busy (JitWatch's note, kept in its environment): its durations
        // may read high against a run on warmed-up JVMs, whatever the settings
        List<String> said = new ArrayList<>();
        boolean any = false;
        for (int i = 0; i < runs.size(); i++) {
            List<String> d = new ArrayList<>(i == 0 ? List.of()
                    : ckpt.model.Differences.of(runs.get(i), runs.get(0), Reports.label(runs.get(0), runs)));
            jitCaveat(runs.get(i)).ifPresent(d::add);
            said.add(String.join(" · ", d));
            any |= !d.isEmpty();
        }
        if (!any) {
            return compare;
        }
        Table out = compare.copy();
        StringColumn differs = StringColumn.create(DIFFERS);
        for (int i = 0; i < out.rowCount(); i++) {
            differs.append(isRatioRow(out, i) || i >= said.size() ? "" : said.get(i));
        }
        return out.addColumns(differs);
    }

    /**
     * A copy of a {@link #compare} or {@link #stats} table with an {@code incremental ÷ full} row appended
     * ({@code run} = "incremental ÷ full", {@code mode} = "ratio") when the {@code mode} column holds both FULL
     * and INCREMENTAL rows; otherwise an unchanged copy. For each numeric column the ratio is
     * <b>median over the INCREMENTAL rows ÷ median over the FULL rows</b> (with one run per mode simply the two
     * values' ratio); missing when either median is missing or the FULL median is 0. Numeric columns become
     * double columns in the copy, since ratios are fractional. A ratio row already present is replaced.
     */
    public static Table withRatio(Table t) {
        if (!t.columnNames().contains(MODE)) {
            return t.copy();
        }
        Table base = t.where(t.stringColumn(MODE).isNotEqualTo(RATIO_MODE));
        List<Integer> full = new ArrayList<>();
        List<Integer> inc = new ArrayList<>();
        for (int i = 0; i < base.rowCount(); i++) {
            String m = base.stringColumn(MODE).get(i).toUpperCase(Locale.ROOT);
            if (m.equals("FULL")) {
                full.add(i);
            } else if (m.equals("INCREMENTAL")) {
                inc.add(i);
            }
        }
        if (full.isEmpty() || inc.isEmpty()) {
            return base.setName(t.name());
        }
        Table out = Table.create(t.name());
        for (Column<?> c : base.columns()) {
            if (c instanceof NumericColumn<?> n) {
                DoubleColumn d = DoubleColumn.create(c.name());
                for (int i = 0; i < n.size(); i++) {
                    appendDouble(d, n.isMissing(i) ? Double.NaN : n.getDouble(i));
                }
                double f = Percentiles.median(pick(n, full));
                double r = Percentiles.median(pick(n, inc));
                appendDouble(d, Double.isNaN(f) || Double.isNaN(r) || f == 0 ? Double.NaN : r / f);
                out.addColumns(d);
            } else {
                Column<?> copy = c.copy();
                if (c.name().equals(RUN)) {
                    ((StringColumn) copy).append(RATIO_RUN);
                } else if (c.name().equals(MODE)) {
                    ((StringColumn) copy).append(RATIO_MODE);
                } else {
                    copy.appendMissing();
                }
                out.addColumns(copy);
            }
        }
        return out;
    }

    /** Whether row i is a ratio row ({@code mode} = "ratio"): its numbers are ratios, not bytes or ms. */
    public static boolean isRatioRow(Table t, int row) {
        return t.columnNames().contains(MODE) && t.column(MODE) instanceof StringColumn s
                && RATIO_MODE.equals(s.get(row));
    }

    /** Readable, column-aligned text (at most 20 rows: the first and last 10 around a "…" line). */
    public static String format(Table t) {
        return TableText.format(t, TableText.DEFAULT_ROWS);
    }

    /** Readable text with at most maxRows rows. */
    public static String format(Table t, int maxRows) {
        return TableText.format(t, maxRows);
    }

    /** Readable text in blocks that fit {@code width} characters (see {@link TableText}). */
    public static String format(Table t, int maxRows, int width) {
        return TableText.format(t, maxRows, width);
    }

    /**
     * {@link #format(Table)} at the terminal's width ({@link TerminalChart#terminalWidth()}), and hands the table
     * to {@link Capture} when a capture is active (for reports).
     */
    public static String show(Table t) {
        if (Capture.active()) {
            Capture.offer(t.copy());
        }
        return TableText.format(t, TableText.DEFAULT_ROWS, TerminalChart.terminalWidth()).stripTrailing();
    }

    /**
     * What each column holds, one row per column: {@code column}, {@code type}, {@code count} (values present),
     * {@code missing}, and for numeric columns {@code min}, {@code p50}, {@code mean}, {@code p95}, {@code max}
     * over the present values. Unlike Tablesaw's {@code Table.summary()}, which has no missing count for numeric
     * columns (its "Missing" row is filled for date/time columns only) and counts missing numbers in "Count", so
     * that its sum and mean of a column with a gap are NaN.
     */
    public static Table summary(Table t) {
        StringColumn column = StringColumn.create("column");
        StringColumn type = StringColumn.create("type");
        IntColumn count = IntColumn.create("count");
        IntColumn missing = IntColumn.create("missing");
        DoubleColumn min = DoubleColumn.create("min");
        DoubleColumn p50 = DoubleColumn.create("p50");
        DoubleColumn mean = DoubleColumn.create("mean");
        DoubleColumn p95 = DoubleColumn.create("p95");
        DoubleColumn max = DoubleColumn.create("max");
        for (Column<?> c : t.columns()) {
            int gaps = c.countMissing();
            column.append(c.name());
            type.append(c.type().name());
            count.append(c.size() - gaps);
            missing.append(gaps);
            double[] v = c instanceof NumericColumn<?> ? Percentiles.values(t, c.name()) : new double[0];
            appendDouble(min, v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).min().getAsDouble());
            appendDouble(p50, Percentiles.of(v, 50));
            appendDouble(mean, v.length == 0 ? Double.NaN : java.util.Arrays.stream(v).average().getAsDouble());
            appendDouble(p95, Percentiles.of(v, 95));
            appendDouble(max, Percentiles.max(v));
        }
        return Table.create("summary of " + t.name(), column, type, count, missing, min, p50, mean, p95, max);
    }

    /** Writes the table as CSV (raw numbers, empty = missing, instants ISO-8601); returns the path. */
    public static Path exportCsv(Table t, String path) {
        return Export.csv(t, path);
    }

    /** Writes the table as a JSON array of row objects (numbers as numbers, missing as null); returns the path. */
    public static Path exportJson(Table t, String path) {
        return Export.json(t, path);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Steady completed rows when the table has the columns to tell; otherwise every row. */
    static Table steadyRows(Table t) {
        List<String> cols = t.columnNames();
        if (cols.contains(CheckpointTable.PHASE) && cols.contains(CheckpointTable.STATUS)) {
            return CheckpointTable.steady(t);
        }
        if (cols.contains(CheckpointTable.STATUS)) {
            return CheckpointTable.completed(t);
        }
        return t;
    }

    private static List<String> key(Table t, int i, boolean hasRun, boolean hasMode, String name) {
        return List.of(hasRun ? t.column(RUN).getString(i) : String.valueOf(name), hasMode ? t.column(MODE).getString(i) : "");
    }

    private static int countStatus(Table t, String status) {
        if (!t.columnNames().contains(CheckpointTable.STATUS)) {
            return 0;
        }
        return (int) t.stringColumn(CheckpointTable.STATUS).isEqualTo(status).size();
    }

    /** The value in the last completed row (missing value → NaN; no completed row → NaN). */
    private static double lastCompleted(Table t, String column) {
        if (!t.columnNames().contains(column)) {
            return Double.NaN;
        }
        Table done = t.columnNames().contains(CheckpointTable.STATUS) ? CheckpointTable.completed(t) : t;
        if (done.rowCount() == 0) {
            return Double.NaN;
        }
        NumericColumn<?> c = done.numberColumn(column);
        int last = done.rowCount() - 1;
        return c.isMissing(last) ? Double.NaN : c.getDouble(last);
    }

    private static double[] pick(NumericColumn<?> c, List<Integer> rows) {
        double[] out = new double[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            int i = rows.get(k);
            out[k] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return out;
    }

    static void appendDouble(DoubleColumn c, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            c.appendMissing();
        } else {
            c.append(v);
        }
    }

    private static void appendLong(LongColumn c, double v) {
        if (Double.isNaN(v)) {
            c.appendMissing();
        } else {
            c.append((long) v);
        }
    }
}
