package ckpt.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a CSV byte stream into records and fields (RFC 4180: comma separator, fields optionally in double
 * quotes, {@code ""} inside quotes is one quote, quoted fields may hold commas and line breaks; LF or CRLF).
 *
 * <p>It works on bytes, not chars: the separators are ASCII, so UTF-8 text passes through untouched and only
 * the fields someone asks for as text are ever decoded. A field is a range of the internal buffer, valid until
 * the next call to {@link #next()}. Records are parsed whole: when one runs past the buffered bytes, the
 * buffer is compacted (and grown if one record is bigger than it) and the record is parsed again.
 */
final class CsvScanner {
    /** Thrown for malformed CSV (an unclosed quote...); the caller adds the file name. */
    static final class Malformed extends Exception {
        final long line;

        Malformed(long line, String problem) {
            super(problem, null, false, false);
            this.line = line;
        }
    }

    private static final byte COMMA = ',';
    private static final byte QUOTE = '"';
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    /** parseRecord's answer when the record is not complete in the buffer yet. */
    private static final int NEED_MORE = -1;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private int[] starts = new int[16];
    private int[] ends = new int[16];
    /** Whether a field was quoted and holds a doubled quote, so its text needs unescaping. */
    private boolean[] escaped = new boolean[16];
    private int fieldCount;
    /** Set by parseRecord when the first field was an explicit "" (so a lone "" line is not a blank line). */
    private boolean quotedEmpty;

    /** 1-based physical line where the next record starts. */
    private long line = 1;
    private long recordLine;
    private boolean first = true;

    CsvScanner(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[Math.max(bufferSize, 4)];
    }

    /** Number of fields in the current record. */
    int fieldCount() {
        return fieldCount;
    }

    /** 1-based line where the current record starts (a quoted line break makes a record span lines). */
    long line() {
        return recordLine;
    }

    byte[] buffer() {
        return buf;
    }

    int start(int field) {
        return starts[field];
    }

    int end(int field) {
        return ends[field];
    }

    boolean escaped(int field) {
        return escaped[field];
    }

    /** The field as text (decoded UTF-8, quotes unescaped). Only for the few fields kept as strings. */
    String text(int field) {
        String s = new String(buf, starts[field], ends[field] - starts[field], StandardCharsets.UTF_8);
        return escaped[field] ? s.replace("\"\"", "\"") : s;
    }

    /**
     * Moves to the next non-blank record. Returns false at the end of input. Blank lines are skipped (as pandas
     * does) but still counted, so line numbers stay those an editor shows.
     */
    boolean next() throws IOException, Malformed {
        while (true) {
            if (pos >= limit && !fill()) {
                return false;
            }
            if (first) {
                first = false;
                skipByteOrderMark();
            }
            int linesSpanned = parseRecord();
            if (linesSpanned == NEED_MORE) {
                if (!fill()) {
                    // fill() only fails at end of input, where parseRecord never asks for more.
                    throw new IllegalStateException("CSV scanner asked for more input at end of file");
                }
                continue;
            }
            recordLine = line;
            line += linesSpanned;
            boolean blank = fieldCount == 1 && starts[0] == ends[0] && !escaped[0] && !quotedEmpty;
            if (!blank) {
                return true;
            }
        }
    }

    private void skipByteOrderMark() {
        if (limit - pos >= 3 && buf[pos] == (byte) 0xEF && buf[pos + 1] == (byte) 0xBB && buf[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
    }

    /**
     * Parses one record starting at {@code pos}. Returns how many line breaks it consumed (normally 1, 0 for a
     * last line without one), or NEED_MORE without moving {@code pos} if the record is cut by the buffer end.
     */
    private int parseRecord() throws Malformed {
        final byte[] b = buf;
        final int lim = limit;
        int p = pos;
        int n = 0;
        int breaks = 0;
        quotedEmpty = false;
        while (true) {
            if (n == starts.length) {
                growFields();
            }
            boolean esc = false;
            int start;
            int end;
            if (p < lim && b[p] == QUOTE) {
                // Quoted field: runs to the next quote that is not doubled.
                p++;
                start = p;
                while (true) {
                    while (p < lim && b[p] != QUOTE) {
                        if (b[p] == LF) {
                            breaks++;
                        }
                        p++;
                    }
                    if (p + 1 >= lim && !eof) {
                        return NEED_MORE; // need the byte after the quote to know if it is doubled
                    }
                    if (p >= lim) {
                        throw new Malformed(line, "quoted field never closed (a \" with no closing \")");
                    }
                    if (p + 1 < lim && b[p + 1] == QUOTE) {
                        esc = true;
                        p += 2;
                        continue;
                    }
                    break;
                }
                end = p;
                p++; // closing quote
                if (p < lim && b[p] != COMMA && b[p] != LF && b[p] != CR) {
                    throw new Malformed(line + breaks, "unexpected text after a closing quote in field "
                            + (n + 1) + " (a quote inside a quoted field must be doubled: \"\")");
                }
                if (n == 0 && end == start) {
                    quotedEmpty = true;
                }
            } else {
                start = p;
                while (p < lim) {
                    byte c = b[p];
                    if (c == COMMA || c == LF || c == CR) {
                        break;
                    }
                    p++;
                }
                end = p;
            }
            starts[n] = start;
            ends[n] = end;
            escaped[n] = esc;
            n++;
            if (p >= lim) {
                if (!eof) {
                    return NEED_MORE;
                }
                pos = p;
                fieldCount = n;
                return breaks; // last line without a line break
            }
            byte c = b[p];
            if (c == COMMA) {
                p++;
                continue;
            }
            if (c == CR) {
                if (p + 1 >= lim && !eof) {
                    return NEED_MORE; // a CRLF split by the buffer end
                }
                p++;
                if (p < lim && b[p] == LF) {
                    p++;
                }
            } else {
                p++; // LF
            }
            pos = p;
            fieldCount = n;
            return breaks + 1;
        }
    }

    /** Keeps the unparsed tail, then reads more. Returns false if nothing is left at all. */
    private boolean fill() throws IOException {
        if (eof) {
            return pos < limit;
        }
        int tail = limit - pos;
        if (pos == 0 && tail == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2); // one record bigger than the buffer
        } else if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, tail);
        }
        pos = 0;
        limit = tail;
        // Fill what we can in one go; a short read is fine, parseRecord asks again if a record is cut.
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
            eof = true;
        } else {
            limit += r;
        }
        return limit > 0 || !eof;
    }

    private void growFields() {
        int size = starts.length * 2;
        starts = Arrays.copyOf(starts, size);
        ends = Arrays.copyOf(ends, size);
        escaped = Arrays.copyOf(escaped, size);
    }
}
