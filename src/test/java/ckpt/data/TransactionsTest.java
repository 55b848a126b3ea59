package ckpt.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

class TransactionsTest {
    /** The shipped sample and the arguments that produce it (documented in data/README.md). */
    static final Path SHIPPED = Path.of("data", "transactions.csv");
    static final long SHIPPED_ROWS = 50_000;
    static final long SHIPPED_ACCOUNTS = 1_000;
    static final long SHIPPED_SEED = 42;

    static final String HEADER = "transaction_id,account_id,amount,timestamp\n";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** A header and {@code rows} good rows; row i (1-based) is on line i + 1. */
    private static String goodRows(int rows) {
        StringBuilder s = new StringBuilder(HEADER);
        for (int i = 1; i <= rows; i++) {
            s.append(i).append(',').append(100 + i % 7).append(',').append(i).append(".25,2024-03-01 10:00:")
                    .append(String.format("%02d", i % 60)).append('\n');
        }
        return s.toString();
    }

    private String loadError(Path file) {
        try {
            Transactions.load(file);
        } catch (CkptException e) {
            assertThat(e.getMessage()).as("one line").doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected " + file + " to fail to load");
    }

    // ---- the shipped file ----------------------------------------------------------------------------------

    @Test
    void loadsTheShippedFileWithTypedColumns() {
        Table t = Transactions.load(SHIPPED.toString());

        assertThat(t.name()).isEqualTo("transactions.csv");
        assertThat(t.rowCount()).isEqualTo(SHIPPED_ROWS);
        assertThat(t.columnNames()).containsExactly("transaction_id", "account_id", "amount", "timestamp");
        assertThat(t.types()).containsExactly(ColumnType.LONG, ColumnType.LONG, ColumnType.DOUBLE,
                ColumnType.LOCAL_DATE_TIME);
        assertThat(Transactions.missingCount(t, "amount")).isGreaterThan(100).isLessThan(500);
        assertThat(Transactions.missingCount(t, "transaction_id")).isZero();
    }

    /** Every value of the shipped file against a naive split-and-parse of the same text. */
    @Test
    void shippedFileValuesMatchTheTextExactly() throws IOException {
        Table t = Transactions.load(SHIPPED);
        List<String> lines = Files.readAllLines(SHIPPED);
        assertThat(lines).hasSize((int) SHIPPED_ROWS + 1);
        int missing = 0;
        for (int row = 0; row < t.rowCount(); row++) {
            String[] f = lines.get(row + 1).split(",", -1);
            assertThat(t.longColumn("transaction_id").get(row)).isEqualTo(Long.parseLong(f[0]));
            assertThat(t.longColumn("account_id").get(row)).isEqualTo(Long.parseLong(f[1]));
            if (f[2].isEmpty()) {
                missing++;
                assertThat(t.doubleColumn("amount").isMissing(row)).isTrue();
            } else {
                assertThat(t.doubleColumn("amount").getDouble(row)).isEqualTo(Double.parseDouble(f[2]));
            }
            assertThat(t.dateTimeColumn("timestamp").get(row)).isEqualTo(LocalDateTime.parse(f[3], STAMP));
        }
        assertThat(Transactions.missingCount(t, "amount")).isEqualTo(missing);
    }

    @Test
    void dropMissingRemovesExactlyTheRowsWithoutAmount() {
        Table t = Transactions.load(SHIPPED);
        int missing = Transactions.missingCount(t, "amount");

        Table kept = Transactions.dropMissing(t);

        assertThat(kept.rowCount()).isEqualTo(t.rowCount() - missing);
        assertThat(Transactions.missingCount(kept, "amount")).isZero();
        // The ids that were dropped are exactly those whose amount was missing.
        long droppedIdSum = (long) t.longColumn("transaction_id").sum() - (long) kept.longColumn("transaction_id").sum();
        long missingIdSum = 0;
        for (int row = 0; row < t.rowCount(); row++) {
            if (t.doubleColumn("amount").isMissing(row)) {
                missingIdSum += t.longColumn("transaction_id").get(row);
            }
        }
        assertThat(droppedIdSum).isEqualTo(missingIdSum);
        assertThat(t.rowCount()).as("the input is untouched").isEqualTo(SHIPPED_ROWS);
    }

    @Test
    void shippedFileIsWhatTheGeneratorWrites() throws IOException {
        Path again = Transactions.generate(dir.resolve("again.csv"), SHIPPED_ROWS, SHIPPED_ACCOUNTS, SHIPPED_SEED);

        assertThat(Files.mismatch(again, SHIPPED)).as("first differing byte").isEqualTo(-1L);
        assertThat(Files.size(SHIPPED)).isLessThan(5_000_000);
    }

    // ---- generator -------------------------------------------------------------------------------------------

    @Test
    void generatorIsDeterministicAndSeeded() throws IOException {
        Path a = Transactions.generate(dir.resolve("a.csv").toString(), 5_000, 50, 7);
        Path b = Transactions.generate(dir.resolve("b.csv").toString(), 5_000, 50, 7);
        Path c = Transactions.generate(dir.resolve("c.csv").toString(), 5_000, 50, 8);

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.mismatch(a, c)).isNotEqualTo(-1L);
    }

    @Test
    void generatedRowsLookRealistic() throws IOException {
        long rows = 40_000;
        long accounts = 200;
        Path file = Transactions.generate(dir.resolve("nested/deeper/tx.csv").toString(), rows, accounts, 1);
        List<String> lines = Files.readAllLines(file);

        assertThat(lines.get(0)).isEqualTo(HEADER.strip());
        assertThat(lines).hasSize((int) rows + 1);
        Pattern amount = Pattern.compile("|[1-9]\\d*\\.\\d\\d|0\\.\\d\\d");
        Map<Long, Integer> perAccount = new HashMap<>();
        LocalDateTime previous = LocalDateTime.MIN;
        int missing = 0;
        for (int i = 1; i <= rows; i++) {
            String[] f = lines.get(i).split(",", -1);
            assertThat(f).hasSize(4);
            assertThat(Long.parseLong(f[0])).isEqualTo(i);
            long account = Long.parseLong(f[1]);
            assertThat(account).isBetween(1L, accounts);
            perAccount.merge(account, 1, Integer::sum);
            assertThat(f[2]).matches(amount);
            if (f[2].isEmpty()) {
                missing++;
            } else {
                assertThat(Double.parseDouble(f[2])).isBetween(0.01, 50_000.0);
            }
            LocalDateTime stamp = LocalDateTime.parse(f[3], STAMP);
            assertThat(stamp).isAfter(previous);
            previous = stamp;
        }
        assertThat(missing).as("about 0.5%% of %d", rows).isBetween(100, 300);
        int busiest = perAccount.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        assertThat(busiest).as("skew: busiest account vs the average").isGreaterThan(3 * (int) (rows / accounts));
        assertThat(perAccount.size()).as("most accounts appear").isGreaterThan((int) (accounts * 0.9));
        assertThat(Transactions.load(file).rowCount()).isEqualTo(rows);
    }

    @Test
    void generatorRefusesNonsense() {
        assertThatThrownBy(() -> Transactions.generate(dir.resolve("x.csv").toString(), -1, 10, 1))
                .isInstanceOf(CkptException.class).hasMessageContaining("rows").hasMessageContaining("-1");
        assertThatThrownBy(() -> Transactions.generate(dir.resolve("x.csv").toString(), 10, 0, 1))
                .isInstanceOf(CkptException.class).hasMessageContaining("accounts");
        assertThatThrownBy(() -> Transactions.generate(dir.toString(), 10, 10, 1))
                .isInstanceOf(CkptException.class).hasMessageContaining("is a directory");
    }

    // ---- CSV syntax ------------------------------------------------------------------------------------------

    @Test
    void quotedFieldsMayHoldCommasQuotesAndLineBreaks() throws IOException {
        Path file = write("quoted.csv", "transaction_id,account_id,amount,timestamp,note\r\n"
                + "1,10,\"12.50\",2024-01-01 00:00:00,\"Smith, John\"\r\n"
                + "\"2\",11,,\"2024-01-01 00:00:01\",\"she said \"\"hi\"\"\"\r\n"
                + "3,12,7,2024-01-01 00:00:02,\"two\nlines\"\r\n"
                + "4,13,1e2,2024-01-01T00:00:03.5,\r\n"
                + "5,14, -0.75 ,2024-01-01 00:00:04,\"\"");

        Table t = Transactions.load(file);

        assertThat(t.columnNames()).containsExactly("transaction_id", "account_id", "amount", "timestamp", "note");
        assertThat(t.types().get(4)).isEqualTo(ColumnType.STRING);
        assertThat(t.stringColumn("note").asList())
                .containsExactly("Smith, John", "she said \"hi\"", "two\nlines", "", "");
        assertThat(t.longColumn("transaction_id").asList()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(t.doubleColumn("amount").getDouble(0)).isEqualTo(12.5);
        assertThat(t.doubleColumn("amount").isMissing(1)).isTrue();
        assertThat(t.doubleColumn("amount").getDouble(3)).isEqualTo(100.0);
        assertThat(t.doubleColumn("amount").getDouble(4)).isEqualTo(-0.75);
        assertThat(t.dateTimeColumn("timestamp").get(3)).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0, 3, 500_000_000));
        // An empty extra field is missing too, so dropMissing keeps only the complete rows 1 and 3.
        assertThat(Transactions.dropMissing(t).longColumn("transaction_id").asList()).containsExactly(1L, 3L);
    }

    /** The same file through a tiny buffer: every record and field is cut by a buffer end somewhere. */
    @Test
    void recordsCutByTheBufferEndParseTheSame() throws IOException {
        String text = "\uFEFFTransaction_ID,account_id,AMOUNT,timestamp,note\r\n"
                + "1,10,\"12.50\",2024-01-01 00:00:00,\"Smith, John\"\r\n"
                + "2,11,,2024-01-01 00:00:01,\"she said \"\"hi\"\"\"\n"
                + "\n"
                + "3,12,7,2024-01-01 00:00:02,\"two\nlines, and a long tail to outgrow the buffer\"\r\n"
                + "4,13,123456789012345.678,2024-01-01 00:00:03,€uro\r\n";
        Path file = write("cut.csv", text);
        Table reference = TransactionsReader.read(file, 1 << 16);
        assertThat(reference.rowCount()).isEqualTo(4);
        assertThat(reference.columnNames()).startsWith("transaction_id", "account_id", "amount");
        for (int size = 4; size < 40; size++) {
            Table t = TransactionsReader.read(file, size);
            assertThat(t.printAll()).as("buffer of %d bytes", size).isEqualTo(reference.printAll());
        }
        assertThat(reference.stringColumn("note").get(3)).isEqualTo("€uro");

        // Line numbers too: CRLF pairs and quoted line breaks cut by the buffer end are each counted once.
        Path bad = write("cut-bad.csv", "transaction_id,account_id,amount,timestamp,note\r\n"
                + "1,1,1.00,2024-01-01 00:00:00,\"two\r\nlines\"\r\n"
                + "2,1,2.00,2024-01-01 00:00:01,\"\"\"quoted\"\"\"\r\n"
                + "3,1,3.00,2024-01-01 00:00:02,plain\r\n"
                + "\r\n"
                + "4,1,4.00,2024-01-01 00:00:03,\"\r\n\r\n\"\r\n"
                + "5,1,x,2024-01-01 00:00:04,plain\r\n");
        for (int size = 4; size < 40; size++) {
            int bufferSize = size;
            assertThatThrownBy(() -> TransactionsReader.read(bad, bufferSize)).as("buffer of %d bytes", size)
                    .hasMessageEndingWith("cut-bad.csv: line 10: amount 'x' is not a number");
        }
    }

    @Test
    void headerOnlyIsAnEmptyTypedTable() throws IOException {
        Table t = Transactions.load(write("empty-table.csv", HEADER));

        assertThat(t.rowCount()).isZero();
        assertThat(t.types()).containsExactly(ColumnType.LONG, ColumnType.LONG, ColumnType.DOUBLE,
                ColumnType.LOCAL_DATE_TIME);
    }

    @Test
    void fastNumberParsingAgreesWithTheJdk() throws Fields.Bad {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            String s;
            switch (i % 4) {
                case 0:
                    s = (random.nextInt(10_000_000)) + "." + String.format("%02d", random.nextInt(100));
                    break;
                case 1:
                    s = Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(30) - 10));
                    break;
                case 2:
                    s = "-" + random.nextInt(1000) + "." + Long.toString(Math.abs(random.nextLong()));
                    break;
                default:
                    s = Long.toString(random.nextLong() >> random.nextInt(64));
                    break;
            }
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(Fields.parseDouble(b, 0, b.length)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    // ---- bad input: one line with file, line number and problem ----------------------------------------------

    @Test
    void missingFile() {
        assertThat(loadError(dir.resolve("missing.csv"))).endsWith("missing.csv: no such file");
        assertThatThrownBy(() -> Transactions.load("data/missing.csv"))
                .isInstanceOf(CkptException.class).hasMessage("data/missing.csv: no such file");
    }

    @Test
    void directory() {
        assertThat(loadError(dir)).isEqualTo(dir + ": is a directory, not a CSV file");
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(loadError(write("empty.csv", ""))).contains("empty.csv: file is empty");
        assertThat(loadError(write("blank.csv", "\n\n"))).contains("blank.csv: file is empty");
    }

    @Test
    void headerLackingColumnsNamesThemAndWhatWasFound() throws IOException {
        String message = loadError(write("renamed.csv", "id,account_id,value,timestamp\n1,2,3,2024-01-01 00:00:00\n"));

        assertThat(message).contains("renamed.csv: line 1: header lacks columns transaction_id, amount")
                .contains("found: id, account_id, value, timestamp");
    }

    @Test
    void noHeaderAtAll() throws IOException {
        String message = loadError(write("headless.csv", "1,10,2.50,2024-01-01 00:00:00\n"));

        assertThat(message).contains("headless.csv: line 1: header lacks columns transaction_id, account_id, "
                + "amount, timestamp").contains("is the header line missing?");
    }

    @Test
    void duplicateHeaderColumn() throws IOException {
        assertThat(loadError(write("dup.csv", "transaction_id,account_id,amount,timestamp,Amount\n")))
                .contains("dup.csv: line 1: column 'amount' appears twice");
    }

    @Test
    void wrongNumberOfFields() throws IOException {
        String text = goodRows(15) + "16,1,2.00\n" + goodRows(3).substring(HEADER.length());

        assertThat(loadError(write("short.csv", text))).isEqualTo(dir.resolve("short.csv") + ": line 17: 3 fields, expected 4");
        assertThat(loadError(write("long.csv", HEADER + "1,2,3,2024-01-01 00:00:00,extra\n")))
                .endsWith("long.csv: line 2: 5 fields, expected 4");
    }

    @Test
    void nonNumericAmount() throws IOException {
        String text = goodRows(40) + "41,7,abc,2024-03-01 10:00:00\n";

        assertThat(loadError(write("amount.csv", text))).endsWith("amount.csv: line 42: amount 'abc' is not a number");
        assertThat(loadError(write("nan.csv", HEADER + "1,2,NaN,2024-01-01 00:00:00\n")))
                .endsWith("nan.csv: line 2: amount 'NaN' is not a number");
        assertThat(loadError(write("thousands.csv", HEADER + "1,2,\"1,234.50\",2024-01-01 00:00:00\n")))
                .endsWith("thousands.csv: line 2: amount '1,234.50' is not a number");
    }

    @Test
    void badIds() throws IOException {
        assertThat(loadError(write("txid.csv", goodRows(2) + "x3,7,1.00,2024-03-01 10:00:00\n")))
                .endsWith("txid.csv: line 4: transaction_id 'x3' is not a whole number");
        assertThat(loadError(write("acct.csv", HEADER + "1,7.5,1.00,2024-03-01 10:00:00\n")))
                .endsWith("acct.csv: line 2: account_id '7.5' is not a whole number");
        assertThat(loadError(write("huge.csv", HEADER + "1,99999999999999999999,1.00,2024-03-01 10:00:00\n")))
                .endsWith("huge.csv: line 2: account_id '99999999999999999999' is out of range (a whole number up to 19 digits)");
        assertThat(loadError(write("noid.csv", HEADER + "1,2,3,2024-03-01 10:00:00\n,2,3,2024-03-01 10:00:00\n")))
                .endsWith("noid.csv: line 3: transaction_id is empty (only amount may be left empty)");
    }

    @Test
    void badTimestamps() throws IOException {
        assertThat(loadError(write("day.csv", goodRows(5) + "6,1,1.00,2024-02-30 10:00:00\n")))
                .endsWith("day.csv: line 7: timestamp '2024-02-30 10:00:00' is not a valid date");
        assertThat(loadError(write("fmt.csv", HEADER + "1,1,1.00,01/03/2024 10:00\n")))
                .endsWith("fmt.csv: line 2: timestamp '01/03/2024 10:00' is not a date-time (expected yyyy-MM-dd HH:mm:ss)");
        assertThat(loadError(write("hour.csv", HEADER + "1,1,1.00,2024-03-01 24:00:00\n")))
                .endsWith("hour.csv: line 2: timestamp '2024-03-01 24:00:00' is not a valid time of day");
        assertThat(loadError(write("nostamp.csv", HEADER + "1,1,1.00,\n")))
                .endsWith("nostamp.csv: line 2: timestamp is empty (only amount may be left empty)");
    }

    @Test
    void unclosedQuoteNamesTheLineWhereTheFieldStarts() throws IOException {
        String text = goodRows(3) + "4,1,\"2.00,2024-03-01 10:00:00\n5,1,1.00,2024-03-01 10:00:00\n";

        assertThat(loadError(write("quote.csv", text))).endsWith("quote.csv: line 5: quoted field never closed (a \" with no closing \")");
    }

    @Test
    void lineNumbersCountLinesInsideQuotedFields() throws IOException {
        String text = "transaction_id,account_id,amount,timestamp,note\n"
                + "1,1,1.00,2024-03-01 10:00:00,\"a\nb\nc\"\n"
                + "2,1,oops,2024-03-01 10:00:00,x\n";

        assertThat(loadError(write("multi.csv", text))).endsWith("multi.csv: line 5: amount 'oops' is not a number");
    }

    @Test
    void missingCountNamesTheColumnsOnATypo() {
        Table t = Transactions.load(SHIPPED);

        assertThatThrownBy(() -> Transactions.missingCount(t, "amout"))
                .isInstanceOf(CkptException.class).hasMessageContaining("no column 'amout'")
                .hasMessageContaining("amount");
    }
}
