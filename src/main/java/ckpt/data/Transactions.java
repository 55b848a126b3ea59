package ckpt.data;

import ckpt.error.CkptException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import tech.tablesaw.api.Table;

/**
 * Transactions CSV files: load one into a Tablesaw table, drop rows with missing values, or generate one.
 *
 * <h2>What {@link #load} reads</h2>
 * A UTF-8 CSV (RFC 4180: comma-separated, fields may be in double quotes and then hold commas, line breaks and
 * doubled quotes {@code ""}; LF or CRLF line ends; a byte-order mark is ignored) whose first line is the header.
 * The header must name these four columns, in any order and any letter case:
 * <table>
 *   <caption>Required columns</caption>
 *   <tr><th>column</th><th>Tablesaw type</th><th>accepted text</th><th>empty field</th></tr>
 *   <tr><td>transaction_id</td><td>LONG</td><td>whole number, e.g. {@code 42}</td><td>error</td></tr>
 *   <tr><td>account_id</td><td>LONG</td><td>whole number</td><td>error</td></tr>
 *   <tr><td>amount</td><td>DOUBLE</td><td>decimal, e.g. {@code 12.50}, {@code -3}, {@code 1e3}</td>
 *       <td><b>missing</b> (NaN; see {@link #dropMissing})</td></tr>
 *   <tr><td>timestamp</td><td>LOCAL_DATE_TIME ({@code DateTimeColumn})</td>
 *       <td>{@code yyyy-MM-dd HH:mm:ss}, also with {@code T} for the space and {@code .SSS} millis</td>
 *       <td>error</td></tr>
 * </table>
 * The timestamp is a DateTimeColumn (local date-time, no zone) rather than an InstantColumn because the files
 * carry wall-clock times without a zone, the way {@code pandas.read_csv(parse_dates=...)} reads them too; a
 * zone would be invented. Tablesaw keeps date-times to the millisecond, so finer fractions are refused.
 *
 * <p>Any other column is kept, as text (a StringColumn; an empty field there is a missing value too). Spaces
 * and tabs around a typed value are ignored; blank lines are skipped. Column names in the table are the
 * canonical lower-case ones, in file order, and the table is named after the file ({@code transactions.csv}).
 * A file with a header and no rows loads as an empty table.
 *
 * <h2>Errors</h2>
 * Anything else stops the load with a {@link CkptException} whose message is one line: the file as given, the
 * 1-based line number when there is one (the header is line 1; a record with a quoted line break is counted
 * from the line it starts on) and the problem, e.g.
 * {@code data/tx.csv: line 42: amount 'abc' is not a number} or {@code data/tx.csv: line 17: 3 fields,
 * expected 4}. Missing files, directories, empty files, headers lacking columns (the message lists the
 * lacking ones and what was found), wrong field counts, bad ids, amounts and timestamps and unclosed quotes
 * are all reported this way, at the first bad line.
 *
 * <p>The parser is a single pass over the bytes that fills primitive arrays and checks each value as it goes
 * (Tablesaw's own CSV reader was several times slower and would still need a validation pass; see
 * docs/bench-data.md).
 */
public final class Transactions {
    private Transactions() {
    }

    /** Loads a transactions CSV; see the class documentation for the rules. */
    public static Table load(String path) {
        return load(toPath(path));
    }

    /** Loads a transactions CSV; see the class documentation for the rules. */
    public static Table load(Path path) {
        if (path == null) {
            throw new CkptException("load: give the path of a CSV file");
        }
        return TransactionsReader.read(path, TransactionsReader.DEFAULT_BUFFER);
    }

    /**
     * The rows of {@code table} that have no missing value in any column (like pandas {@code dropna()}); a new
     * table with the same name and columns. For a loaded transactions file that means rows with an amount.
     */
    public static Table dropMissing(Table table) {
        if (table == null) {
            throw new CkptException("dropMissing: no table given");
        }
        return table.dropRowsWithMissingValues();
    }

    /** How many values of {@code column} are missing (empty amounts, for instance). */
    public static int missingCount(Table table, String column) {
        if (table == null) {
            throw new CkptException("missingCount: no table given");
        }
        if (!table.containsColumn(column)) {
            throw new CkptException("table '" + table.name() + "' has no column '" + column + "' — columns: "
                    + table.columnNames());
        }
        return table.column(column).countMissing();
    }

    /**
     * Writes {@code rows} seeded, realistic-looking transactions to {@code path} (creating parent folders,
     * replacing an existing file) and returns the path. The same arguments always give a byte-identical file:
     * ids 1..rows, account ids 1..accounts with some accounts much busier than others, amounts with two decimals
     * (about 0.5% left empty, i.e. missing), timestamps strictly increasing from 2024-01-01 00:00:00.
     */
    public static Path generate(String path, long rows, long accounts, long seed) {
        return generate(toPath(path), rows, accounts, seed);
    }

    /** As {@link #generate(String, long, long, long)}. */
    public static Path generate(Path path, long rows, long accounts, long seed) {
        if (path == null) {
            throw new CkptException("generate: give the path of the CSV file to write");
        }
        return TransactionsWriter.generate(path, rows, accounts, seed);
    }

    private static Path toPath(String path) {
        if (path == null || path.isBlank()) {
            throw new CkptException("give the path of a CSV file, e.g. \"data/transactions.csv\"");
        }
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new CkptException(path + ": not a valid path (" + e.getReason() + ")");
        }
    }
}
