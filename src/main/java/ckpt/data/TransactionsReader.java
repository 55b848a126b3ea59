package ckpt.data;

import ckpt.error.CkptException;
import ckpt.text.Visible;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One pass over a transactions CSV: splits records, checks each field and appends it to a primitive array, so
 * a bad value stops the load at its line and a good file is never read twice. See {@link Transactions#load}
 * for the rules.
 */
final class TransactionsReader {
    static final String TRANSACTION_ID = "transaction_id";
    static final String ACCOUNT_ID = "account_id";
    static final String AMOUNT = "amount";
    static final String TIMESTAMP = "timestamp";
    static final List<String> REQUIRED = List.of(TRANSACTION_ID, ACCOUNT_ID, AMOUNT, TIMESTAMP);

    static final int DEFAULT_BUFFER = 1 << 20;

    private final Path path;
    private final CsvScanner csv;

    /** Per CSV column: which required column it is (index into REQUIRED), or -1 for an extra column. */
    private int[] roles;
    private String[] names;
    private int rows;
    private long[] transactionIds = new long[1024];
    private long[] accountIds = new long[1024];
    private double[] amounts = new double[1024];
    private long[] timestamps = new long[1024];
    private final List<StringColumn> extras = new ArrayList<>();

    private TransactionsReader(Path path, InputStream in, int bufferSize) {
        this.path = path;
        this.csv = new CsvScanner(in, bufferSize);
    }

    static Table read(Path path, int bufferSize) {
        if (Files.isDirectory(path)) {
            throw fail(path, "is a directory, not a CSV file");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return new TransactionsReader(path, in, bufferSize).readAll();
        } catch (NoSuchFileException e) {
            throw fail(path, "no such file");
        } catch (AccessDeniedException e) {
            throw fail(path, "permission denied");
        } catch (IOException e) {
            throw new CkptException(Visible.line(path + ": cannot read (" + e.getMessage() + ")"), e);
        } catch (CsvScanner.Malformed e) {
            throw fail(path, "line " + e.line + ": " + e.getMessage());
        }
    }

    /** One line naming file, line and problem; bytes echoed from the file are shown, never obeyed ({@code \x1b}). */
    private static CkptException fail(Path path, String problem) {
        return new CkptException(Visible.line(path + ": " + problem));
    }

    private CkptException fail(long line, String problem) {
        return fail(path, "line " + line + ": " + problem);
    }

    private Table readAll() throws IOException, CsvScanner.Malformed {
        if (!csv.next()) {
            throw fail(path, "file is empty (expected a header line: " + String.join(",", REQUIRED) + ")");
        }
        readHeader();
        while (csv.next()) {
            readRow();
        }
        return toTable();
    }

    private void readHeader() {
        int n = csv.fieldCount();
        roles = new int[n];
        names = new String[n];
        List<String> found = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = csv.text(i).strip();
            found.add(name);
            // Required names match whatever their case; the table always uses the canonical lower-case name.
            int role = REQUIRED.indexOf(name.toLowerCase(Locale.ROOT));
            if (name.isEmpty()) {
                name = "column_" + (i + 1);
            }
            roles[i] = role;
            names[i] = role >= 0 ? REQUIRED.get(role) : name;
            for (int j = 0; j < i; j++) {
                if (names[j].equalsIgnoreCase(names[i])) {
                    throw fail(csv.line(), "column '" + names[i] + "' appears twice in the header");
                }
            }
        }
        List<String> lacking = new ArrayList<>(REQUIRED);
        for (int role : roles) {
            if (role >= 0) {
                lacking.remove(REQUIRED.get(role));
            }
        }
        if (!lacking.isEmpty()) {
            String hint = lacking.size() == REQUIRED.size() ? " — is the header line missing?" : "";
            throw fail(csv.line(), "header lacks column" + (lacking.size() > 1 ? "s " : " ")
                    + String.join(", ", lacking) + " (found: " + String.join(", ", found) + ")" + hint);
        }
        for (int i = 0; i < n; i++) {
            if (roles[i] < 0) {
                extras.add(StringColumn.create(names[i]));
            }
        }
    }

    private void readRow() {
        if (csv.fieldCount() != roles.length) {
            throw fail(csv.line(), csv.fieldCount() + " field" + (csv.fieldCount() == 1 ? "" : "s")
                    + ", expected " + roles.length);
        }
        if (rows == amounts.length) {
            grow();
        }
        byte[] b = csv.buffer();
        int extra = 0;
        for (int i = 0; i < roles.length; i++) {
            int role = roles[i];
            if (role < 0) {
                extras.get(extra++).append(csv.text(i));
                continue;
            }
            int start = Fields.trimStart(b, csv.start(i), csv.end(i));
            int end = Fields.trimEnd(b, start, csv.end(i));
            try {
                switch (role) {
                    case 0:
                        transactionIds[rows] = Fields.parseLong(b, required(i, start, end), end);
                        break;
                    case 1:
                        accountIds[rows] = Fields.parseLong(b, required(i, start, end), end);
                        break;
                    case 2:
                        // An empty amount is a missing value (NaN in Tablesaw), not an error: see dropMissing.
                        amounts[rows] = start == end ? Double.NaN : Fields.parseDouble(b, start, end);
                        break;
                    default:
                        timestamps[rows] = Fields.parseDateTime(b, required(i, start, end), end);
                        break;
                }
            } catch (Fields.Bad e) {
                throw fail(csv.line(), REQUIRED.get(role) + " '" + shown(csv.text(i)) + "' " + e.getMessage());
            }
        }
        rows++;
    }

    private int required(int field, int start, int end) {
        if (start == end) {
            throw fail(csv.line(), REQUIRED.get(roles[field]) + " is empty (only amount may be left empty)");
        }
        return start;
    }

    /** The offending text, cut so that one absurd field cannot make the error line unreadable. */
    private static String shown(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private void grow() {
        int size = amounts.length * 2;
        transactionIds = Arrays.copyOf(transactionIds, size);
        accountIds = Arrays.copyOf(accountIds, size);
        amounts = Arrays.copyOf(amounts, size);
        timestamps = Arrays.copyOf(timestamps, size);
    }

    private Table toTable() {
        List<Column<?>> columns = new ArrayList<>();
        int extra = 0;
        for (int i = 0; i < roles.length; i++) {
            switch (roles[i]) {
                case 0:
                    columns.add(LongColumn.create(TRANSACTION_ID, Arrays.copyOf(transactionIds, rows)));
                    break;
                case 1:
                    columns.add(LongColumn.create(ACCOUNT_ID, Arrays.copyOf(accountIds, rows)));
                    break;
                case 2:
                    columns.add(DoubleColumn.create(AMOUNT, Arrays.copyOf(amounts, rows)));
                    break;
                case 3:
                    columns.add(DateTimeColumn.createInternal(TIMESTAMP, Arrays.copyOf(timestamps, rows)));
                    break;
                default:
                    columns.add(extras.get(extra++));
                    break;
            }
        }
        Path file = path.getFileName();
        return Table.create(file == null ? path.toString() : file.toString(), columns);
    }
}
