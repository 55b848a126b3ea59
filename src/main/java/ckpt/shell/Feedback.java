package ckpt.shell;

import ckpt.model.Run;
import ckpt.report.Text;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import tech.tablesaw.api.Table;

/**
 * What the user sees after a snippet ran, kept apart from evaluation (as the JDK's jshell keeps its
 * {@code Feedback}): a value ({@code x ==> …}, or a Table, Run or Text as a block), a declaration, compile errors
 * with a caret, an exception's root cause. {@link Display} renders values; this class decides what to say.
 */
final class Feedback {
    private final Screen screen;
    private final JShell shell;
    private final boolean reportMode;
    private final boolean retried;

    /**
     * @param reportMode Tables and Runs are shown but kept out of a replay's captured text (the report renders them)
     * @param retried    the snippet was defined once on the core class path and again on the full one: "created"
     */
    Feedback(Screen screen, JShell shell, boolean reportMode, boolean retried) {
        this.screen = screen;
        this.shell = shell;
        this.reportMode = reportMode;
        this.retried = retried;
    }

    /** A snippet that ran: its value, or what it declared. Rich values (Table, Run) are added to {@code values}. */
    void result(SnippetEvent e, Snippet s, Object raw, List<Object> values) {
        int width = screen.width();
        if (s instanceof VarSnippet v) {
            String text = e.value();
            if (text == null) {
                return;
            }
            if (v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                block(raw, text, width, values);
            } else {
                screen.println(v.name() + " ==> " + Display.inline(raw, text, width));
            }
        } else if (s instanceof ExpressionSnippet) {
            if (e.value() != null) {
                block(raw, e.value(), width, values);
            }
        } else if (s instanceof DeclarationSnippet d) {
            String what = s instanceof MethodSnippet m ? "method " + m.name() + "(" + m.parameterTypes() + ")"
                    : s instanceof TypeDeclSnippet t ? kindName(t) + " " + t.name() : d.name();
            List<String> missing = shell.unresolvedDependencies(d).collect(Collectors.toList());
            String verb = e.previousStatus() == Snippet.Status.NONEXISTENT || retried ? "created " : "replaced ";
            if (missing.isEmpty()) {
                screen.note("  " + verb + what);
            } else {
                screen.note("  " + verb + what + ", usable once " + String.join(", ", missing) + " is declared");
            }
        }
    }

    private static String kindName(TypeDeclSnippet t) {
        switch (t.subKind()) {
            case INTERFACE_SUBKIND: return "interface";
            case ENUM_SUBKIND: return "enum";
            case RECORD_SUBKIND: return "record";
            case ANNOTATION_TYPE_SUBKIND: return "annotation";
            default: return "class";
        }
    }

    private void block(Object raw, String text, int width, List<Object> values) {
        if (raw != null && (raw == System.out || raw == System.err)) {
            return; // printf/append return the stream: nothing worth showing
        }
        if (raw instanceof Table || raw instanceof Run) {
            values.add(raw);
            String block = Display.block(raw, text, width);
            if (reportMode) {
                screen.printlnUncaptured(block);
            } else {
                screen.println(block);
            }
        } else if (raw instanceof Text t) {
            screen.println(t.wrapped(width - 1));
        } else {
            screen.println(Display.block(raw, text, width));
        }
    }

    /** The source line, a caret under the error, the message. Returns the failure's one-line summary. */
    String diagnostics(Snippet s) {
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            screen.error("  rejected: " + Display.firstLine(s.source()));
            return "rejected";
        }
        String first = null;
        String src = s.source();
        int shown = 0;
        for (Diag d : diags) {
            if (++shown > 3) {
                screen.error("  … and " + (diags.size() - 3) + " more error" + (diags.size() == 4 ? "" : "s"));
                break;
            }
            String msg = d.getMessage(Locale.ROOT);
            if (first == null) {
                first = summary(msg);
            }
            long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            if (pos < 0 || pos > src.length()) {
                screen.error("  error: " + msg.replace("\n", "\n  "));
                continue;
            }
            int p = (int) pos;
            int lineStart = src.lastIndexOf('\n', p - 1) + 1;
            int lineEnd = src.indexOf('\n', p);
            if (lineEnd < 0) {
                lineEnd = src.length();
            }
            String line = src.substring(lineStart, lineEnd);
            StringBuilder caret = new StringBuilder();
            for (int i = lineStart; i < p; i++) {
                caret.append(src.charAt(i) == '\t' ? '\t' : ' ');
            }
            caret.append('^');
            screen.println("  " + line);
            screen.errorMark("  " + caret);
            screen.error("  error: " + msg.replace("\n", "\n  "));
        }
        return "error: " + first;
    }

    /** A compiler message on one line: "cannot find symbol: method run(ckpt.model.Experiment)". */
    static String summary(String msg) {
        String[] lines = msg.split("\n");
        StringBuilder sb = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("symbol:")) {
                sb.append(": ").append(l.substring("symbol:".length()).strip());
            }
        }
        return sb.toString();
    }

    /** An exception as one or two lines ({@link Display#exception}); returns the first. */
    String exception(JShellException ex, Throwable real) {
        if (ex instanceof UnresolvedReferenceException u) {
            String msg = "  " + u.getSnippet().kind().toString().toLowerCase(Locale.ROOT) + " "
                    + ((DeclarationSnippet) u.getSnippet()).name() + " cannot be used until "
                    + String.join(", ", shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.toList()))
                    + " is declared";
            screen.error(msg);
            return msg.strip();
        }
        List<String> lines;
        if (real == null && ex instanceof EvalException ee) {
            lines = List.of(ee.getExceptionClassName() + (ee.getMessage() == null ? "" : ": " + ee.getMessage()));
        } else {
            lines = Display.exception(real != null ? real : ex);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0) {
                screen.error("  " + lines.get(i));
            } else {
                screen.note("  " + lines.get(i));
            }
        }
        return lines.get(0);
    }
}
