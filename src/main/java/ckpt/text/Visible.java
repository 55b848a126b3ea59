package ckpt.text;

/**
 * The one rule for text that came from data (file bytes, CSV fields and headers, file names, table and column
 * names) on its way to a terminal, a chart, a report or a notebook: control characters are shown, not obeyed.
 * A header {@code \x1b]0;pwned\x07\x1b[2J} would retitle and clear the terminal; shown this way it is just text.
 *
 * <ul>
 *   <li>C0 controls, DEL and C1 controls (U+0080–U+009F, which some terminals obey as escape sequences) as
 *       {@code \x1b}, {@code \x07}, {@code \x9b}; carriage return (it would overwrite the line) as {@code \r};
 *       tab and line feed as {@code \t} and {@code \n} in {@link #line}, while {@link #text} keeps them (layout,
 *       not commands: a stack trace's tabs stay tabs);</li>
 *   <li>invisible format characters that reorder or hide text (bidi overrides and isolates, zero-width marks,
 *       U+2028/U+2029 separators) as {@code \u202e};</li>
 *   <li>a lone surrogate (not a character) as {@code \ud800};</li>
 *   <li>a backslash stays a backslash: the escapes are for reading, not for parsing back.</li>
 * </ul>
 */
public final class Visible {
    private Visible() {
    }

    /** One line: every control character visible, line feeds too. Null gives "null". */
    public static String line(String s) {
        return escape(s, false);
    }

    /** Text of several lines: line feeds and tabs kept, every other control character visible. Null gives "null". */
    public static String text(String s) {
        return escape(s, true);
    }

    /** Whether the text would change (so callers can skip copying clean text). */
    public static boolean clean(String s, boolean keepNewlines) {
        if (s == null) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (needs(c, keepNewlines) || Character.isSurrogate(c) && !pairAt(s, i)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return true;
    }

    private static String escape(String s, boolean keepNewlines) {
        if (s == null) {
            return "null";
        }
        if (clean(s, keepNewlines)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && pairAt(s, i)) {
                sb.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else if (!needs(c, keepNewlines)) {
                sb.append(c);
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c < 0x100) {
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
            } else {
                sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    private static boolean pairAt(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return false; // a low surrogate reached on its own
    }

    private static boolean needs(char c, boolean keepNewlines) {
        if (c == '\n' || c == '\t') {
            return !keepNewlines;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f)) {
            return true;
        }
        // bidi embeddings/overrides/isolates, zero-width and directional marks, line/paragraph separators
        return (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x2028 || c == 0x2029 || c == 0x061c || c == 0xfeff;
    }
}
