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

    /** The overview printed by /help. */
    static String overview() {
        StringBuilder sb = new StringBuilder("Commands:\n");
        for (Commands.Command c : Commands.ALL) {
            String usage = c.usage() + (c.aliases().isEmpty() ? "" : ", " + String.join(", ", c.aliases()));
            sb.append(String.format("  %-15s %s%n", usage, c.help()));
        }
        sb.append("Helpers (imported; /help NAME for details and an example):\n");
        java.util.Set<String> seen = new java.util.HashSet<>();
        docs().forEach((n, d) -> {
            if (seen.add(d)) {
                String[] lines = d.split("\n");
                String summary = lines.length > 1 ? lines[1] : "";
                List<String> same = docs().entrySet().stream().filter(e -> e.getValue().equals(d))
                        .map(Map.Entry::getKey).toList();
                sb.append(String.format("  %-17s %s%n", String.join(", ", same), Display.clip(summary, 100)));
            }
        });
        sb.append("Also imported: tech.tablesaw.api.* (Table, columns), ckpt.flink.* (Experiment, Mode, Run), "
                + "java.util.*, java.util.stream.*, java.nio.file.*\n");
        sb.append("Keys: Tab completes (helpers, methods, variables, file paths in strings, RocksDB options in "
                + "rocksdb(\"…\")) · Ctrl-R searches history · Ctrl-C stops a run or a snippet, or clears the line "
                + "· Ctrl-D leaves");
        return sb.toString();
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
