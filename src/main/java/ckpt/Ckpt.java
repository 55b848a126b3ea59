package ckpt;

import ckpt.data.Transactions;
import ckpt.flink.Experiment;
import ckpt.flink.Mode;
import ckpt.flink.Run;
import ckpt.flink.Runs;
import ckpt.report.Charts;
import ckpt.rocksdb.OptionCatalog;
import ckpt.rocksdb.Profiles;
import ckpt.rocksdb.RocksDbOptionsFile;
import ckpt.rocksdb.Sweep;
import ckpt.report.Percentiles;
import ckpt.report.Reports;
import ckpt.report.Tables;
import ckpt.report.TerminalChart;
import ckpt.report.Text;
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
        Hooks.helpersLoaded(); // e.g. the shell's progress line registers with the engine now, before any run
    }

    private Ckpt() {
    }

    // ---- data -------------------------------------------------------------------------------------------------

    /** Loads a transactions CSV into a Tablesaw table; bad input fails with file, line and problem. */
    public static Table loadCsv(String path) {
        return Transactions.load(path);
    }

    /** Rows with no missing value in any column (like pandas dropna); the input table is unchanged. */
    public static Table dropMissing(Table table) {
        return Transactions.dropMissing(table);
    }

    /** How many values of a column are missing. */
    public static int missingCount(Table table, String column) {
        return Transactions.missingCount(table, column);
    }

    /**
     * What each column holds, one row per column: type, values present, missing, min, p50, mean, p95, max.
     * Unlike Tablesaw's {@code table.summary()}, it counts missing numbers (Tablesaw's has no missing row for them).
     */
    public static Table summary(Table table) {
        return Tables.summary(table);
    }

    /** Writes a deterministic transactions CSV (same arguments → same bytes) to scale experiments up. */
    public static java.nio.file.Path generateCsv(String path, long rows, long accounts, long seed) {
        return Transactions.generate(path, rows, accounts, seed);
    }

    // ---- experiments and runs ---------------------------------------------------------------------------------

    /** A new experiment with sensible defaults; vary it fluently: experiment().mode("full").keys(1_000_000). */
    public static Experiment experiment() {
        return Experiment.defaults();
    }

    /** Runs the experiment on the embedded Flink cluster; blocks for warm-up + its steady seconds. */
    public static Run run(Experiment experiment) {
        return Runs.run(experiment);
    }

    /** Runs the default experiment in the given mode ("full" or "incremental"). */
    public static Run run(String mode) {
        return Runs.run(Experiment.defaults().mode(mode));
    }

    /** Runs the default experiment in the given mode. */
    public static Run run(Mode mode) {
        return Runs.run(Experiment.defaults().mode(mode));
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
        return Reports.stacked(List.of(runs));
    }

    // ---- tables and charts --------------------------------------------------------------------------------------

    /**
     * One row per run over its steady, completed checkpoints: p50/p95/max duration, median checkpointed bytes,
     * final state, disk, records/s — plus an "incremental ÷ full" ratio row when both modes are present.
     */
    public static Table compare(Run... runs) {
        return Tables.withRatio(Tables.compare(runs));
    }

    /** p50/p95/max of duration and checkpointed size per run and mode, with a ratio row when both modes are present. */
    public static Table stats(Table checkpoints) {
        return Tables.stats(checkpoints);
    }

    /**
     * Prints a table with human-readable units (KiB/MiB/GiB, ms/s, ×) in blocks of whole columns that fit the
     * terminal; the table itself stays numeric.
     */
    public static void show(Table table) {
        System.out.println(Tables.show(table));
    }

    /** Prints a chart of y over x in the terminal: one series per run, bars for a few categories. */
    public static void chart(Table table, String x, String y) {
        System.out.println(Charts.show(table, x, y, TerminalChart.terminalWidth(), TerminalChart.ansi()));
    }

    /** Writes the chart to a PNG or SVG file (by extension), headless; returns the path. */
    public static Path saveChart(Table table, String x, String y, String path) {
        return Charts.saveChart(table, x, y, path);
    }

    /** Writes one self-contained HTML file (no external URL): settings, comparison, tables, charts of the runs. */
    public static Path report(String path, Run... runs) {
        return Reports.report(path, runs);
    }

    /** Writes the table as CSV: raw numbers, empty fields for missing values, instants ISO-8601; returns the path. */
    public static Path exportCsv(Table table, String path) {
        return Tables.exportCsv(table, path);
    }

    /** Writes the table as a JSON array of row objects (whole numbers as integers, missing as null); returns the path. */
    public static Path exportJson(Table table, String path) {
        return Tables.exportJson(table, path);
    }

    // ---- RocksDB tuning -------------------------------------------------------------------------------------------

    /** Every RocksDB-related option Flink knows: key, short key, type, default, description (from Flink itself). */
    public static Table rocksdbOptions() {
        return OptionCatalog.options();
    }

    /** The RocksDB options whose key, description or note mention the word, e.g. rocksdbOptions("compaction"). */
    public static Table rocksdbOptions(String word) {
        return OptionCatalog.options(word);
    }

    /** One option explained: type, default, allowed values, how it behaves in these experiments (printed as text). */
    public static Text rocksdbOption(String key) {
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
        if (run == null) {
            throw new CkptException("applied(run): the run is null");
        }
        Table t = RocksDbOptionsFile.check(run);
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
        return Sweep.run(base, key, List.of(values), Runs::run, Tables::compare, System.out::println);
    }

    /** Like sweep, over every combination of two options' values. */
    public static Table sweep(Experiment base, String key1, List<String> values1, String key2, List<String> values2) {
        return Sweep.grid(base, key1, values1, key2, values2, Runs::run, Tables::compare, System.out::println);
    }

    /**
     * Removes the checkpoint data of all runs under runs/ but the newest {@code keep} (their CSV and JSON files
     * stay); says how much it freed from how many runs.
     */
    public static Cleanup cleanCheckpoints(int keep) {
        int before = runsWithCheckpoints();
        long bytes = Runs.cleanCheckpoints(keep);
        return new Cleanup(bytes, Math.max(0, before - runsWithCheckpoints()), keep);
    }

    /** Run folders that still hold checkpoint data (the engine's runs folder: -Dckpt.runs, else runs/). */
    private static int runsWithCheckpoints() {
        Path root = Path.of(System.getProperty("ckpt.runs", "runs"));
        if (!java.nio.file.Files.isDirectory(root)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(root)) {
            return (int) s.filter(p -> java.nio.file.Files.isDirectory(p.resolve("checkpoints"))).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
