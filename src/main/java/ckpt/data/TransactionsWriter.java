package ckpt.data;

import ckpt.error.CkptException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes seeded, realistic-looking transactions. Same arguments, same bytes: the random numbers come from
 * SplitMix64 (a fixed algorithm, not a JDK class that could change), the floating-point maths uses StrictMath,
 * and numbers and dates are formatted by hand with no Locale involved.
 *
 * <p>What the rows look like:
 * <ul>
 *   <li>{@code transaction_id}: 1..rows in order.</li>
 *   <li>{@code account_id}: 1..accounts, skewed: account k is drawn with probability growing like
 *       1/sqrt(k) (the id is {@code 1 + floor(accounts * u²)}), so with 1,000 accounts the 10 busiest take about
 *       10% of the rows and account 1 about 3%.</li>
 *   <li>{@code amount}: log-normal around a median of 35.00 (sigma 1.1), two decimals, from 0.01 to 50,000.00;
 *       about 0.5% of them empty (missing).</li>
 *   <li>{@code timestamp}: {@code yyyy-MM-dd HH:mm:ss} from 2024-01-01 00:00:00, strictly increasing: 1 s plus the
 *       whole seconds of an exponential gap of mean 5 s (bursty, like real traffic; about 5.5 s on average).</li>
 * </ul>
 */
final class TransactionsWriter {
    static final String HEADER = "transaction_id,account_id,amount,timestamp\n";
    static final double MISSING_SHARE = 0.005;
    private static final long START_EPOCH_SECOND = LocalDate.of(2024, 1, 1).toEpochDay() * 86_400L;
    private static final double MEDIAN_CENTS = 3_500;
    private static final double SIGMA = 1.1;
    private static final long MAX_CENTS = 5_000_000;
    private static final double MEAN_EXTRA_GAP_SECONDS = 5;

    private TransactionsWriter() {
    }

    static Path generate(Path path, long rows, long accounts, long seed) {
        if (rows < 0) {
            throw new CkptException("generate: rows must be 0 or more, got " + rows);
        }
        if (accounts < 1) {
            throw new CkptException("generate: accounts must be 1 or more, got " + accounts);
        }
        if (Files.isDirectory(path)) {
            throw new CkptException(path + ": is a directory; give a file name such as " + path.resolve("transactions.csv"));
        }
        ckpt.io.FreeSpace.require(path.toAbsolutePath().getParent(), estimatedBytes(rows, accounts),
                String.format(java.util.Locale.ROOT, "generateCsv: %,d rows", rows));
        try {
            // beside the target, then moved into place: a failed write never leaves half a file behind
            ckpt.io.AtomicFile.write(path, out -> write(out, rows, accounts, seed));
            return path;
        } catch (IOException e) {
            throw new CkptException(ckpt.io.AtomicFile.failure(path, e), e);
        }
    }

    /**
     * About how many bytes the file takes, a little high rather than low: the ids' digits exactly, the account id
     * at its widest, a typical amount (35.00, median; 6 bytes allowed), the timestamp, 3 commas and a line feed.
     */
    static long estimatedBytes(long rows, long accounts) {
        long idDigits = 0;
        long from = 1;
        for (int d = 1; d <= 19 && from <= rows; d++) {
            long to = d == 19 ? rows : Math.min(rows, from * 10 - 1);
            idDigits += (to - from + 1) * d;
            from *= 10;
        }
        int accountDigits = Long.toString(accounts).length();
        return HEADER.length() + idDigits + rows * (accountDigits + 6L + 19 + 4);
    }

    private static void write(OutputStream out, long rows, long accounts, long seed) throws IOException {
        Line line = new Line(out);
        line.ascii(HEADER);
        SplitMix64 random = new SplitMix64(seed);
        long second = START_EPOCH_SECOND;
        long day = Long.MIN_VALUE;
        byte[] date = new byte[11]; // "yyyy-MM-dd " of the current day, rebuilt only when the day changes
        for (long id = 1; id <= rows; id++) {
            // Always draw the same numbers per row, so one choice never shifts the stream for the others.
            double uAccount = random.nextDouble();
            double uMissing = random.nextDouble();
            double u1 = random.nextDouble();
            double u2 = random.nextDouble();
            double uGap = random.nextDouble();

            long account = 1 + Math.min(accounts - 1, (long) (accounts * uAccount * uAccount));
            line.number(id).comma().number(account).comma();
            if (uMissing >= MISSING_SHARE) {
                line.cents(amountCents(u1, u2));
            }
            line.comma();

            long thisDay = Math.floorDiv(second, 86_400L);
            if (thisDay != day) {
                day = thisDay;
                String d = LocalDate.ofEpochDay(day).toString() + " ";
                for (int i = 0; i < date.length; i++) {
                    date[i] = (byte) d.charAt(i);
                }
            }
            line.bytes(date).time((int) (second - day * 86_400L)).newline();
            second += 1 + (long) (-MEAN_EXTRA_GAP_SECONDS * StrictMath.log(1 - uGap));
        }
        line.flush();
    }

    /** Log-normal via Box-Muller; u1, u2 in [0, 1). */
    private static long amountCents(double u1, double u2) {
        double gaussian = StrictMath.sqrt(-2 * StrictMath.log(1 - u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
        long cents = Math.round(MEDIAN_CENTS * StrictMath.exp(SIGMA * gaussian));
        return Math.max(1, Math.min(MAX_CENTS, cents));
    }

    /** SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and its output is fixed by the algorithm. */
    private static final class SplitMix64 {
        private long state;

        SplitMix64(long seed) {
            state = seed;
        }

        long nextLong() {
            long z = (state += 0x9E3779B97F4A7C15L);
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }

        /** Uniform in [0, 1) from the top 53 bits. */
        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }
    }

    /** A byte buffer that formats the few things a row needs, flushing to the stream when it fills. */
    private static final class Line {
        private final OutputStream out;
        private final byte[] buf = new byte[1 << 16];
        private final byte[] digits = new byte[20];
        private int n;

        Line(OutputStream out) {
            this.out = out;
        }

        Line ascii(String s) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                put((byte) s.charAt(i));
            }
            return this;
        }

        Line bytes(byte[] b) throws IOException {
            for (byte x : b) {
                put(x);
            }
            return this;
        }

        Line comma() throws IOException {
            return put((byte) ',');
        }

        Line newline() throws IOException {
            return put((byte) '\n');
        }

        /** A non-negative whole number. */
        Line number(long v) throws IOException {
            int i = digits.length;
            do {
                digits[--i] = (byte) ('0' + v % 10);
                v /= 10;
            } while (v > 0);
            while (i < digits.length) {
                put(digits[i++]);
            }
            return this;
        }

        /** Cents as a decimal with two places: 1234 becomes 12.34, 5 becomes 0.05. */
        Line cents(long cents) throws IOException {
            number(cents / 100);
            put((byte) '.');
            put((byte) ('0' + cents % 100 / 10));
            return put((byte) ('0' + cents % 10));
        }

        /** Second of day as HH:mm:ss. */
        Line time(int secondOfDay) throws IOException {
            two(secondOfDay / 3600);
            put((byte) ':');
            two(secondOfDay / 60 % 60);
            put((byte) ':');
            return two(secondOfDay % 60);
        }

        private Line two(int v) throws IOException {
            put((byte) ('0' + v / 10));
            return put((byte) ('0' + v % 10));
        }

        private Line put(byte b) throws IOException {
            if (n == buf.length) {
                flush();
            }
            buf[n++] = b;
            return this;
        }

        void flush() throws IOException {
            out.write(buf, 0, n);
            n = 0;
        }
    }
}
