package ckpt.data;

import java.nio.charset.StandardCharsets;

/**
 * Parses typed values straight from a byte range of the CSV buffer, without making a String per field.
 * Each parser returns its value or throws {@link Bad}, whose message is the problem in words ("is not a
 * number"); the loader puts the file, line, column and field text around it.
 */
final class Fields {
    private Fields() {
    }

    /** A field that does not parse; cheap to throw (no stack trace) because a bad file stops at the first. */
    static final class Bad extends Exception {
        Bad(String problem) {
            super(problem, null, false, false);
        }
    }

    /** Powers of ten that are exact doubles (10^22 is the largest). */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    /** Index of the first byte that is not a space or tab (fields like " 12.50" are tolerated). */
    static int trimStart(byte[] b, int start, int end) {
        while (start < end && (b[start] == ' ' || b[start] == '\t')) {
            start++;
        }
        return start;
    }

    static int trimEnd(byte[] b, int start, int end) {
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    /** A whole number in long range, optional sign. Long.MIN_VALUE is refused: Tablesaw uses it for "missing". */
    static long parseLong(byte[] b, int start, int end) throws Bad {
        int p = start;
        boolean negative = false;
        if (p < end && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        if (p == end) {
            throw new Bad("is not a whole number");
        }
        long value = 0;
        for (; p < end; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw new Bad("is not a whole number");
            }
            // Accumulate negatively: the negative range is one larger, and overflow shows as a sign flip.
            if (value < (Long.MIN_VALUE + d) / 10) {
                throw new Bad("is out of range (a whole number up to 19 digits)");
            }
            value = value * 10 - d;
        }
        if (negative) {
            if (value == Long.MIN_VALUE) {
                throw new Bad("is out of range (a whole number up to 19 digits)");
            }
            return value;
        }
        if (value == Long.MIN_VALUE) {
            throw new Bad("is out of range (a whole number up to 19 digits)");
        }
        return -value;
    }

    /**
     * A decimal number such as 12.50, -3, .5 or 1.2e3. NaN, Infinity and hex are refused: an amount has to be a
     * real number. The result is exactly what {@link Double#parseDouble} gives: the fast path only handles
     * numbers whose digits fit a double exactly (at most 15 of them), where one division by an exact power of ten
     * is correctly rounded; anything else goes to Double.parseDouble.
     */
    static double parseDouble(byte[] b, int start, int end) throws Bad {
        int p = start;
        boolean negative = false;
        if (p < end && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        long mantissa = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean dot = false;
        boolean simple = true;
        for (; p < end; p++) {
            byte c = b[p];
            if (c >= '0' && c <= '9') {
                mantissa = mantissa * 10 + (c - '0');
                digits++;
                if (dot) {
                    fractionDigits++;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else if (c == 'e' || c == 'E') {
                simple = false;
                break;
            } else {
                throw new Bad("is not a number");
            }
        }
        if (digits == 0) {
            throw new Bad("is not a number");
        }
        if (simple && digits <= 15) {
            double v = mantissa / POW10[fractionDigits];
            return negative ? -v : v;
        }
        return parseSlow(b, start, end);
    }

    private static double parseSlow(byte[] b, int start, int end) throws Bad {
        String s = new String(b, start, end - start, StandardCharsets.US_ASCII);
        // Double.parseDouble also takes "NaN", "Infinity", "1d", "0x1p3": only plain decimal notation is ours.
        if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new Bad("is not a number");
        }
        double v = Double.parseDouble(s);
        if (Double.isInfinite(v)) {
            throw new Bad("is out of range for a double");
        }
        return v;
    }

    /**
     * A date-time {@code yyyy-MM-dd HH:mm:ss}, optionally with 'T' instead of the space and a fraction of up to 3
     * digits ({@code .SSS}): Tablesaw keeps date-times to the millisecond, so longer fractions are refused rather
     * than silently cut. Returns the value packed the way Tablesaw's DateTimeColumn stores it.
     */
    static long parseDateTime(byte[] b, int start, int end) throws Bad {
        int len = end - start;
        if (len < 19 || len == 20 || len > 23
                || b[start + 4] != '-' || b[start + 7] != '-'
                || (b[start + 10] != ' ' && b[start + 10] != 'T')
                || b[start + 13] != ':' || b[start + 16] != ':'
                || (len > 19 && b[start + 19] != '.')) {
            throw new Bad(DATE_TIME_FORMAT);
        }
        int year = digits(b, start, 4);
        int month = digits(b, start + 5, 2);
        int day = digits(b, start + 8, 2);
        int hour = digits(b, start + 11, 2);
        int minute = digits(b, start + 14, 2);
        int second = digits(b, start + 17, 2);
        int millis = 0;
        if (len > 19) {
            int fraction = len - 20;
            millis = digits(b, start + 20, fraction);
            for (int i = fraction; i < 3; i++) {
                millis *= 10;
            }
        }
        if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
            throw new Bad("is not a valid date");
        }
        if (hour > 23 || minute > 59 || second > 59) {
            throw new Bad("is not a valid time of day");
        }
        // Tablesaw's PackedLocalDateTime: packed date in the high 32 bits, packed time in the low 32.
        int date = tech.tablesaw.columns.dates.PackedLocalDate.pack(year, month, day);
        int time = tech.tablesaw.columns.times.PackedLocalTime.of(hour, minute, second, millis);
        return ((long) date << 32) | (time & 0xFFFFFFFFL);
    }

    static final String DATE_TIME_FORMAT = "is not a date-time (expected yyyy-MM-dd HH:mm:ss)";

    private static int digits(byte[] b, int from, int count) throws Bad {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new Bad(DATE_TIME_FORMAT);
            }
            v = v * 10 + d;
        }
        return v;
    }

    private static int daysInMonth(int year, int month) {
        switch (month) {
            case 2:
                boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
                return leap ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }
}
