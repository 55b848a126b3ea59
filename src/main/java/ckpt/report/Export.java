package ckpt.report;

import ckpt.error.CkptException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Writes tables as CSV or JSON with their raw values (not the human-readable form). */
public final class Export {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private Export() {
    }

    /**
     * CSV (RFC 4180): a header line, then one line per row; numbers plain (whole values without decimals, also
     * in double columns; no thousands separators, no exponent), missing values as empty fields, instants
     * ISO-8601 ({@code 2026-11-24T10:02:11.123Z}); fields with a comma, quote or line break are quoted.
     */
    public static Path csv(Table t, String path) {
        Path p = target(path);
        try {
            return ckpt.io.AtomicFile.write(p, out -> {
                Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
                for (int j = 0; j < t.columnCount(); j++) {
                    w.write((j == 0 ? "" : ",") + quote(t.column(j).name()));
                }
                w.write("\n");
                for (int i = 0; i < t.rowCount(); i++) {
                    for (int j = 0; j < t.columnCount(); j++) {
                        w.write((j == 0 ? "" : ",") + quote(raw(t.column(j), i)));
                    }
                    w.write("\n");
                }
                w.flush();
            });
        } catch (IOException e) {
            throw new CkptException(ckpt.io.AtomicFile.failure(path, e), e);
        }
    }

    /**
     * JSON: an array of row objects in column order; numbers as numbers (whole ones as integers, never in
     * exponent notation), missing as null, instants ISO-8601.
     */
    public static Path json(Table t, String path) {
        Path p = target(path);
        ArrayNode rows = JSON.createArrayNode();
        for (int i = 0; i < t.rowCount(); i++) {
            ObjectNode o = rows.addObject();
            for (Column<?> c : t.columns()) {
                String k = c.name();
                if (c.isMissing(i)) {
                    o.putNull(k);
                } else if (c instanceof NumericColumn<?> n) {
                    Object v = c.get(i);
                    if (v instanceof Double || v instanceof Float) {
                        o.put(k, json(n.getDouble(i)));
                    } else {
                        o.put(k, ((Number) v).longValue());
                    }
                } else if (c instanceof BooleanColumn b) {
                    o.put(k, b.get(i));
                } else if (c instanceof InstantColumn ic) {
                    o.put(k, ic.get(i).toString());
                } else {
                    o.put(k, c.getString(i));
                }
            }
        }
        try {
            return ckpt.io.AtomicFile.write(p, out -> JSON.writeValue(out, rows));
        } catch (IOException e) {
            throw new CkptException(ckpt.io.AtomicFile.failure(path, e), e);
        }
    }

    /**
     * A number as JSON writes it best: whole values as integers (a count of 20 is {@code 20}, not {@code 20.0};
     * bytes are {@code 60959834}, not {@code 6.09598345E7}), others in plain decimal notation.
     */
    static BigDecimal json(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 9.007199254740992E15) {
            return BigDecimal.valueOf((long) v);
        }
        return BigDecimal.valueOf(v);
    }

    static String raw(Column<?> c, int i) {
        if (c.isMissing(i)) {
            return "";
        }
        Object v = c.get(i);
        if (v instanceof Double d) {
            return json(d).toPlainString(); // 5, not 5.0, for a count in a double column (e.g. after withRatio)
        }
        if (v instanceof Float f) {
            return new BigDecimal(Float.toString(f)).toPlainString();
        }
        if (c instanceof InstantColumn ic) {
            return ic.get(i).toString();
        }
        return String.valueOf(v);
    }

    private static String quote(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    static Path target(String path) {
        if (path == null || path.isBlank()) {
            throw new CkptException("no file path given");
        }
        Path p = Path.of(path).toAbsolutePath();
        try {
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
        } catch (IOException e) {
            throw new CkptException("cannot create folder " + p.getParent() + ": " + e.getMessage(), e);
        }
        return p;
    }
}
