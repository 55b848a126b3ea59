package ckpt.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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

    /** A parameter the parameters cell declares: its name and type ({@code int}, {@code String}…; null if unknown). */
    record Parameter(String name, String type) {
    }

    private static final Pattern DECLARATION = Pattern.compile(
            "(?m)^\\s*(?:final\\s+)?([A-Za-z_$][\\w$.]*(?:<[^=;]*>)?(?:\\[\\])*)\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*([^;]*);");

    /** The parameters declared in the parameters cell ({@code var keys = 20000;}, {@code long seconds = 4;}). */
    List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        for (Cell c : cells) {
            if (c.parameters()) {
                Matcher m = DECLARATION.matcher(c.source());
                while (m.find()) {
                    String type = m.group(1).equals("var") ? inferred(m.group(3).strip()) : declared(m.group(1));
                    out.add(new Parameter(m.group(2), type));
                }
            }
        }
        return out;
    }

    /** The type of a {@code var}'s initializer when it is a literal; null for anything else. */
    private static String inferred(String init) {
        if (init.matches("[+-]?\\d[\\d_]*")) {
            return "int";
        }
        if (init.matches("[+-]?\\d[\\d_]*[lL]")) {
            return "long";
        }
        if (init.matches("[+-]?(\\d[\\d_]*)?(\\.\\d[\\d_]*)?([eE][+-]?\\d+)?[dD]?") && init.matches(".*\\d.*")) {
            return "double";
        }
        if (init.matches("[+-]?(\\d[\\d_]*)?(\\.\\d[\\d_]*)?([eE][+-]?\\d+)?[fF]") && init.matches(".*\\d.*")) {
            return "float";
        }
        if (init.equals("true") || init.equals("false")) {
            return "boolean";
        }
        if (init.startsWith("\"") && init.endsWith("\"")) {
            return "String";
        }
        return null;
    }

    private static String declared(String type) {
        return switch (type) {
            case "int", "Integer" -> "int";
            case "long", "Long" -> "long";
            case "double", "Double" -> "double";
            case "float", "Float" -> "float";
            case "boolean", "Boolean" -> "boolean";
            case "String", "java.lang.String" -> "String";
            default -> null;
        };
    }

    /**
     * The cells with the parameters injected right after the parameters cell, each as a declaration of the type
     * the parameters cell gave it ({@code long keys = 300000L;}). Refused, before any cell runs, with a one-line
     * {@link IllegalArgumentException} naming the parameter: a name the notebook does not declare (the message
     * lists those it does), a notebook without a parameters cell, a value that is not of the declared type
     * ({@code keys=abc}, {@code keys=1e6} for an int, an empty value). Silently measuring the default instead
     * would be the worst outcome in CI.
     */
    Notebook withParameters(Map<String, String> params, List<String> warnings) {
        if (params.isEmpty()) {
            return this;
        }
        int at = -1;
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).parameters()) {
                at = i;
                break;
            }
        }
        if (at < 0) {
            throw new IllegalArgumentException("--param " + params.keySet().iterator().next() + ": " + name
                    + " has no '//% parameters' cell, so it takes no --param");
        }
        Map<String, String> types = new java.util.LinkedHashMap<>();
        for (Parameter p : parameters()) {
            types.putIfAbsent(p.name(), p.type());
        }
        StringBuilder inj = new StringBuilder();
        for (Map.Entry<String, String> p : params.entrySet()) {
            String key = p.getKey();
            if (!types.containsKey(key)) {
                throw new IllegalArgumentException("--param " + key + ": not a parameter of " + name
                        + " — its parameters: " + String.join(", ", types.keySet()));
            }
            String type = types.get(key);
            inj.append(type == null ? "var" : type).append(' ').append(key).append(" = ")
                    .append(typed(key, type, p.getValue())).append(";\n");
        }
        Cell injected = new Cell("injected parameters", inj.toString().strip(), false, true);
        List<Cell> out = new ArrayList<>(cells);
        out.add(at + 1, injected);
        return new Notebook(name, List.copyOf(out));
    }

    /** The value as a Java literal of the declared type, or a one-line error naming the parameter. */
    private String typed(String key, String type, String value) {
        String v = value.strip();
        String head = "--param " + key + "=" + value + ": ";
        String article = type != null && type.matches("[aeiou].*") ? "an " : "a ";
        String declared = " (" + key + " is " + (type == null ? "declared" : article + type)
                + " in the parameters cell of " + name + ")";
        if (v.isEmpty()) {
            throw new IllegalArgumentException("--param " + key + ": the value is empty" + declared);
        }
        if (type == null) {
            return literal(value);
        }
        switch (type) {
            case "int", "long" -> {
                if (!INT.matcher(v).matches()) {
                    throw new IllegalArgumentException(head + "not a whole number" + declared);
                }
                long n;
                try {
                    n = Long.parseLong(v.replace("_", ""));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(head + "too large for a " + type + declared);
                }
                if (type.equals("int") && n != (int) n) {
                    throw new IllegalArgumentException(head + "does not fit an int (at most 2,147,483,647)" + declared);
                }
                return type.equals("long") ? v + "L" : v;
            }
            case "double", "float" -> {
                if (!NUMBER.matcher(v).matches() || v.chars().noneMatch(Character::isDigit) || v.matches(".*[lLdDfF]$")) {
                    throw new IllegalArgumentException(head + "not a number" + declared);
                }
                return type.equals("float") ? v + "f" : v;
            }
            case "boolean" -> {
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException(head + "not true or false" + declared);
                }
                return v;
            }
            default -> {
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v : quote(value);
            }
        }
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
        return write(snippets, "");
    }

    /**
     * As {@link #write(List)}, with the session's target options ({@code --local-cluster 2x2 -D …}) in the replay
     * line of the header: the same notebook on another target measures another cluster.
     */
    static String write(List<String> snippets, String targetOptions) {
        StringBuilder sb = new StringBuilder();
        sb.append("// saved by ckpt-repl /save · replay: bin/ckpt-repl ")
                .append(targetOptions.isEmpty() ? "" : targetOptions + " ").append("--replay <this file>\n\n");
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
