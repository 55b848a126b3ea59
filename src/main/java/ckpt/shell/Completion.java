package ckpt.shell;

import ckpt.rocksdb.OptionCatalog;
import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import jdk.jshell.SourceCodeAnalysis;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tab completion and multi-line input for the JLine reader. The "word" being completed is decided the same way
 * here and in the parser: a Java identifier before the cursor, the text of a string literal the cursor is in,
 * or a command's argument.
 */
final class Completion {
    private static final String ROCKSDB_PREFIX = "state.backend.rocksdb.";
    /** java.lang.Object's thread-monitor methods, left out of method completion. */
    static final Set<String> OBJECT_MONITOR = Set.of("notify()", "notifyAll()", "wait(", "wait()");

    private final Supplier<Session> session;

    Completion(Supplier<Session> session) {
        this.session = session;
    }

    /** Where the word being completed starts, and in what context. */
    record Word(Kind kind, int start, String method) {
    }

    enum Kind { CODE, STRING, COMMAND, COMMAND_ARG }

    static Word word(String buffer, int cursor) {
        String before = buffer.substring(0, cursor);
        String trimmed = before.stripLeading();
        if (Shell.isCommand(trimmed) && !buffer.contains("\n")) {
            int space = before.lastIndexOf(' ');
            if (space < 0) {
                return new Word(Kind.COMMAND, before.length() - trimmed.length(), null);
            }
            String cmd = trimmed.split("\\s+", 2)[0];
            return new Word(Kind.COMMAND_ARG, space + 1, cmd);
        }
        int quote = openQuote(before);
        if (quote >= 0) {
            return new Word(Kind.STRING, quote + 1, methodBefore(before, quote));
        }
        int i = cursor;
        while (i > 0 && Character.isJavaIdentifierPart(buffer.charAt(i - 1))) {
            i--;
        }
        return new Word(Kind.CODE, i, null);
    }

    /** The index of the quote opening a string literal still open at the end of the text, or -1. */
    static int openQuote(String text) {
        int open = -1;
        boolean inChar = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                open = -1;
                inChar = false;
            } else if (open >= 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    open = -1;
                }
            } else if (inChar) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    inChar = false;
                }
            } else if (c == '"') {
                open = i;
            } else if (c == '\'') {
                inChar = true;
            } else if (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/') {
                return -1; // a line comment
            }
        }
        return open;
    }

    /** The name of the method whose first argument the string at {@code quote} is ({@code rocksdb("…")}), or null. */
    static String methodBefore(String text, int quote) {
        int i = quote - 1;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        if (i < 0 || text.charAt(i) != '(') {
            return null;
        }
        i--;
        while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
            i--;
        }
        int end = i + 1;
        while (i >= 0 && Character.isJavaIdentifierPart(text.charAt(i))) {
            i--;
        }
        return end > i + 1 ? text.substring(i + 1, end) : null;
    }

    /** Candidates for the buffer at the cursor; each value replaces the word from {@link #word}. */
    List<Candidate> candidates(String buffer, int cursor) {
        Word w = word(buffer, cursor);
        String typed = buffer.substring(w.start(), cursor);
        List<Candidate> out = new ArrayList<>();
        switch (w.kind()) {
            case COMMAND:
                for (Commands.Command c : Commands.ALL) {
                    if (c.name().startsWith(typed.strip())) {
                        out.add(new Candidate(c.name(), c.name(), null, c.help(), null, null, true));
                    }
                }
                break;
            case COMMAND_ARG:
                Commands.Arg arg = Commands.find(w.method()).map(Commands.Command::arg).orElse(Commands.Arg.NONE);
                if (arg == Commands.Arg.FILE) {
                    paths(typed, true, out);
                } else if (arg == Commands.Arg.TOPIC) {
                    List<String> topics = new ArrayList<>(Help.helperNames());
                    topics.addAll(Commands.names());
                    for (String h : topics) {
                        if (h.startsWith(typed)) {
                            out.add(new Candidate(h, h, null, null, null, null, true));
                        }
                    }
                }
                break;
            case STRING:
                if ("rocksdb".equals(w.method())) {
                    rocksdbKeys(typed, out);
                } else {
                    paths(typed, false, out);
                }
                break;
            default:
                code(buffer, cursor, w.start(), out);
        }
        return out;
    }

    private void code(String buffer, int cursor, int wordStart, List<Candidate> out) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions = session.get().suggestions(buffer, cursor, anchor);
        if (anchor[0] < wordStart) {
            return;
        }
        String lead = buffer.substring(wordStart, anchor[0]);
        Set<String> seen = new LinkedHashSet<>();
        for (SourceCodeAnalysis.Suggestion s : suggestions) {
            if (OBJECT_MONITOR.contains(s.continuation())) {
                continue; // every object has them; nobody completes towards notify() in a notebook
            }
            String value = lead + s.continuation();
            if (seen.add(value)) {
                out.add(new Candidate(value, s.continuation(), null, null, null, null, false));
            }
        }
    }

    private static void rocksdbKeys(String typed, List<Candidate> out) {
        List<String> keys;
        try {
            keys = OptionCatalog.keys();
        } catch (RuntimeException | LinkageError e) {
            return;
        }
        boolean full = typed.startsWith("state.");
        for (String k : keys) {
            String v = full || !k.startsWith(ROCKSDB_PREFIX) ? k : k.substring(ROCKSDB_PREFIX.length());
            if (v.startsWith(typed)) {
                out.add(new Candidate(v, v, null, null, null, null, false));
            }
        }
    }

    /** Files and folders matching what was typed, relative to the working directory ({@code ~/} is home). */
    static void paths(String typed, boolean commandArg, List<Candidate> out) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash >= 0 ? typed.substring(0, slash + 1) : "";
        String prefix = typed.substring(slash + 1);
        String dirPath = dirPart.startsWith("~/") ? System.getProperty("user.home") + dirPart.substring(1) : dirPart;
        File dir = dirPath.isEmpty() ? new File(System.getProperty("user.dir"))
                : new File(dirPath).isAbsolute() ? new File(dirPath)
                : new File(System.getProperty("user.dir"), dirPath);
        String[] names = dir.list();
        if (names == null) {
            return;
        }
        java.util.Arrays.sort(names);
        for (String n : names) {
            if (!n.startsWith(prefix) || (n.startsWith(".") && !prefix.startsWith("."))) {
                continue;
            }
            boolean isDir = new File(dir, n).isDirectory();
            String value = dirPart + n + (isDir ? "/" : "");
            out.add(new Candidate(value, n + (isDir ? "/" : ""), null, null, null, null, commandArg && !isDir));
        }
    }

    /** The JLine completer. */
    Completer completer() {
        return (LineReader reader, ParsedLine line, List<Candidate> candidates) -> {
            try {
                candidates.addAll(candidates(line.line(), line.cursor()));
            } catch (RuntimeException e) {
                // completion must never break the prompt
            }
        };
    }

    /** The JLine parser: asks for more lines while JShell says the snippet is incomplete. */
    Parser parser() {
        return new Parser() {
            @Override
            public ParsedLine parse(String line, int cursor, ParseContext context) {
                if (context == ParseContext.ACCEPT_LINE && !Shell.isCommand(line.strip())
                        && session.get().incomplete(line)) {
                    throw new EOFError(-1, cursor, "incomplete snippet");
                }
                return new Line(line, cursor, word(line, cursor).start());
            }

            @Override
            public boolean isEscapeChar(char ch) {
                return false;
            }
        };
    }

    /** A parsed line whose single word is the one being completed; candidates are inserted unescaped. */
    record Line(String line, int cursor, int wordStart) implements CompletingParsedLine {
        @Override
        public String word() {
            return line.substring(wordStart, cursor);
        }

        @Override
        public int wordCursor() {
            return cursor - wordStart;
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word());
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
