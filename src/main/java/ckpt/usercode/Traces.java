package ckpt.usercode;

import ckpt.text.Visible;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stack traces as text (what Flink's REST API returns in {@code /jobs/:id/exceptions}, and what
 * {@code printStackTrace} writes), read for the user: the root cause, and the first frame of the user's own code
 * with the snippet and the snippet's own line.
 */
final class Traces {
    /** {@code at [loader/][module/]REPL.$JShell$15$Boom.f($JShell$15.java:7)}; the loader/module part is optional. */
    private static final Pattern FRAME = Pattern.compile(
            "^\\s*at\\s+(?:[^\\s/()]*/){0,2}(REPL\\.[^\\s(]+)\\.([^.\\s(]+)\\(([^():]*)(?::(\\d+))?\\)");
    private static final Pattern CAUSED = Pattern.compile("^Caused by: (.*)$");

    /** One exception of the chain: its header line and the frames under it. */
    private record Section(String header, List<String> frames) {
    }

    private Traces() {
    }

    /** The exceptions of the chain, outermost first; suppressed exceptions (indented) are left out. */
    private static List<Section> sections(String text) {
        List<Section> out = new ArrayList<>();
        Section current = null;
        boolean suppressed = false;
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher caused = CAUSED.matcher(line);
            if (current == null) {
                current = new Section(line.strip(), new ArrayList<>());
                out.add(current);
            } else if (caused.matches()) {
                current = new Section(caused.group(1).strip(), new ArrayList<>());
                out.add(current);
                suppressed = false;
            } else if (line.matches("^\\s+Suppressed: .*")) {
                suppressed = true;
            } else if (!suppressed && line.matches("^(\\t| {1,8})at .*")) {
                current.frames().add(line);
            }
        }
        return out;
    }

    /** The user's first frame: the top snippet frame of the deepest exception that has one. */
    static Optional<String> frame(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<Section> sections = sections(text);
        for (int i = sections.size() - 1; i >= 0; i--) {
            for (String f : sections.get(i).frames()) {
                Matcher m = FRAME.matcher(f);
                if (m.find()) {
                    int line = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
                    return Optional.of(label(m.group(1), m.group(2), line));
                }
            }
        }
        return Optional.empty();
    }

    /** A frame of snippet code in the shell's own JVM, labelled like {@link #frame(String)}. */
    static Optional<String> frame(StackTraceElement e) {
        if (e == null || !e.getClassName().startsWith("REPL.")) {
            return Optional.empty();
        }
        return Optional.of(label(e.getClassName(), e.getMethodName(), Math.max(0, e.getLineNumber())));
    }

    /** The root cause's line (the deepest "Caused by:", else the first line), class names shortened. */
    static String rootCause(String text) {
        if (text == null || text.isBlank()) {
            return "unknown failure";
        }
        List<Section> sections = sections(text);
        return shorten(sections.get(sections.size() - 1).header());
    }

    /** One line: the root cause and, if the user's code is on the stack, where in it. */
    static String failure(String text) {
        String root = rootCause(text);
        return frame(text).map(f -> root + " in " + f).orElse(root);
    }

    /** {@code java.lang.ArithmeticException: / by zero} → {@code ArithmeticException: / by zero}. */
    private static String shorten(String header) {
        int colon = header.indexOf(": ");
        String type = colon < 0 ? header : header.substring(0, colon);
        String rest = colon < 0 ? "" : header.substring(colon);
        if (!type.matches("[\\w.$]+")) {
            return Visible.line(header); // not "Type: message": keep it as it is
        }
        String simple;
        if (type.startsWith("REPL.")) {
            String nested = SnippetClasses.nestedName(type);
            simple = nested.isEmpty() ? type : nested.replace('$', '.');
        } else {
            simple = type.substring(type.lastIndexOf('.') + 1);
        }
        return Visible.line(simple + rest);
    }

    /** "snippet 9, line 2" for a line of a wrapper's source; empty for a wrapper never described. */
    static Optional<String> where(String className, int wrappedLine) {
        SnippetClasses.Wrapper w = SnippetClasses.wrapperOf(className).map(SnippetClasses::wrapper).orElse(null);
        if (w == null) {
            return Optional.empty();
        }
        int line = w.line(wrappedLine);
        return Optional.of("snippet " + w.snippet() + (line > 0 ? ", line " + line : ""));
    }

    /** "Boom.f (snippet 5, line 3)", "lambda (snippet 6, line 2)", "mk (snippet 7, line 1)", "snippet 8, line 1". */
    static String label(String className, String method, int wrappedLine) {
        String nested = SnippetClasses.nestedName(className);
        String what;
        if (nested.isEmpty()) {
            what = method.startsWith("lambda$") ? "lambda" : method.equals("do_it$") ? "" : method;
        } else {
            String type = nested.replace('$', '.');
            boolean anonymous = nested.substring(nested.lastIndexOf('$') + 1).chars().allMatch(Character::isDigit);
            if (method.startsWith("lambda$")) {
                String in = method.substring("lambda$".length(), Math.max("lambda$".length(), method.lastIndexOf('$')));
                what = "lambda in " + type + (in.isEmpty() || in.equals("new") || in.equals("static") ? "" : "." + in);
            } else if (anonymous) {
                what = method + " of an anonymous class";
            } else {
                what = type + "." + method;
            }
        }
        Optional<String> where = where(className, wrappedLine);
        if (where.isEmpty()) {
            return what.isEmpty() ? className : what;
        }
        return what.isEmpty() ? where.get() : what + " (" + where.get() + ")";
    }
}
