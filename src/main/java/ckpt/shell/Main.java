package ckpt.shell;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code bin/ckpt-repl} — an interactive shell on a terminal, a script reader on a pipe, or
 * {@code --replay NOTEBOOK [--param name=value …] [--report OUT.html]}.
 */
public final class Main {
    static final String USAGE = "usage: bin/ckpt-repl                         interactive shell (or: bin/ckpt-repl < script.jsh)\n"
            + "       bin/ckpt-repl --replay NOTEBOOK.jsh [--param name=value ...] [--report OUT.html]";

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException e) {
            Router.STDERR.println("ckpt-repl: " + e.getMessage());
            Router.STDERR.println(USAGE);
            code = 2;
        }
        System.exit(code);
    }

    static int run(String[] args) {
        String replay = null;
        String report = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--replay":
                    replay = value(args, ++i, a);
                    break;
                case "--report":
                    report = value(args, ++i, a);
                    break;
                case "--param":
                    Map.Entry<String, String> p = Notebook.parameter(value(args, ++i, a));
                    params.put(p.getKey(), p.getValue());
                    break;
                case "-h":
                case "--help":
                    Router.STDOUT.println(USAGE);
                    return 0;
                case "--version":
                    Router.STDOUT.println(Versions.banner());
                    return 0;
                default:
                    if (a.startsWith("--param=")) {
                        Map.Entry<String, String> q = Notebook.parameter(a.substring("--param=".length()));
                        params.put(q.getKey(), q.getValue());
                    } else {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    }
            }
        }
        if (replay == null && (report != null || !params.isEmpty())) {
            throw new IllegalArgumentException("--param and --report go with --replay NOTEBOOK");
        }
        if (replay != null) {
            return Replay.run(Path.of(replay), params, report);
        }
        if (System.console() == null) {
            return Piped.run(System.in);
        }
        try (Terminal terminal = TerminalBuilder.builder().name("ckpt-repl").system(true).nativeSignals(true).build()) {
            return Repl.run(terminal);
        } catch (java.io.IOException e) {
            Router.STDERR.println("ckpt-repl: no terminal (" + e.getMessage() + "); reading standard input");
            return Piped.run(System.in);
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
