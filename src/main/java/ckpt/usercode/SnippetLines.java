package ckpt.usercode;

import java.util.function.IntUnaryOperator;

/**
 * Which line of a snippet each line of its wrapper's source is. Bytecode line numbers count lines of the wrapper
 * JShell compiled ({@code SourceCodeAnalysis.SnippetWrapper.wrapped()}), and the offset to the snippet's own lines
 * depends on the kind of snippet (a class +4, a var with initializer +6, an anonymous class in a var +12): this
 * asks JShell's own position mapping instead of hard-coding offsets.
 *
 * <p>JShell's {@code wrappedToSourcePosition} answers for every position, also for the text it added (it clamps
 * those to the nearest piece of source). A wrapped position counts as the snippet's only where the mapping runs
 * along with the text: the character is the source's, and so are its neighbours, in order. The added text does
 * that only by chance, and never for three characters in a row in the wrappers JShell 17–25 writes.
 */
public final class SnippetLines {
    private static final int MIN_RUN = 3;

    private SnippetLines() {
    }

    /**
     * For each line of {@code wrapped} (index 1…), the line of {@code source} it shows (1…), or 0 for a line
     * JShell added. Index 0 is unused.
     */
    public static int[] map(String wrapped, String source, IntUnaryOperator wrappedToSource) {
        int lines = 1;
        for (int i = 0; i < wrapped.length(); i++) {
            if (wrapped.charAt(i) == '\n') {
                lines++;
            }
        }
        int[] sourceLineAt = sourceLines(source);
        int[] out = new int[lines + 1];
        int line = 1;
        for (int p = 0; p < wrapped.length(); p++) {
            char c = wrapped.charAt(p);
            if (out[line] == 0 && !Character.isWhitespace(c)) {
                int s = mapped(wrapped, source, wrappedToSource, p);
                if (s >= 0) {
                    out[line] = sourceLineAt[s];
                }
            }
            if (c == '\n') {
                line++;
            }
        }
        return out;
    }

    /**
     * The source position of wrapped position p when it is really the snippet's text, else -1: p lies in a run of
     * at least three positions (fewer for a shorter source) that map to consecutive source positions with the
     * same characters. Two in a row happen by chance in JShell's own text ("package REPL;"); a line of "}" alone
     * is still found, its run reaches back over the line break into the line before.
     */
    private static int mapped(String wrapped, String source, IntUnaryOperator toSource, int p) {
        int s = at(source, toSource, wrapped, p);
        if (s < 0) {
            return -1;
        }
        int need = Math.min(MIN_RUN, source.length());
        int run = 1;
        for (int d = 1; run < need && d < need; d++) {
            if (p - d < 0 || at(source, toSource, wrapped, p - d) != s - d) {
                break;
            }
            run++;
        }
        for (int d = 1; run < need && d < need; d++) {
            if (p + d >= wrapped.length() || at(source, toSource, wrapped, p + d) != s + d) {
                break;
            }
            run++;
        }
        return run >= need ? s : -1;
    }

    /** The source position wrapped position p maps to, if the characters agree; else -1. */
    private static int at(String source, IntUnaryOperator toSource, String wrapped, int p) {
        int s;
        try {
            s = toSource.applyAsInt(p);
        } catch (RuntimeException e) {
            return -1;
        }
        return s >= 0 && s < source.length() && source.charAt(s) == wrapped.charAt(p) ? s : -1;
    }

    /** The line (1…) of every position of the text. */
    private static int[] sourceLines(String source) {
        int[] at = new int[source.length()];
        int line = 1;
        for (int i = 0; i < source.length(); i++) {
            at[i] = line;
            if (source.charAt(i) == '\n') {
                line++;
            }
        }
        return at;
    }
}
