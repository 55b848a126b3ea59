package ckpt.shell;

import ckpt.error.CkptException;
import ckpt.model.Run;
import ckpt.report.RunText;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** How values look in the shell: tables truncated to fit, runs as their summary, everything else as JShell shows it. */
final class Display {
    /** Rows shown for a long table (first and last half). */
    static final int TABLE_ROWS = 20;

    private Display() {
    }

    /** The block shown for an expression's value. */
    static String block(Object value, String jshellText, int width) {
        if (value instanceof Table t) {
            return table(t, width);
        }
        if (value instanceof Run r) {
            return safe(() -> ckpt.text.Visible.text(RunText.text(r)), jshellText);
        }
        return jshellText;
    }

    /** The one-line form after {@code name ==> } for a declared variable. */
    static String inline(Object value, String jshellText, int width) {
        if (value instanceof Table t) {
            return tableLine(t);
        }
        if (value instanceof Run r) {
            return safe(() -> ckpt.text.Visible.line(RunText.oneLine(r)), jshellText);
        }
        String text = jshellText == null ? "" : jshellText;
        int nl = text.indexOf('\n');
        if (nl >= 0) {
            text = text.substring(0, nl) + " …";
        }
        return clip(text, Math.max(20, width - 12));
    }

    /** {@code transactions.csv · 50,000 rows × 4 columns · amount: 312 missing}. */
    static String tableLine(Table t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.name() == null || t.name().isBlank() ? "table" : ckpt.text.Visible.line(t.name()));
        sb.append(String.format(java.util.Locale.ROOT, " · %,d row%s × %d column%s", t.rowCount(), t.rowCount() == 1 ? "" : "s",
                t.columnCount(), t.columnCount() == 1 ? "" : "s"));
        List<String> missing = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            int m = c.countMissing();
            if (m > 0) {
                missing.add(String.format(java.util.Locale.ROOT, "%s: %,d missing", ckpt.text.Visible.line(c.name()), m));
            }
        }
        if (!missing.isEmpty()) {
            sb.append(" · ").append(String.join(", ", missing.subList(0, Math.min(3, missing.size()))));
            if (missing.size() > 3) {
                sb.append(", …");
            }
        }
        return sb.toString();
    }

    /**
     * Human-readable (KiB/MiB/GiB, ms/s, ×; the table stays numeric), first and last rows of a long table, in
     * blocks of whole columns that fit the screen ({@link ckpt.report.TableText} decides the layout).
     */
    static String table(Table t, int width) {
        return ckpt.report.Tables.format(t, TABLE_ROWS, width).stripTrailing();
    }

    static String clip(String line, int width) {
        if (line.length() <= width) {
            return line;
        }
        return line.substring(0, Math.max(1, width - 1)) + "…";
    }

    /** One or two lines for an exception: a CkptException's message alone, otherwise the root cause and where. */
    static List<String> exception(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CkptException) {
                return List.of(c.getMessage() == null ? c.getClass().getSimpleName()
                        : ckpt.text.Visible.text(c.getMessage()));
            }
            if (c.getCause() == c) {
                break;
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        String head = root.getClass().getName().replaceFirst("^java\\.lang\\.", "")
                + (msg == null || msg.isBlank() ? "" : ": " + ckpt.text.Visible.line(firstLine(msg)));
        List<String> out = new ArrayList<>();
        out.add(head);
        StackTraceElement[] st = root.getStackTrace();
        if (st.length > 0) {
            out.add("  at " + frame(st[0]) + " · /trace for the full stack");
        }
        return out;
    }

    /** A stack frame, with JShell's wrapper classes shown as the snippet they came from. */
    static String frame(StackTraceElement e) {
        java.util.Optional<String> user = ckpt.usercode.UserCode.frame(e);
        if (user.isPresent()) {
            return user.get(); // Boom.f (snippet 5, line 3): the snippet's own line, not the wrapper's
        }
        String file = e.getFileName();
        if (e.getClassName().startsWith("REPL.") && file != null && file.startsWith("#")) {
            return "snippet " + file + ", line " + e.getLineNumber();
        }
        return e.toString();
    }

    static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    private static String safe(java.util.function.Supplier<String> s, String fallback) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return fallback;
        }
    }
}
