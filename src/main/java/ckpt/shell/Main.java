package ckpt.shell;

import ckpt.target.LocalTarget;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code bin/ckpt-repl} — an interactive shell on a terminal, a script reader on a pipe, or
 * {@code --replay NOTEBOOK [--param name=value …] [--report OUT.html] [--ipynb OUT.ipynb]}.
 */
public final class Main {
    static final String USAGE = "usage: bin/ckpt-repl [TARGET]                interactive shell (or: bin/ckpt-repl < script.jsh)\n"
            + "       bin/ckpt-repl [TARGET] --replay NOTEBOOK.jsh [--param name=value ...] [--report OUT.html] [--ipynb OUT.ipynb]\n"
            + "TARGET: --local-cluster TMSxSLOTS [-D key=value ...] (e.g. 2x2: a Flink cluster of real JVMs on this\n"
            + "        machine; -D sets a key of its config.yaml, e.g. -D taskmanager.memory.process.size=2g)\n"
            + "        --cluster http://HOST:PORT (your Flink session cluster's REST URL); default: embedded";

    private Main() {
    }

    public static void main(String[] args) {
        // Recorded before anything runs: the session swaps java.class.path while it builds JShell's compiler.
        System.setProperty(ckpt.target.FlinkCommand.LAUNCH_CLASS_PATH, System.getProperty("java.class.path", ""));
        int code;
        try {
            code = run(args);
        } catch (IllegalArgumentException e) {
            Router.STDERR.println("ckpt-repl: " + e.getMessage());
            Router.STDERR.println(USAGE);
            code = 2;
        } catch (Throwable t) {
            // Exit whatever happened: Flink's non-daemon threads would otherwise keep a broken shell alive forever.
            Router.STDERR.println("ckpt-repl: " + t);
            code = 1;
        }
        System.exit(code);
    }

    static int run(String[] args) {
        String replay = null;
        String report = null;
        String ipynb = null;
        Map<String, String> params = new LinkedHashMap<>();
        String cluster = null;
        String localCluster = null;
        Map<String, String> clusterConfig = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--cluster":
                    cluster = value(args, ++i, a);
                    break;
                case "--local-cluster":
                    localCluster = value(args, ++i, a);
                    break;
                case "--replay":
                    replay = value(args, ++i, a);
                    break;
                case "--report":
                    report = value(args, ++i, a);
                    break;
                case "--ipynb":
                    ipynb = value(args, ++i, a);
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
                case "-D":
                    clusterKey(value(args, ++i, a), clusterConfig);
                    break;
                default:
                    if (a.startsWith("-D") && a.length() > 2) {
                        clusterKey(a.substring(2), clusterConfig);
                    } else if (a.startsWith("--param=")) {
                        Map.Entry<String, String> q = Notebook.parameter(a.substring("--param=".length()));
                        params.put(q.getKey(), q.getValue());
                    } else {
                        throw new IllegalArgumentException("unknown argument '" + a + "'");
                    }
            }
        }
        if (replay == null && (report != null || ipynb != null || !params.isEmpty())) {
            throw new IllegalArgumentException("--param, --report and --ipynb go with --replay NOTEBOOK");
        }
        if (cluster != null && localCluster != null) {
            throw new IllegalArgumentException("choose one target: --cluster or --local-cluster");
        }
        if (!clusterConfig.isEmpty() && localCluster == null) {
            throw new IllegalArgumentException("-D sets a key of the local cluster the tool starts: it goes with"
                    + " --local-cluster TMSxSLOTS" + (cluster != null ? " (a cluster you started keeps its own"
                    + " configuration)" : ""));
        }
        try {
            // the session's keys, checked before anything starts (a refused key starts nothing); every
            // localCluster(n, m) of the session takes them, so a notebook's reuses the cluster started below
            LocalTarget.sessionKeys(clusterConfig);
        } catch (ckpt.error.CkptException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Notebook notebook = null;
        if (replay != null) {
            // the notebook and its --param values are checked before a target starts or a cell runs
            try {
                notebook = Replay.prepare(Path.of(replay), params);
            } catch (java.io.IOException | IllegalArgumentException e) {
                Router.STDERR.println("ckpt-repl: " + e.getMessage());
                return 2;
            }
        }
        if (!Boolean.getBoolean("ckpt.cdsTraining")) {
            SessionTarget.start(cluster, localCluster, clusterConfig);
        }
        if (notebook != null) {
            return Replay.run(notebook, report, ipynb);
        }
        if (Boolean.getBoolean("ckpt.cdsTraining")) {
            return train();
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

    /**
     * The class-data-sharing training run of bin/ckpt-repl: the piped path on the given input, then the
     * interactive path on an in-memory terminal, so the archive holds what both load.
     */
    private static int train() {
        int code = Piped.run(System.in);
        try {
            java.nio.file.Path history = java.nio.file.Files.createTempFile("ckpt-cds-history", "");
            System.setProperty("ckpt.history", history.toString());
            // lastRun() loads the engine (the helpers' first use registers the progress line), so its classes and
            // its logging's are in the archive for the first run(...), though no session start loads them
            byte[] input = "var x = 1 +\n 1\nx\nloadC\t\"x\")\nlastRun()\n/exit\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            try (Terminal t = TerminalBuilder.builder().system(false).type("xterm-256color")
                    .streams(new java.io.ByteArrayInputStream(input), new java.io.ByteArrayOutputStream()).build()) {
                Repl.run(t);
            }
            java.nio.file.Files.deleteIfExists(history);
        } catch (java.io.IOException | RuntimeException e) {
            Router.STDERR.println("ckpt-repl: interactive training skipped: " + e);
        }
        return code;
    }

    /** One {@code -D key=value} of the local cluster's configuration; a key given twice keeps the last value. */
    private static void clusterKey(String text, Map<String, String> into) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("-D '" + text + "' — write -D key=value, e.g. -D"
                    + " taskmanager.memory.process.size=2g");
        }
        into.put(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}
