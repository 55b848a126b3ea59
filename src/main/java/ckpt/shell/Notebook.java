package ckpt.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A notebook is plain JShell source in which a comment line {@code //% title} starts a cell. The cell titled
 * {@code //% parameters} holds defaults that {@code --param name=value} overrides: the overrides are injected
 * as a cell of {@code var name = value;} snippets right after it (like papermill).
 */
record Notebook(String name, List<Cell> cells) {
    static final String MARKER = "//%";

    /** One cell: 1-based position, title, source (without the marker line). */
    record Cell(String title, String source, boolean parameters, boolean injected) {
    }

    /**
     * Reads a notebook. A file that is not UTF-8 text (an image, a jar, a run's RocksDB file) fails with one line
     * naming it, not with the decoder's "Input length = 4".
     */
    static Notebook read(Path file) throws IOException {
        String text;
        try {
            if (Files.isDirectory(file)) {
                throw new IOException(file + ": is a directory, not a notebook");
            }
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notText(file);
        }
        // NUL never occurs in source text but is common in binary files that happen to decode as UTF-8
        if (text.indexOf('\0') >= 0) {
            throw notText(file);
        }
        return parse(file.getFileName().toString(), text);
    }

    private static IOException notText(Path file) {
        return new IOException(file + ": not a text file (a notebook is JShell source in UTF-8)");
    }

    static Notebook parse(String name, String text) {
        List<Cell> cells = new ArrayList<>();
        String title = null;
        StringBuilder src = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.strip().startsWith(MARKER)) {
                addCell(cells, title, src.toString());
                title = line.strip().substring(MARKER.length()).strip();
                src.setLength(0);
            } else {
                src.append(line).append('\n');
            }
        }
        addCell(cells, title, src.toString());
        return new Notebook(name, List.copyOf(cells));
    }

    private static void addCell(List<Cell> cells, String title, String source) {
        String body = source.strip();
        if (title == null) {
            if (!hasCode(body)) {
                return; // a header of comments before the first marker
            }
            title = "preamble";
        }
        if (title.isEmpty()) {
            title = "cell " + (cells.size() + 1);
        }
        boolean params = title.toLowerCase(java.util.Locale.ROOT).startsWith("parameters");
        cells.add(new Cell(title, body, params, false));
    }

    /** Whether the text has anything but blank lines and comments. */
    static boolean hasCode(String text) {
        String noBlock = text.replaceAll("(?s)/\\*.*?\\*/", "");
        for (String line : noBlock.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("//")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cells with the parameters injected after the parameters cell (at the top when there is none).
     * Warnings (e.g. a parameter the notebook does not declare) go to the list given.
     */
    Notebook withParameters(Map<String, String> params, List<String> warnings) {
        if (params.isEmpty()) {
            return this;
        }
        StringBuilder inj = new StringBuilder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            inj.append("var ").append(p.getKey()).append(" = ").append(literal(p.getValue())).append(";\n");
        }
        Cell injected = new Cell("injected parameters", inj.toString().strip(), false, true);
        List<Cell> out = new ArrayList<>(cells);
        int at = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).parameters()) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            warnings.add(name + " has no '//% parameters' cell; parameters are set before the first cell");
            out.add(0, injected);
        } else {
            String declared = cells.get(at).source();
            for (String key : params.keySet()) {
                if (!Pattern.compile("\\b" + Pattern.quote(key) + "\\s*=").matcher(declared).find()) {
                    warnings.add("parameter '" + key + "' is not declared in the parameters cell of " + name);
                }
            }
            out.add(at + 1, injected);
        }
        return new Notebook(name, List.copyOf(out));
    }

    private static final Pattern INT = Pattern.compile("[+-]?\\d[\\d_]*");
    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(\\d[\\d_]*)?(\\.\\d+)?([eE][+-]?\\d+)?[lLdDfF]?");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

    /** A parameter value as Java: numbers and booleans as written, quoted text as is, other text as a string. */
    static String literal(String value) {
        String v = value.strip();
        if (INT.matcher(v).matches()) {
            try {
                long n = Long.parseLong(v.replace("_", ""));
                return n == (int) n ? v : v + "L";
            } catch (NumberFormatException e) {
                return quote(v);
            }
        }
        if (!v.isEmpty() && NUMBER.matcher(v).matches() && v.chars().anyMatch(Character::isDigit)) {
            return v;
        }
        if (v.equals("true") || v.equals("false") || v.equals("null")) {
            return v;
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v;
        }
        return quote(value);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c)); // no raw ESC in source
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }

    /** Parses {@code name=value}; the name must be a Java identifier. */
    static Map.Entry<String, String> parameter(String arg) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--param wants name=value, got '" + arg + "'");
        }
        String key = arg.substring(0, eq).strip();
        if (!NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("--param name '" + key + "' is not a Java identifier");
        }
        return Map.entry(key, arg.substring(eq + 1));
    }

    /** Snippets as a notebook: one cell per snippet, titled by its first line. */
    static String write(List<String> snippets) {
        StringBuilder sb = new StringBuilder();
        sb.append("// saved by ckpt-repl /save · replay: bin/ckpt-repl --replay <this file>\n\n");
        for (String s : snippets) {
            sb.append(MARKER).append(' ').append(title(s)).append('\n');
            sb.append(s.strip()).append("\n\n");
        }
        return sb.toString();
    }

    static String title(String snippet) {
        String first = snippet.strip().split("\n", 2)[0].strip();
        return first.length() > 60 ? first.substring(0, 59) + "…" : first;
    }
}
