package ckpt.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /help}: the commands (from {@link Commands}) and the helpers' documentation, read from the resource
 * help.txt: a section "## name" (or "## a, b, c" for helpers that share one) per public helper of
 * {@code ckpt.Ckpt}; its first line is the signature, the second the summary /help lists, and "Example:" lines
 * are code to paste. A test checks that every public helper has a section with an example.
 */
final class Help {
    private static Map<String, String> docs;

    private Help() {
    }

    static synchronized Map<String, String> docs() {
        if (docs == null) {
            docs = new LinkedHashMap<>();
            try (InputStream in = Help.class.getResourceAsStream("help.txt")) {
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String names = null;
                StringBuilder sb = new StringBuilder();
                for (String line : text.split("\n")) {
                    if (line.startsWith("## ")) {
                        put(names, sb.toString().strip());
                        names = line.substring(3).strip();
                        sb.setLength(0);
                    } else if (names != null) {
                        sb.append(line).append('\n');
                    }
                }
                put(names, sb.toString().strip());
            } catch (IOException e) {
                // no docs: /help still lists the commands
            }
        }
        return docs;
    }

    private static void put(String names, String doc) {
        if (names != null) {
            for (String n : names.split(",")) {
                docs.put(n.strip(), doc);
            }
        }
    }

    static List<String> helperNames() {
        return new ArrayList<>(docs().keySet());
    }

    /** The overview printed by /help, for a screen 120 columns wide. */
    static String overview() {
        return overview(120);
    }

    /** The overview printed by /help: commands, helpers with their one-line summaries, keys; fits the width. */
    static String overview(int width) {
        List<String[]> commands = new ArrayList<>();
        for (Commands.Command c : Commands.ALL) {
            commands.add(new String[] {c.usage() + (c.aliases().isEmpty() ? "" : ", " + String.join(", ", c.aliases())),
                    c.help()});
        }
        List<String[]> helpers = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        docs().forEach((n, d) -> {
            if (seen.add(d)) {
                String[] lines = d.split("\n");
                List<String> same = docs().entrySet().stream().filter(e -> e.getValue().equals(d))
                        .map(Map.Entry::getKey).toList();
                helpers.add(new String[] {String.join(", ", same), lines.length > 1 ? lines[1] : ""});
            }
        });
        int nameW = 2 + java.util.stream.Stream.concat(commands.stream(), helpers.stream())
                .mapToInt(r -> r[0].length()).max().orElse(10);
        StringBuilder sb = new StringBuilder("Commands:\n");
        commands.forEach(r -> sb.append(row(r, nameW, width)));
        sb.append("Helpers (imported; /help NAME for details and an example):\n");
        helpers.forEach(r -> sb.append(row(r, nameW, width)));
        String also = "Also imported: tech.tablesaw.api.* (Table, columns), ckpt.model.* (Experiment, Mode, Run), Target, "
                + "java.util.*, java.util.stream.*, java.nio.file.*";
        String keys = "Keys: Tab completes (helpers, methods, variables, file paths in strings, RocksDB options in "
                + "rocksdb(\"…\")) · Ctrl-R searches history · Ctrl-C stops a run or a snippet, or clears the line "
                + "· Ctrl-D leaves";
        sb.append(new ckpt.report.Text(also + "\n" + keys).wrapped(width - 1));
        return sb.toString();
    }

    private static String row(String[] r, int nameW, int width) {
        return "  " + r[0] + " ".repeat(Math.max(1, nameW - r[0].length())) + Display.clip(r[1], width - nameW - 3) + "\n";
    }

    /** Documentation of one helper or command, or null when unknown. */
    static String of(String name) {
        String n = name.strip();
        if (n.endsWith("()")) {
            n = n.substring(0, n.length() - 2);
        }
        String doc = docs().get(n);
        if (doc != null) {
            return doc;
        }
        String cmd = n.startsWith("/") ? n : "/" + n;
        return Commands.find(cmd).map(c -> c.usage() + " — " + c.help()
                + (c.aliases().isEmpty() ? "" : " (also " + String.join(", ", c.aliases()) + ")")).orElse(null);
    }
}
