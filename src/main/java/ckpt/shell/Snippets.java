package ckpt.shell;

import java.util.ArrayList;
import java.util.List;
import jdk.jshell.SourceCodeAnalysis;

/**
 * How input becomes snippets, the way a person typing it would see it: lines are gathered until what is
 * gathered is complete (JShell's own {@link SourceCodeAnalysis#analyzeCompletion}), then split into snippets. So
 * two expressions on consecutive lines are two snippets (as in jshell), and a method spread over lines is one.
 * Pure functions of the analysis: the interactive parser, piped input, replay and evaluation all use these.
 */
final class Snippets {
    private Snippets() {
    }

    /** Whether the input needs more lines (an open brace, a dangling operator, an unterminated string…). */
    static boolean incomplete(SourceCodeAnalysis sca, String input) {
        String rest = input;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return true;
                case EMPTY:
                    return false;
                default:
                    if (info.remaining() == null || info.remaining().length() >= rest.length()) {
                        return false;
                    }
                    rest = info.remaining();
            }
        }
        return false;
    }

    /** The snippets of the input, gathered line by line ({@link Gatherer}) and split where JShell splits them. */
    static List<String> split(SourceCodeAnalysis sca, String input) {
        List<String> out = new ArrayList<>();
        Gatherer g = new Gatherer(text -> incomplete(sca, text));
        for (String line : input.split("\n", -1)) {
            String complete = g.add(line);
            if (complete != null) {
                out.addAll(splitComplete(sca, complete));
            }
        }
        String rest = g.rest();
        if (!rest.isBlank()) {
            out.addAll(splitComplete(sca, rest));
        }
        return out;
    }

    /** A complete input cut into its snippets; an incomplete tail is kept whole so the compiler says what is missing. */
    static List<String> splitComplete(SourceCodeAnalysis sca, String input) {
        List<String> out = new ArrayList<>();
        String rest = input;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String src = info.source();
            if (src == null || info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                out.add(rest);
                break;
            }
            out.add(src);
            String next = info.remaining() == null ? "" : info.remaining();
            if (next.length() >= rest.length()) {
                break;
            }
            rest = next;
        }
        return out;
    }

    /** Gathers lines until they form complete input (what a terminal's Enter, or a pipe's newline, delimits). */
    static final class Gatherer {
        private final java.util.function.Predicate<String> incomplete;
        private final StringBuilder buf = new StringBuilder();

        /** {@code incomplete}: {@link Snippets#incomplete} on some analysis (taken under the session's lock). */
        Gatherer(java.util.function.Predicate<String> incomplete) {
            this.incomplete = incomplete;
        }

        /** Adds a line; returns the gathered input once it is complete (and starts over), else null. */
        String add(String line) {
            buf.append(line).append('\n');
            if (incomplete.test(buf.toString())) {
                return null;
            }
            String complete = buf.toString();
            buf.setLength(0);
            return complete;
        }

        /** What is gathered but not complete (at the end of input). */
        String rest() {
            return buf.toString();
        }

        boolean empty() {
            return buf.length() == 0;
        }
    }
}
