package ckpt.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import ckpt.usercode.SnippetClasses;
import ckpt.usercode.SnippetLines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.VarSnippet;

/**
 * A JShell evaluating in this JVM, with the ckpt helpers imported. It is built on a background thread as soon
 * as the shell starts (so the compiler warms up while the terminal and banner are set up); every call waits
 * for it. Input is cut into snippets by {@link Snippets}; what each one did is shown by {@link Feedback};
 * successful snippets are kept for /save.
 */
final class Session implements AutoCloseable {
    /** What every session starts with, so the first line can be {@code var tx = loadCsv("…")}. */
    static final List<String> IMPORTS = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.nio.file.*;",
            "import tech.tablesaw.api.*;",
            "import ckpt.model.*;",
            "import ckpt.target.Target;",
            "import static tech.tablesaw.aggregate.AggregateFunctions.*;",
            "import static ckpt.Ckpt.*;");

    /**
     * What a function or pipeline of one's own needs (docs/own-job.md), imported once Flink is on the compiler's
     * class path. Single-type imports, so Flink's Collector wins over java.util.stream's, which snippets rarely
     * name.
     */
    static final List<String> FLINK_IMPORTS = List.of(
            "import java.time.Duration;",
            "import ckpt.job.Pipeline;",
            "import org.apache.flink.api.java.tuple.Tuple2;",
            "import org.apache.flink.api.common.functions.OpenContext;",
            "import org.apache.flink.api.common.functions.RichMapFunction;",
            "import org.apache.flink.api.common.state.*;",
            "import org.apache.flink.api.common.typeinfo.Types;",
            "import org.apache.flink.api.common.eventtime.WatermarkStrategy;",
            "import org.apache.flink.streaming.api.datastream.DataStream;",
            "import org.apache.flink.streaming.api.functions.KeyedProcessFunction;",
            "import org.apache.flink.streaming.api.functions.ProcessFunction;",
            "import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;",
            "import org.apache.flink.streaming.api.windowing.assigners.*;",
            "import org.apache.flink.util.Collector;");

    /**
     * The result of evaluating some input: ok, or the one-line reason it failed; rich values shown; the status a
     * snippet passed to System.exit (null if none: the shell went on either way).
     */
    record Outcome(boolean ok, String failure, List<Object> values, Integer exitStatus) {
        Outcome(boolean ok, String failure, List<Object> values) {
            this(ok, failure, values, null);
        }

        static Outcome success(List<Object> values) {
            return new Outcome(true, null, values);
        }
    }

    private final Screen screen;
    private final CompletableFuture<Engine> engine;
    /** JShell is not thread-safe: evaluation, analysis, completion and the background class-path step take turns. */
    private final Object lock = new Object();
    private final List<String> accepted = new ArrayList<>();
    private final ClassPath classPath = ClassPath.current();
    private volatile boolean fullClassPath;
    private volatile Throwable lastThrown;
    private volatile boolean reportMode;
    /** The snippet was defined once on the core class path and again on the full one: still "created". */
    private boolean retried;
    /** Snippets evaluated so far: "snippet 5" in messages about snippet code is the fifth. */
    private int snippetCount;
    /** Each defined snippet's number, kept when JShell recompiles it because something it uses changed. */
    private final Map<Snippet, Integer> numbers = new HashMap<>();
    /** Wrapper classes already described (each compilation of a snippet has its own). */
    private final java.util.Set<String> described = new java.util.HashSet<>();

    private record Engine(JShell shell, SnippetControl control) {
    }

    /**
     * Starts building the JShell on a background thread. With {@code eagerClassPath} (interactive sessions) the
     * rest of the class path is added right after, while the user reads the banner.
     */
    Session(Screen screen, boolean eagerClassPath) {
        this.screen = screen;
        // a new JShell names its classes from $JShell$1 again: the old ones cannot ship under those names
        SnippetClasses.clear();
        this.engine = CompletableFuture.supplyAsync(() -> build(classPath.core()), r -> {
            Thread t = new Thread(r, "ckpt-jshell-init");
            t.setDaemon(true);
            t.start();
        });
        if (eagerClassPath) {
            engine.thenRun(this::completeClassPathInBackground);
        }
    }

    private Engine build(String compileClassPath) {
        long t0 = System.nanoTime();
        SnippetControl.Provider provider = new SnippetControl.Provider();
        JShell shell;
        // JShell's compiler takes its initial class path from java.class.path, and an explicit --class-path
        // option would pin it (addToClasspath could not grow it later): show it the core tier while it is built.
        synchronized (Session.class) {
            String jvmClassPath = System.getProperty("java.class.path");
            System.setProperty("java.class.path", compileClassPath);
            try {
                shell = JShell.builder()
                        .executionEngine(provider, java.util.Map.of())
                        .in(java.io.InputStream.nullInputStream())
                        .out(System.out)
                        .err(System.err)
                        .build();
                shell.sourceCodeAnalysis().analyzeCompletion("1");
            } finally {
                System.setProperty("java.class.path", jvmClassPath);
            }
        }
        Timing.mark("jshell built", t0);
        SnippetControl control = provider.control();
        SnippetClasses.classLookup(control::snippetClass);
        control.beforeInvoke(this::describeRunning);
        imports(shell, IMPORTS);
        Timing.mark("imports evaluated", t0);
        return new Engine(shell, control);
    }

    private static void imports(JShell shell, List<String> imports) {
        for (String imp : imports) {
            long t1 = System.nanoTime();
            for (SnippetEvent e : shell.eval(imp)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new IllegalStateException("preloaded import failed: " + imp);
                }
            }
            Timing.mark(imp, t1);
        }
    }

    /**
     * Adds the rest of the class path (Flink and its dependencies) for snippets that use those APIs directly;
     * idempotent. The shell calls it in the background once the prompt is up; a snippet that does not compile
     * without it calls it first.
     */
    void completeClassPath() {
        if (fullClassPath) {
            return;
        }
        synchronized (lock) {
            if (fullClassPath) {
                return;
            }
            long t0 = System.nanoTime();
            JShell shell = jshell();
            if (!classPath.rest().isEmpty()) {
                shell.addToClasspath(String.join(java.io.File.pathSeparator, classPath.rest()));
            }
            // The next compile indexes the added jars: pay for it here rather than on the user's next line.
            shell.sourceCodeAnalysis().analyzeType("org.apache.flink.api.common.JobID.generate()", 0);
            shell.sourceCodeAnalysis().completionSuggestions("org.apache.flink.", 17, new int[1]);
            imports(shell, FLINK_IMPORTS);
            fullClassPath = true;
            Timing.mark("full class path", t0);
        }
    }

    /** Completes the class path on a daemon thread (interactive sessions, while the user reads the banner). */
    void completeClassPathInBackground() {
        Thread t = new Thread(() -> {
            try {
                completeClassPath();
            } catch (RuntimeException e) {
                // a failing snippet will retry in the foreground and report what is wrong
            }
        }, "ckpt-classpath");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * The JShell, waiting for it to be built. The wait ignores interrupts: the only one on these threads is
     * JLine's Ctrl-C-at-the-prompt, and the prompt must not die because JShell was still starting.
     */
    private Engine engine() {
        while (true) {
            try {
                return engine.get();
            } catch (InterruptedException e) {
                // keep waiting (see above)
            } catch (ExecutionException e) {
                throw new IllegalStateException("JShell could not start: " + e.getCause(), e.getCause());
            }
        }
    }

    JShell jshell() {
        return engine().shell();
    }

    SourceCodeAnalysis analysis() {
        return jshell().sourceCodeAnalysis();
    }

    /** Completion suggestions (under the session lock). */
    List<SourceCodeAnalysis.Suggestion> suggestions(String input, int cursor, int[] anchor) {
        synchronized (lock) {
            return analysis().completionSuggestions(input, cursor, anchor);
        }
    }

    /** Whether the input needs more lines (an open brace, a dangling operator, an unterminated string…). */
    boolean incomplete(String input) {
        synchronized (lock) {
            return Snippets.incomplete(analysis(), input);
        }
    }

    /** Splits the input into snippets as JShell sees them ({@link Snippets#split}). */
    List<String> split(String input) {
        synchronized (lock) {
            return Snippets.split(analysis(), input);
        }
    }

    /** When on, Tables and Runs are shown but kept out of the captured text, and helpers' artifacts are captured. */
    void reportMode(boolean on) {
        reportMode = on;
        engine().control().capture(on);
    }

    List<Object> drainCaptured() {
        return engine().control().drainCaptured();
    }

    /** Evaluates every snippet in the input, showing results; stops at the first that fails. */
    Outcome eval(String input) {
        synchronized (lock) {
            return evalLocked(input);
        }
    }

    private Outcome evalLocked(String input) {
        // charts drawn by this input follow the terminal's current width and colour ability (system properties:
        // touching the chart classes here would load them on the way to the first result)
        System.setProperty(ckpt.report.TerminalChart.WIDTH_PROPERTY, String.valueOf(screen.width()));
        System.setProperty(ckpt.report.TerminalChart.ANSI_PROPERTY, String.valueOf(screen.terminal() && screen.color()));
        List<Object> values = new ArrayList<>();
        for (String src : Snippets.split(analysis(), input)) {
            Outcome o = evalSnippet(src, values);
            if (!o.ok()) {
                return new Outcome(false, o.failure(), values, engine().control().exitStatus());
            }
        }
        return Outcome.success(values);
    }

    private Outcome evalSnippet(String src, List<Object> values) {
        Engine en = engine();
        en.control().clear();
        int number = ++snippetCount;
        List<SnippetEvent> events = en.shell().eval(src);
        if (!fullClassPath && needsMore(events)) {
            // Perhaps it uses a Flink API directly: compile again against the whole class path.
            completeClassPath();
            en.control().clear();
            boolean defined = events.stream().anyMatch(e -> e.causeSnippet() == null && e.status().isDefined());
            events = en.shell().eval(src);
            retried = defined;
        }
        describe(en, events, number);
        String failure = null;
        try {
            failure = show(en, events, values);
        } finally {
            retried = false;
        }
        if (failure == null) {
            accepted.add(src.strip());
        }
        return failure == null ? Outcome.success(values) : new Outcome(false, failure, values);
    }

    private String show(Engine en, List<SnippetEvent> events, List<Object> values) {
        Feedback fb = new Feedback(screen, en.shell(), reportMode, retried);
        String failure = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue; // a dependent snippet was updated; JShell's own tool mentions it, a notebook need not
            }
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                failure = fb.diagnostics(s);
                continue;
            }
            Integer exit = en.control().exitStatus();
            if (exit != null) {
                // the JVM holds every variable and run: a snippet's exit stops the snippet, /exit leaves
                failure = "System.exit(" + exit + ") stopped the snippet";
                screen.error("  " + failure);
                continue;
            }
            if (en.control().wasStopped()) {
                failure = en.control().abandoned() ? "abandoned" : "stopped";
                screen.error("  " + failure);
                continue;
            }
            if (e.exception() != null) {
                Throwable real = en.control().lastThrown();
                lastThrown = real != null ? real : e.exception();
                failure = fb.exception(e.exception(), real);
                continue;
            }
            fb.result(e, s, en.control().lastValue(), values);
        }
        return failure;
    }

    /**
     * Tells {@link SnippetClasses} what each defined snippet's wrapper class is: its number, kind, top-level
     * variable, and its line map (from JShell's own wrapper, whose lines the bytecode counts). Dependents that
     * JShell recompiled keep their number. Never fails the evaluation: without it, messages lack a snippet number.
     */
    private void describe(Engine en, List<SnippetEvent> events, int number) {
        for (SnippetEvent e : events) {
            Snippet s = e.snippet();
            if (!e.status().isDefined() || s.kind() == Snippet.Kind.IMPORT) {
                continue;
            }
            try {
                int n = e.causeSnippet() == null ? number : numbers.getOrDefault(s, number);
                describe(s, en.shell().sourceCodeAnalysis().wrapper(s), n);
            } catch (RuntimeException ex) {
                // messages about this snippet's classes will name the class without its snippet
            }
        }
    }

    private void describe(Snippet s, SourceCodeAnalysis.SnippetWrapper w, int n) {
        numbers.put(s, n);
        if (!described.add(w.fullClassName())) {
            return; // described just before it ran; the line map costs milliseconds in a long session
        }
        String variable = s instanceof VarSnippet v ? v.name() : null;
        SnippetClasses.describe(w.fullClassName(), String.valueOf(n), kind(s), variable,
                SnippetLines.map(w.wrapped(), w.source(), w::wrappedToSourcePosition), w.source());
    }

    /**
     * Called by the engine just before a snippet runs (inside JShell's eval, on this thread): the snippet is
     * described now, not after it ran, because what it runs (a job with its lambdas) may fail and be reported
     * while it runs. It is one of the newest snippets, found by its wrapper class.
     */
    private void describeRunning(String wrapperClass) {
        if (!engine.isDone()) {
            return; // still being built (the preloaded imports run nothing): nothing of the user's yet
        }
        try {
            JShell shell = jshell();
            List<Snippet> all = shell.snippets().collect(java.util.stream.Collectors.toList());
            for (int i = all.size() - 1; i >= Math.max(0, all.size() - 4); i--) {
                Snippet s = all.get(i);
                if (s.kind() == Snippet.Kind.IMPORT || !shell.status(s).isDefined()) {
                    continue;
                }
                SourceCodeAnalysis.SnippetWrapper w = shell.sourceCodeAnalysis().wrapper(s);
                if (w.fullClassName().equals(wrapperClass)) {
                    describe(s, w, numbers.getOrDefault(s, snippetCount));
                    return;
                }
            }
        } catch (RuntimeException e) {
            // described after the evaluation instead
        }
    }

    /** "class", "record", "interface", "enum", "method", "var", "expression", "statement". */
    private static String kind(Snippet s) {
        return switch (s.subKind()) {
            case CLASS_SUBKIND -> "class";
            case RECORD_SUBKIND -> "record";
            case INTERFACE_SUBKIND -> "interface";
            case ENUM_SUBKIND -> "enum";
            case ANNOTATION_TYPE_SUBKIND -> "annotation";
            case METHOD_SUBKIND -> "method";
            case STATEMENT_SUBKIND -> "statement";
            default -> s.kind() == Snippet.Kind.VAR ? "var" : "expression";
        };
    }

    /** Whether the snippet failed to compile or references something undefined (nothing ran: a retry is safe). */
    private static boolean needsMore(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && (e.status() == Snippet.Status.REJECTED
                    || e.status() == Snippet.Status.RECOVERABLE_DEFINED
                    || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED)) {
                return true;
            }
        }
        return false;
    }

    /** The last exception a snippet threw, or null when nothing has failed yet. */
    Throwable lastThrown() {
        return lastThrown;
    }

    /** The last exception's full stack, or null when nothing has failed yet. */
    String lastTrace() {
        Throwable t = lastThrown;
        if (t == null) {
            return null;
        }
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString().stripTrailing();
    }

    /** Asks the snippet in flight to stop (returns at once). */
    void stop() {
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            engine.join().control().stop();
        }
    }

    /** Waits up to the given time for the snippet in flight to end; true if none runs then. */
    boolean awaitEnd(long millis) {
        return !engine.isDone() || engine.isCompletedExceptionally() || engine.join().control().awaitEnd(millis);
    }

    /** Gives up on a snippet that does not stop: its evaluation returns, this session cannot evaluate any more. */
    void abandon() {
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            engine.join().control().abandon();
        }
    }

    /** Whether a snippet was abandoned: the shell must replace this session. */
    boolean abandoned() {
        return engine.isDone() && !engine.isCompletedExceptionally() && engine.join().control().abandoned();
    }

    boolean running() {
        return engine.isDone() && !engine.isCompletedExceptionally() && engine.join().control().running();
    }

    /** Snippets that evaluated without error, in order (what /save writes). */
    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** {@code Type name = value} lines for /vars. */
    List<String> vars() {
        synchronized (lock) {
            return varsLocked();
        }
    }

    private List<String> varsLocked() {
        Engine en = engine();
        List<String> out = new ArrayList<>();
        en.shell().variables().forEach(v -> {
            String text = en.shell().varValue(v);
            Object raw = en.control().lastValue();
            out.add(v.typeName() + " " + v.name() + " = " + Display.inline(raw, text, screen.width()));
        });
        return out;
    }

    @Override
    public void close() {
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            if (abandoned()) {
                return; // JShell.close would wait for the stuck snippet; the old engine is left to the GC
            }
            engine.join().shell().close();
        } else {
            engine.cancel(true);
        }
    }
}
