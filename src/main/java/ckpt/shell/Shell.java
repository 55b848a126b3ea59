package ckpt.shell;

import ckpt.target.Targets;
import ckpt.model.Run;
import ckpt.engine.Runs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the shell does with one input, whatever it came from (a terminal, a pipe): run a command or evaluate
 * code. Also what Ctrl-C means while something runs.
 */
final class Shell implements AutoCloseable {
    /** Asks the user for a line (used by /step); null at end of input. */
    interface Prompter {
        String ask(String prompt);
    }

    private final Screen screen;
    private final Prompter prompter;
    private final Supplier<List<String>> history;
    private final LiveStatus status;
    private final boolean interactive;
    private volatile Session session;
    private volatile boolean busy;
    private volatile boolean cancelAsked;
    /** Ctrl-C presses that asked the snippet in flight to stop (the run's cancel not counted). */
    private final java.util.concurrent.atomic.AtomicInteger stopAsks = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean engineLoaded;
    private int runsSeen;
    private volatile Integer exitAsked;
    private Run lastRunSeen;

    Shell(Screen screen, Prompter prompter, Supplier<List<String>> history) {
        this(screen, prompter, history, false);
    }

    /** {@code interactive}: a person is at the keyboard, so finish loading the class path in the background. */
    Shell(Screen screen, Prompter prompter, Supplier<List<String>> history, boolean interactive) {
        this.interactive = interactive;
        this.screen = screen;
        this.prompter = prompter;
        this.history = history;
        this.status = new LiveStatus(screen);
        this.session = new Session(screen, interactive);
        // The progress line registers with the engine when the helpers are first used (ckpt.Hooks): registering
        // loads the engine and its logging, ~0.3 s of CPU that the first result of a session should not wait for.
        ckpt.Hooks.onHelpersLoaded(this::registerProgress);
        if (interactive) {
            // A person types for a few seconds before the first run(...): warm the target (the embedded cluster
            // and RocksDB's native library, or the clients of a local or remote cluster) and the job's translation
            // meanwhile, in the background, after the prompt is up (never on the way to it).
            Thread t = new Thread(() -> {
                sleepQuietly(1500);
                registerProgress();
                Runs.warmUp();
            }, "ckpt-prewarm");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Registers the live status line for run progress (loads the engine). */
    private void registerProgress() {
        Runs.listener(status);
        engineLoaded = true;
    }

    /**
     * Whether the engine is loaded: only then can a run be in flight or have finished, and only then do Ctrl-C,
     * the prompt and exit ask it anything (asking would load it, ~0.3 s, on the way to a result).
     */
    private boolean engineUsed() {
        return engineLoaded;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    Session session() {
        return session;
    }

    Screen screen() {
        return screen;
    }

    /** Runs one input: a command (a line starting with '/' that is not a comment) or Java. Returns false to exit. */
    boolean handle(String input) {
        if (input == null) {
            return false;
        }
        String trimmed = input.strip();
        if (trimmed.isEmpty()) {
            return true;
        }
        if (isCommand(trimmed)) {
            return command(trimmed);
        }
        evaluate(input);
        return true;
    }

    static boolean isCommand(String trimmed) {
        return trimmed.startsWith("/") && !trimmed.startsWith("//") && !trimmed.startsWith("/*");
    }

    /** Evaluates code, with Ctrl-C armed and the status line tidied up afterwards. */
    Session.Outcome evaluate(String code) {
        Thread.interrupted(); // a Ctrl-C that reached JLine as an interrupt belongs to the prompt, not the snippet
        busy = true;
        cancelAsked = false;
        stopAsks.set(0);
        try {
            Session.Outcome o = session.eval(code);
            if (o.exitStatus() != null) {
                exitAsked = o.exitStatus();
                if (interactive) {
                    screen.note("  the shell keeps running, with your variables and runs; /exit leaves");
                }
            }
            return o;
        } catch (RuntimeException e) {
            // JShell itself failed (not the snippet): say so, keep the shell alive
            for (String line : Display.exception(e)) {
                screen.error("  " + line);
            }
            return new Session.Outcome(false, Display.exception(e).get(0), List.of());
        } finally {
            busy = false;
            status.finish();
            noteRuns();
            if (session.abandoned()) {
                restartEngine();
            }
        }
    }

    /**
     * A fresh snippet engine after one was abandoned. Runs live in the engine's classes and on disk, not in the
     * snippet engine, so {@code lastRun()} and {@code runs/} are unaffected; variables and methods are gone.
     */
    private void restartEngine() {
        session = new Session(screen, interactive);
        screen.note("  snippet engine restarted: variables and methods are gone; runs are kept"
                + " (lastRun(), and their folders under runs/)");
    }

    /**
     * Ctrl-C while a snippet runs: the first press cancels the run in flight (the snippet then returns the
     * partial result normally); a further press, or a press with no run in flight, asks the snippet to stop (its
     * loops check a flag; sleeps and waits are interrupted). A snippet stuck in library code that ignores both
     * gets an offer on the second such press, and the third abandons it and restarts the snippet engine.
     */
    void interrupt() {
        if (!busy) {
            return;
        }
        if (!cancelAsked && engineUsed() && Runs.active()) {
            cancelAsked = true;
            if (Runs.cancelCurrent()) {
                screen.note("  cancelling the run… (Ctrl-C again stops the snippet)");
                return;
            }
        }
        Session s = session;
        if (!s.running()) {
            s.stop(); // still compiling: the snippet is stopped before it starts
            return;
        }
        int asks = stopAsks.incrementAndGet();
        if (asks >= ABANDON_AT) {
            s.abandon();
            return;
        }
        s.stop();
        if (asks == ABANDON_AT - 1 && !s.awaitEnd(STOP_GRACE_MS)) {
            screen.note("  the snippet does not stop (it waits inside code that ignores Ctrl-C). Ctrl-C once more"
                    + " restarts the snippet engine: variables and methods are lost, runs are kept (lastRun(), runs/)");
        }
    }

    /** The Ctrl-C press (counting those that asked the snippet to stop) that abandons it. */
    static final int ABANDON_AT = 3;
    /** How long a stop request gets before the shell offers to restart the engine. */
    static final long STOP_GRACE_MS = 500;

    /** The status of the last System.exit a snippet called (stopping only the snippet), or null. */
    Integer exitAsked() {
        return exitAsked;
    }

    boolean busy() {
        return busy;
    }

    private void noteRuns() {
        if (!engineUsed()) {
            return;
        }
        try {
            Run last = Runs.last();
            if (last != null && last != lastRunSeen) {
                lastRunSeen = last;
                runsSeen++;
            }
        } catch (RuntimeException e) {
            // the engine is broken: the prompt does not depend on it
        }
    }

    /** Runs finished in this session (for the prompt). */
    int runs() {
        return runsSeen;
    }

    /** Runs a command from {@link Commands}; an unknown one gets a one-line error listing them. */
    private boolean command(String line) {
        String[] parts = line.split("\\s+", 2);
        String cmd = parts[0];
        String arg = parts.length > 1 ? parts[1].strip() : "";
        return Commands.find(cmd).map(c -> c.handler().run(this, arg)).orElseGet(() -> {
            screen.error("  unknown command " + cmd + " — commands: " + String.join(" ", Commands.names()));
            return true;
        });
    }

    // ---- command handlers (Commands.ALL): each returns false to leave the shell ------------------------------

    boolean help(String arg) {
        if (arg.isEmpty()) {
            screen.println(Help.overview(screen.width()));
            return true;
        }
        String doc = Help.of(arg);
        if (doc == null) {
            screen.error("  no help for '" + arg + "' — helpers: " + String.join(", ", Help.helperNames()));
        } else {
            screen.println(doc);
        }
        return true;
    }

    boolean vars(String arg) {
        List<String> vars = session.vars();
        if (vars.isEmpty()) {
            screen.note("  no variables yet");
        }
        for (String v : vars) {
            screen.println("  " + v);
        }
        return true;
    }

    boolean history(String arg) {
        List<String> h = history.get();
        for (int i = 0; i < h.size(); i++) {
            screen.println(String.format(java.util.Locale.ROOT, "%5d  %s", i + 1, h.get(i).replace("\n", "\n       ")));
        }
        return true;
    }

    boolean trace(String arg) {
        String trace = session.lastTrace();
        screen.println(trace == null ? "  no exception yet" : trace);
        return true;
    }

    boolean save(String arg) {
        if (arg.isEmpty()) {
            screen.error("  /save needs a file, e.g. /save notebooks/my-session.jsh");
            return true;
        }
        Path file = Path.of(arg);
        try {
            List<String> snippets = session.accepted();
            ckpt.io.AtomicFile.writeString(file, Notebook.write(snippets, SessionTarget.options()));
            screen.println("  saved " + snippets.size() + " cell" + (snippets.size() == 1 ? "" : "s") + " to " + file);
        } catch (IOException e) {
            screen.error("  " + ckpt.io.AtomicFile.failure(file, e));
        }
        return true;
    }

    private Notebook load(String arg, String cmd) {
        if (arg.isEmpty()) {
            screen.error("  " + cmd + " needs a file, e.g. " + cmd + " notebooks/01-full-vs-incremental.jsh");
            return null;
        }
        try {
            return Notebook.read(Path.of(arg));
        } catch (IOException e) {
            screen.error("  " + e.getMessage());
            return null;
        }
    }

    boolean open(String arg) {
        Notebook nb = load(arg, "/open");
        if (nb == null) {
            return true;
        }
        int i = 0;
        for (Notebook.Cell cell : nb.cells()) {
            i++;
            screen.note("── [" + i + "/" + nb.cells().size() + "] " + cell.title());
            Session.Outcome o = evaluate(cell.source());
            if (!o.ok()) {
                screen.error("  cell " + i + " \"" + cell.title() + "\" failed; stopped " + nb.name());
                return true;
            }
        }
        return true;
    }

    boolean step(String arg) {
        Notebook nb = load(arg, "/step");
        if (nb == null) {
            return true;
        }
        int n = nb.cells().size();
        for (int i = 0; i < n; i++) {
            Notebook.Cell cell = nb.cells().get(i);
            screen.note("── [" + (i + 1) + "/" + n + "] " + cell.title());
            for (String line : cell.source().split("\n")) {
                screen.println("   " + line);
            }
            String answer = prompter.ask("   Enter runs · s skips · q stops > ");
            if (answer == null || answer.strip().equalsIgnoreCase("q")) {
                screen.note("  stopped at cell " + (i + 1) + " of " + n);
                return true;
            }
            if (answer.strip().equalsIgnoreCase("s")) {
                continue;
            }
            Session.Outcome o = evaluate(cell.source());
            if (!o.ok()) {
                screen.error("  cell " + (i + 1) + " \"" + cell.title() + "\" failed — fix it and /step again, or continue by hand");
                return true;
            }
        }
        return true;
    }

    boolean reset(String arg) {
        Session old = session;
        session = new Session(screen, interactive);
        old.close();
        screen.note("  fresh session (imports restored, variables dropped)");
        return true;
    }

    /** Leaves: cancels a run in flight and stops the cluster if one was started. */
    @Override
    public void close() {
        try {
            if (engineUsed() && Runs.active()) {
                Runs.cancelCurrent();
            }
            if (engineUsed()) {
                Targets.stopOwned();
            }
        } catch (RuntimeException | LinkageError e) {
            // leaving anyway; the clusters also have their own shutdown hooks
        }
        session.close();
    }
}
