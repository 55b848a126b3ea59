package ckpt;

import ckpt.data.Transactions;
import ckpt.flink.CheckpointTable;
import ckpt.flink.Experiment;
import ckpt.flink.Mode;
import ckpt.flink.Run;
import ckpt.flink.Runs;
import java.util.Arrays;
import tech.tablesaw.api.Table;

/**
 * The session's helpers: the shell imports these statically, so {@code loadCsv(...)}, {@code experiment()},
 * {@code run(...)} are the first words a user types. Each helper is one line delegating to its room
 * (data, flink, rocksdb, report); the rooms hold the logic.
 */
public final class Ckpt {
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

    /** The runs' per-checkpoint tables stacked into one (a "run" column tells them apart): for charts. */
    public static Table checkpoints(Run... runs) {
        return CheckpointTable.stack("checkpoints", Arrays.stream(runs).map(Run::checkpoints).toList());
    }

    /** Removes checkpoint data of all runs under runs/ but the newest {@code keep}; returns bytes freed. */
    public static long cleanCheckpoints(int keep) {
        return Runs.cleanCheckpoints(keep);
    }
}
