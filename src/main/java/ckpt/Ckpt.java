package ckpt;

import ckpt.data.Transactions;
import ckpt.error.CkptException;
import ckpt.model.Experiment;
import ckpt.model.Freed;
import ckpt.model.Mode;
import ckpt.model.Run;
import ckpt.engine.Cleanup;
import ckpt.engine.Runs;
import ckpt.engine.Sweep;
import ckpt.report.Charts;
import ckpt.rocksdb.OptionCatalog;
import ckpt.rocksdb.Profiles;
import ckpt.rocksdb.RocksDbOptionsFile;
import ckpt.report.Reports;
import ckpt.report.Tables;
import ckpt.report.Percentiles;
import ckpt.report.TerminalChart;
import ckpt.report.Text;
import ckpt.target.Embedded;
import ckpt.target.LocalTarget;
import ckpt.target.Remote;
import ckpt.target.Target;
import ckpt.target.Targets;
import java.nio.file.Path;
import java.util.List;
import tech.tablesaw.aggregate.NumericAggregateFunction;
import tech.tablesaw.api.Table;

/**
 * The session's helpers: the shell imports these statically, so {@code loadCsv(...)}, {@code experiment()},
 * {@code run(...)} are the first words a user types. Each helper is one line delegating to its room
 * (data, flink, rocksdb, report); the rooms hold the logic.
 */
public final class Ckpt {
    /** p50 (the median) as a Tablesaw aggregate: {@code t.summarize("duration_ms", p50, p95).by("run")}. */
    public static final NumericAggregateFunction p50 = Percentiles.P50;
    /** p95 as a Tablesaw aggregate, interpolated like compare and stats (Tablesaw's percentile95 is not). */
    public static final NumericAggregateFunction p95 = Percentiles.P95;
    /** p99 as a Tablesaw aggregate. */
    public static final NumericAggregateFunction p99 = Percentiles.P99;

    static {
        // Plain progress lines for a program using the helpers; the shell's hook replaces them with its status line.
        if (Runs.listener() == null) {
            Runs.listener(ckpt.report.ProgressLine.printer(System.out));
        }
        Hooks.helpersLoaded(); // e.g. the shell's progress line registers with the engine now, before any run
    }

    private Ckpt() {
    }

    // ---- data -------------------------------------------------------------------------------------------------

    /** Loads a transactions CSV into a Tablesaw table; bad input fails with file, line and problem. */
    public static Table loadCsv(String path) {
        Args.need("loadCsv(path)", "path", path);
        return Transactions.load(path);
    }

    /** Rows with no missing value in any column (like pandas dropna); the input table is unchanged. */
    public static Table dropMissing(Table table) {
        Args.need("dropMissing(table)", "table", table);
        return Transactions.dropMissing(table);
    }

    /** How many values of a column are missing. */
    public static int missingCount(Table table, String column) {
        Args.need("missingCount(table, column)", "table", table, "column", column);
        return Transactions.missingCount(table, column);
    }

    /** Writes a deterministic transactions CSV (same arguments → same bytes) to scale experiments up. */
    public static java.nio.file.Path generateCsv(String path, long rows, long accounts, long seed) {
        Args.need("generateCsv(path, rows, accounts, seed)", "path", path);
        return Transactions.generate(path, rows, accounts, seed);
    }

    /**
     * What each column holds, one row per column: type, values present, missing, min, p50, mean, p95, max.
     * Unlike Tablesaw's {@code table.summary()}, it counts missing numbers (Tablesaw's has no missing row for them).
     */
    public static Table summary(Table table) {
        Args.need("summary(table)", "table", table);
        return Tables.summary(table);
    }

    /** A run in a few lines: what ran, what it cost (uploads, durations, disk, restarts), where the files are. */
    public static Text summary(Run run) {
        Args.need("summary(run)", "run", run);
        return new Text(ckpt.report.RunText.text(run));
    }

    // ---- experiments and runs ---------------------------------------------------------------------------------

    /** A new experiment with sensible defaults; vary it fluently: experiment().mode("full").keys(1_000_000). */
    public static Experiment experiment() {
        return Experiment.defaults();
    }

    /** Runs the experiment on the session's target (embedded by default); blocks for warm-up + its steady seconds. */
    public static Run run(Experiment experiment) {
        Args.need("run(experiment)", "experiment", experiment);
        return Runs.run(experiment);
    }

    /** Runs the experiment on the given target, whatever the session's target is. */
    public static Run run(Experiment experiment, Target target) {
        Args.need("run(experiment, target)", "experiment", experiment, "target", target);
        return Runs.run(experiment, target);
    }

    /** Runs the default experiment in the given mode ("full" or "incremental"). */
    public static Run run(String mode) {
        Args.need("run(mode)", "mode", mode);
        return Runs.run(Experiment.defaults().mode(mode));
    }

    /** Runs the default experiment in the given mode. */
    public static Run run(Mode mode) {
        Args.need("run(mode)", "mode", mode);
        return Runs.run(Experiment.defaults().mode(mode));
    }

    /**
     * A new run of the run's experiment, restored from its retained checkpoint: no warm-up, a steady phase of the
     * experiment's seconds; its recoveries() table's first row says what the restore cost.
     */
    public static Run restore(Run run) {
        Args.need("restore(run)", "run", run);
        return Runs.restore(run);
    }

    /** A new run of the run's experiment, restored from a checkpoint or savepoint path (chk-N, _metadata, savepoint). */
    public static Run restore(Run run, String path) {
        Args.need("restore(run, path)", "run", run, "path", path);
        return Runs.restore(run, path);
    }

    /** The path of the run's retained checkpoint (its newest chk-N), for restoreFrom(…) or restore(run, path). */
    public static String retained(Run run) {
        Args.need("retained(run)", "run", run);
        return ckpt.engine.CheckpointFiles.latest(run.checkpointDir()).map(p -> p.toUri().toString())
                .orElseThrow(() -> new CkptException("run " + run.id() + " kept no completed checkpoint in "
                        + run.checkpointDir()));
    }

    /** The runs' restores stacked into one table: one row per restore, failover or TaskManager lost. */
    public static Table recoveries(Run... runs) {
        Args.need("recoveries(runs)", "runs", runs);
        return Reports.stackedRecoveries(List.of(runs));
    }

    /**
     * The runs under runs/, of this session and earlier ones (one row each: id, name, mode, target, status, steady
     * checkpoints, p50, final state); loadRun(id) brings one back.
     */
    public static Table runs() {
        return ckpt.engine.PastRuns.list();
    }

    /** A run of an earlier session (or a colleague's runs/ folder) rebuilt from its files, for compare, chart, report. */
    public static Run loadRun(String idOrFolder) {
        Args.need("loadRun(idOrFolder)", "idOrFolder", idOrFolder);
        return ckpt.engine.PastRuns.load(idOrFolder);
    }

    /** The latest run of this session, finished or cancelled (e.g. after Ctrl-C), or null. */
    public static Run lastRun() {
        return Runs.last();
    }

    /**
     * The runs' per-checkpoint tables stacked into one; the "run" column tells them apart (made unique when two
     * runs share a name). For charts across runs.
     */
    public static Table checkpoints(Run... runs) {
        Args.need("checkpoints(runs)", "runs", runs);
        return Reports.stacked(List.of(runs));
    }

    /**
     * One row per checkpoint × operator × subtask of the runs: sync, async, alignment, start delay, state,
     * checkpointed, processed and persisted bytes. With parallelism above 1 it shows the slow subtask.
     */
    public static Table subtasks(Run... runs) {
        Args.need("subtasks(runs)", "runs", runs);
        return Reports.stackedSubtasks(List.of(runs));
    }

    /** Files in the run's checkpoint folder that no retained checkpoint references: file, bytes, modified. */
    public static Table orphans(Run run) {
        Args.need("orphans(run)", "run", run);
        return run.orphans();
    }

    // ---- targets ----------------------------------------------------------------------------------------------

    /** The MiniCluster in this JVM (the default target): one TaskManager with 4 slots. */
    public static Target embedded() {
        return Embedded.get();
    }

    /**
     * A real Flink standalone cluster on this machine: one JobManager JVM and {@code taskManagers} TaskManager JVMs
     * with {@code slots} slots each, started from Flink's own entrypoints on 127.0.0.1. The same shape again reuses
     * the running cluster; it stops with the shell (or with {@code stop()}). A cluster started here runs one
     * throwaway job before it is returned, so that no measured run is the first job of its fresh JVMs. Keys given
     * as {@code -D key=value} when the shell started go into its configuration (see the three-argument form).
     */
    public static Target localCluster(int taskManagers, int slots) {
        return localCluster(taskManagers, slots, LocalTarget.sessionKeys());
    }

    /**
     * {@link #localCluster(int, int)} with keys for the cluster's own configuration (config.yaml): the settings a
     * JobManager or TaskManager reads when it starts — TaskManager memory, network buffers, JVM options — which a
     * run's {@code config(…)} cannot change. Another configuration is another cluster: the running one is replaced.
     */
    public static Target localCluster(int taskManagers, int slots, java.util.Map<String, String> config) {
        Args.need("localCluster(taskManagers, slots, config)", "config", config);
        LocalTarget t = LocalTarget.of(taskManagers, slots, config);
        Runs.ready(t, Runs.listener() != null ? Runs.listener() : p -> { });
        return t;
    }

    /** An existing Flink session cluster, reached over its REST URL; the tool never stops it. */
    public static Target cluster(String restUrl) {
        Args.need("cluster(restUrl)", "restUrl", restUrl);
        return Remote.connect(restUrl);
    }

    /** Makes the target the session's for later runs, and returns it. */
    public static Target use(Target target) {
        Args.need("use(target)", "target", target);
        return Targets.use(target);
    }

    /** The session's current target. */
    public static Target target() {
        return Targets.current();
    }

    // ---- tables and charts --------------------------------------------------------------------------------------

    /**
     * One row per run over its steady, completed checkpoints: p50/p95/max duration, median checkpointed bytes,
     * final state, disk, records/s — plus an "incremental ÷ full" ratio row when both modes are present, and a
     * "differs" column when a run differs from the first in more than its mode (settings, target).
     */
    public static Table compare(Run... runs) {
        Args.need("compare(runs)", "runs", runs);
        return Tables.withDifferences(Tables.withRatio(Tables.compare(runs)), java.util.List.of(runs));
    }

    /** p50/p95/max of duration and checkpointed size per run and mode, with a ratio row when both modes are present. */
    public static Table stats(Table checkpoints) {
        Args.need("stats(checkpoints)", "checkpoints", checkpoints);
        return Tables.stats(checkpoints);
    }

    /**
     * Prints a table with human-readable units (KiB/MiB/GiB, ms/s, ×) in blocks of whole columns that fit the
     * terminal; the table itself stays numeric.
     */
    public static void show(Table table) {
        Args.need("show(table)", "table", table);
        System.out.println(Tables.show(table));
    }

    /** Prints a chart of y over x in the terminal: one series per run, bars for a few categories. */
    public static void chart(Table table, String x, String y) {
        Args.need("chart(table, x, y)", "table", table, "x", x, "y", y);
        System.out.println(Charts.show(table, x, y, TerminalChart.terminalWidth(), TerminalChart.ansi()));
    }

    /** Writes the chart to a PNG or SVG file (by extension), headless; returns the path. */
    public static Path saveChart(Table table, String x, String y, String path) {
        Args.need("saveChart(table, x, y, path)", "table", table, "x", x, "y", y, "path", path);
        return Charts.saveChart(table, x, y, path);
    }

    /** Writes one self-contained HTML file (no external URL): settings, comparison, tables, charts of the runs. */
    public static Path report(String path, Run... runs) {
        Args.need("report(path, runs)", "path", path, "runs", runs);
        return Reports.report(path, runs);
    }

    /** Writes the table as CSV: raw numbers, empty fields for missing values, instants ISO-8601; returns the path. */
    public static Path exportCsv(Table table, String path) {
        Args.need("exportCsv(table, path)", "table", table, "path", path);
        return Tables.exportCsv(table, path);
    }

    /** Writes the table as a JSON array of row objects (whole numbers as integers, missing as null); returns the path. */
    public static Path exportJson(Table table, String path) {
        Args.need("exportJson(table, path)", "table", table, "path", path);
        return Tables.exportJson(table, path);
    }

    // ---- RocksDB tuning -------------------------------------------------------------------------------------------

    /** Every RocksDB-related option Flink knows: key, short key, type, default, description (from Flink itself). */
    public static Table rocksdbOptions() {
        return OptionCatalog.options();
    }

    /** The RocksDB options whose key, description or note mention the word, e.g. rocksdbOptions("compaction"). */
    public static Table rocksdbOptions(String word) {
        Args.need("rocksdbOptions(word)", "word", word);
        return OptionCatalog.options(word);
    }

    /** One option explained: type, default, allowed values, how it behaves in these experiments (printed as text). */
    public static Text rocksdbOption(String key) {
        Args.need("rocksdbOption(key)", "key", key);
        return new Text(OptionCatalog.describe(key));
    }

    /** Names accepted by experiment().rocksdbMetrics(...). */
    public static List<String> rocksdbMetricNames() {
        return OptionCatalog.metricNames();
    }

    /** The predefined RocksDB profiles and what each sets. */
    public static Table rocksdbProfiles() {
        return Profiles.table();
    }

    /** The RocksDB options of a run as RocksDB applied them (its OPTIONS file) next to what was asked. */
    public static Table applied(Run run) {
        Args.need("applied(run)", "run", run);
        Table t = RocksDbOptionsFile.forFlinkKeys(run.experiment().rocksdb(), run.appliedOptions())
                .setName("RocksDB options applied · " + run.name());
        if (t.rowCount() == 0) {
            int all = run.appliedOptions() == null ? 0 : run.appliedOptions().size();
            t.setName(t.name() + " — this run set no RocksDB option (experiment().rocksdb(key, value) sets one); "
                    + "run.appliedOptions() has all " + all + " options RocksDB wrote");
        }
        return t;
    }

    /**
     * Runs the base experiment once per value of one RocksDB option and returns the compare table with a column
     * for the swept value. A run that fails is recorded with its error and the sweep goes on; Ctrl-C stops it.
     */
    public static Table sweep(Experiment base, String key, String... values) {
        Args.need("sweep(base, key, values)", "base", base, "key", key, "values", values);
        return Sweep.run(base, key, List.of(values), Runs::run, Tables::compare, System.out::println);
    }

    /** Like sweep, over every combination of two options' values. */
    public static Table sweep(Experiment base, String key1, List<String> values1, String key2, List<String> values2) {
        Args.need("sweep(base, key1, values1, key2, values2)", "base", base, "key1", key1, "values1", values1, "key2", key2, "values2", values2);
        return Sweep.grid(base, key1, values1, key2, values2, Runs::run, Tables::compare, System.out::println);
    }

    /**
     * Removes the checkpoint data of all runs under runs/ but the newest {@code keep} (their CSV and JSON files
     * stay); says how much it freed from how many runs.
     */
    public static Freed cleanCheckpoints(int keep) {
        return Cleanup.cleanCheckpoints(keep);
    }
}
