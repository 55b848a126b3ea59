package ckpt.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shell's commands and the helper documentation (resource help.txt). */
final class Help {
    /** Command → one-line description, in the order /help lists them. */
    static final Map<String, String> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("/help", "list commands and helpers; /help NAME shows a helper with an example");
        COMMANDS.put("/vars", "variables of this session with their values");
        COMMANDS.put("/history", "what you typed (also across sessions; Ctrl-R searches it)");
        COMMANDS.put("/save", "/save FILE — this session's successful snippets as a notebook");
        COMMANDS.put("/open", "/open FILE — run a notebook into this session");
        COMMANDS.put("/step", "/step FILE — run a notebook cell by cell (Enter runs, s skips, q stops)");
        COMMANDS.put("/reset", "start over with a fresh session (variables and methods are dropped)");
        COMMANDS.put("/trace", "the full stack of the last exception");
        COMMANDS.put("/exit", "leave (Ctrl-D does too); the Flink cluster is shut down");
    }

    /** Commands taking a file argument (completed as paths). */
    static final List<String> FILE_COMMANDS = List.of("/save", "/open", "/step");

    private static Map<String, String> docs;

    private Help() {
    }

    static synchronized Map<String, String> docs() {
        if (docs == null) {
            docs = new LinkedHashMap<>();
            try (InputStream in = Help.class.getResourceAsStream("help.txt")) {
                String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                String name = null;
                StringBuilder sb = new StringBuilder();
                for (String line : text.split("\n")) {
                    if (line.startsWith("## ")) {
                        if (name != null) {
                            docs.put(name, sb.toString().strip());
                        }
                        name = line.substring(3).strip();
                        sb.setLength(0);
                    } else if (name != null) {
                        sb.append(line).append('\n');
                    }
                }
                if (name != null) {
                    docs.put(name, sb.toString().strip());
                }
            } catch (IOException e) {
                // no docs: /help still lists the commands
            }
        }
        return docs;
    }

    static List<String> helperNames() {
        return new ArrayList<>(docs().keySet());
    }

    /** The overview printed by /help. */
    static String overview() {
        StringBuilder sb = new StringBuilder("Commands:\n");
        COMMANDS.forEach((c, d) -> sb.append(String.format("  %-9s %s%n", c, d)));
        sb.append("Helpers (imported; /help NAME for details and an example):\n");
        docs().forEach((n, d) -> {
            String[] lines = d.split("\n");
            String summary = lines.length > 1 ? lines[1] : "";
            sb.append(String.format("  %-15s %s%n", n, Display.clip(summary, 100)));
        });
        sb.append("Also imported: tech.tablesaw.api.* (Table, columns), ckpt.model.* (Experiment, Mode, Run), Target, "
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
        if (COMMANDS.containsKey(cmd)) {
            return cmd + " — " + COMMANDS.get(cmd);
        }
        return null;
    }
}
