package ckpt;

import ckpt.data.Transactions;
import ckpt.flink.Experiment;
import tech.tablesaw.api.Table;

/**
 * The session's helpers: the shell imports these statically, so {@code loadCsv(...)}, {@code experiment()},
 * {@code run(...)} are the first words a user types. Each helper is one line delegating to its room.
 */
public final class Ckpt {
    private Ckpt() {
    }

    /** Loads a transactions CSV into a Tablesaw table; bad input fails with file, line and problem. */
    public static Table loadCsv(String path) {
        return Transactions.load(path);
    }

    /** A new experiment with sensible defaults; vary it fluently: experiment().mode("full").keys(1_000_000). */
    public static Experiment experiment() {
        return Experiment.defaults();
    }
}
