package ckpt.report;

import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Ready-made reports. */
public final class Reports {
    private Reports() {
    }

    /**
     * A full comparison report as one self-contained HTML file: the comparison table with its
     * {@code incremental ÷ full} row, per-mode statistics, charts across runs (duration, checkpointed bytes and
     * state bytes over checkpoint id), then each run's own section. Returns the file's path.
     */
    public static Path report(String path, Run... runs) {
        return build(runs).write(path);
    }

    /** The report of {@link #report} without writing it. */
    public static HtmlReport build(Run... runs) {
        if (runs == null || runs.length == 0 || java.util.Arrays.stream(runs).anyMatch(java.util.Objects::isNull)) {
            throw new ckpt.error.CkptException("report needs at least one run (and no null runs)");
        }
        List<Run> list = List.of(runs);
        HtmlReport r = HtmlReport.create("Checkpoint cost: " + String.join(" vs ", labels(list)));
        r.text("Generated " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " · " + list.size()
                + (list.size() == 1 ? " run" : " runs") + ".");
        Table compare = Tables.withDifferences(Tables.withRatio(Tables.compare(list)), list);
        r.heading("Findings");
        r.list(Findings.of(list, compare));
        boolean ratio = false;
        for (int i = 0; i < compare.rowCount(); i++) {
            ratio |= Tables.isRatioRow(compare, i);
        }
        r.text("Statistics use steady-phase, completed checkpoints; warm-up checkpoints (shaded, hollow points in "
                + "the charts) are left out. Percentiles interpolate linearly between closest ranks (p50 is the median). "
                + "uploaded_bytes is the sum of checkpointed_bytes, what each checkpoint persisted (the delta in "
                + "incremental mode), and upload_bytes_per_s divides it by the steady phase's seconds; state_bytes is "
                + "the full state size."
                + (ratio ? " The incremental ÷ full row divides the median over the INCREMENTAL runs by the median over "
                + "the FULL runs, column by column." : "")
                + " Sizes are 1024-based (1 MiB = 1,048,576 bytes). A dash means no value.");
        r.heading("Comparison");
        r.table(compare);
        Table stacked = stacked(list);
        r.heading("Statistics per run and mode");
        r.table(Tables.stats(stacked));
        Table completed = stacked.columnNames().contains(CheckpointTable.STATUS)
                ? CheckpointTable.completed(stacked) : stacked;
        r.heading("Charts across runs (completed checkpoints, warm-up included)");
        if (completed.rowCount() == 0) {
            r.text("No completed checkpoint in any run: nothing to chart.");
        } else {
            r.chart(completed, CheckpointTable.CHECKPOINT_ID, CheckpointTable.DURATION_MS);
            r.chart(completed, CheckpointTable.CHECKPOINT_ID, CheckpointTable.CHECKPOINTED_BYTES);
            r.chart(completed, CheckpointTable.CHECKPOINT_ID, CheckpointTable.STATE_BYTES);
        }
        for (Run run : list) {
            r.run(run);
        }
        return r;
    }

    /**
     * The runs' checkpoint tables stacked into one, with the {@code run} column set to each run's label
     * ({@link #label}), so two runs that share a name stay apart.
     */
    public static Table stacked(List<Run> runs) {
        return stacked(runs, "checkpoints", Run::checkpoints, CheckpointTable::empty);
    }

    /** The runs' per-subtask tables stacked into one, labelled like {@link #stacked}. */
    public static Table stackedSubtasks(List<Run> runs) {
        return stacked(runs, "subtasks", Run::subtasks, ckpt.model.SubtaskTable::empty);
    }

    /** The runs' recoveries tables stacked into one, labelled like {@link #stacked}. */
    public static Table stackedRecoveries(List<Run> runs) {
        return stacked(runs, "recoveries", Run::recoveries, ckpt.model.RecoveryTable::empty);
    }

    private static Table stacked(List<Run> runs, String name, java.util.function.Function<Run, Table> of,
                                 java.util.function.Function<String, Table> empty) {
        List<Table> tables = new ArrayList<>();
        for (Run run : runs) {
            Table t = of.apply(run) == null ? empty.apply(run.name()) : of.apply(run).copy();
            String label = label(run, runs);
            if (t.columnNames().contains(CheckpointTable.RUN)) {
                StringColumn c = t.stringColumn(CheckpointTable.RUN);
                for (int i = 0; i < t.rowCount(); i++) {
                    c.set(i, label);
                }
            }
            tables.add(t);
        }
        if (tables.isEmpty()) {
            return empty.apply(name);
        }
        return CheckpointTable.stack(name, tables);
    }

    /** Display labels for the runs: their names, with the run id added to names that occur more than once. */
    public static List<String> labels(List<Run> runs) {
        return runs.stream().map(r -> label(r, runs)).toList();
    }

    /** A run's label among others: its name, or "name [id]" when another run has the same name. */
    public static String label(Run run, List<Run> among) {
        long same = among.stream().filter(o -> o.name().equals(run.name())).count();
        return same > 1 ? run.name() + " [" + run.id() + "]" : run.name();
    }
}
