package ckpt.shell;

import ckpt.model.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.TypeDeclSnippet;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import tech.tablesaw.api.Table;

/**
 * A JShell evaluating in this JVM, with the ckpt helpers imported. It is built on a background thread as soon
 * as the shell starts (so the compiler warms up while the terminal and banner are set up); every call waits
 * for it. Results are shown on the {@link Screen}; successful snippets are kept for /save.
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

    /** The result of evaluating some input: ok, or the one-line reason it failed; rich values shown. */
    record Outcome(boolean ok, String failure, List<Object> values) {
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

    private record Engine(JShell shell, SnippetControl control) {
    }

    /**
     * Starts building the JShell on a background thread. With {@code eagerClassPath} (interactive sessions) the
     * rest of the class path is added right after, while the user reads the banner.
     */
    Session(Screen screen, boolean eagerClassPath) {
        this.screen = screen;
        this.engine = CompletableFuture.supplyAsync(() -> build(classPath.core()), r -> {
            Thread t = new Thread(r, "ckpt-jshell-init");
            t.setDaemon(true);
            t.start();
        });
        if (eagerClassPath) {
            engine.thenRun(this::completeClassPathInBackground);
        }
    }

    private static Engine build(String compileClassPath) {
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
        for (String imp : IMPORTS) {
            for (SnippetEvent e : shell.eval(imp)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    throw new IllegalStateException("preloaded import failed: " + imp);
                }
            }
        }
        Timing.mark("imports evaluated", t0);
        return new Engine(shell, provider.control());
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
            return incomplete(analysis(), input);
        }
    }

    private static boolean incomplete(SourceCodeAnalysis sca, String input) {
        String rest = input;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            switch (info.completeness()) {
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return true;
                case EMPTY:
                    return false;
                default:
                    if (info.remaining() == null || info.remaining().length() >= rest.length()) {
                        return false;
                    }
                    rest = info.remaining();
            }
        }
        return false;
    }

    /** Splits the input into snippets as JShell sees them. */
    List<String> split(String input) {
        synchronized (lock) {
            return split(analysis(), input);
        }
    }

    /**
     * Line by line, as a user typing it would: lines are gathered until what is gathered is complete, then split
     * into snippets. So two expressions on consecutive lines are two snippets (as in jshell), and a method spread
     * over lines is one.
     */
    private static List<String> split(SourceCodeAnalysis sca, String input) {
        List<String> out = new ArrayList<>();
        StringBuilder gathered = new StringBuilder();
        for (String line : input.split("\n", -1)) {
            gathered.append(line).append('\n');
            if (!incomplete(sca, gathered.toString())) {
                out.addAll(splitComplete(sca, gathered.toString()));
                gathered.setLength(0);
            }
        }
        if (!gathered.toString().isBlank()) {
            out.addAll(splitComplete(sca, gathered.toString()));
        }
        return out;
    }

    private static List<String> splitComplete(SourceCodeAnalysis sca, String input) {
        List<String> out = new ArrayList<>();
        String rest = input;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = sca.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            String src = info.source();
            if (src == null || info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || info.completeness() == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                out.add(rest); // let the compiler say what is missing
                break;
            }
            out.add(src);
            String next = info.remaining() == null ? "" : info.remaining();
            if (next.length() >= rest.length()) {
                break;
            }
            rest = next;
        }
        return out;
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
        for (String src : split(analysis(), input)) {
            Outcome o = evalSnippet(src, values);
            if (!o.ok()) {
                return new Outcome(false, o.failure(), values);
            }
        }
        return Outcome.success(values);
    }

    private Outcome evalSnippet(String src, List<Object> values) {
        Engine en = engine();
        en.control().clear();
        List<SnippetEvent> events = en.shell().eval(src);
        if (!fullClassPath && needsMore(events)) {
            // Perhaps it uses a Flink API directly: compile again against the whole class path.
            completeClassPath();
            en.control().clear();
            boolean defined = events.stream().anyMatch(e -> e.causeSnippet() == null && e.status().isDefined());
            events = en.shell().eval(src);
            retried = defined;
        }
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
        String failure = null;
        for (SnippetEvent e : events) {
            if (e.causeSnippet() != null) {
                continue; // a dependent snippet was updated; JShell's own tool mentions it, a notebook need not
            }
            Snippet s = e.snippet();
            if (e.status() == Snippet.Status.REJECTED) {
                failure = showDiagnostics(en.shell(), s);
                continue;
            }
            if (en.control().wasStopped()) {
                screen.error("  stopped");
                failure = "stopped";
                continue;
            }
            if (e.exception() != null) {
                failure = showException(e.exception(), en.control().lastThrown());
                continue;
            }
            showResult(en, e, s, values);
        }
        return failure;
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

    private void showResult(Engine en, SnippetEvent e, Snippet s, List<Object> values) {
        int width = screen.width();
        if (s instanceof VarSnippet v) {
            Object raw = en.control().lastValue();
            String text = e.value();
            if (text == null) {
                return;
            }
            if (v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                showBlock(raw, text, width, values);
            } else {
                screen.println(v.name() + " ==> " + Display.inline(raw, text, width));
            }
        } else if (s instanceof ExpressionSnippet) {
            if (e.value() != null) {
                showBlock(en.control().lastValue(), e.value(), width, values);
            }
        } else if (s instanceof DeclarationSnippet d) {
            String what = s instanceof MethodSnippet m ? "method " + m.name() + "(" + m.parameterTypes() + ")"
                    : s instanceof TypeDeclSnippet t ? kindName(t) + " " + t.name() : d.name();
            List<String> missing = en.shell().unresolvedDependencies(d).collect(Collectors.toList());
            String verb = e.previousStatus() == Snippet.Status.NONEXISTENT || retried ? "created " : "replaced ";
            if (missing.isEmpty()) {
                screen.note("  " + verb + what);
            } else {
                screen.note("  " + verb + what + ", usable once " + String.join(", ", missing) + " is declared");
            }
        }
    }

    private static String kindName(TypeDeclSnippet t) {
        switch (t.subKind()) {
            case INTERFACE_SUBKIND: return "interface";
            case ENUM_SUBKIND: return "enum";
            case RECORD_SUBKIND: return "record";
            case ANNOTATION_TYPE_SUBKIND: return "annotation";
            default: return "class";
        }
    }

    private void showBlock(Object raw, String text, int width, List<Object> values) {
        if (raw != null && (raw == System.out || raw == System.err)) {
            return; // printf/append return the stream: nothing worth showing
        }
        if (raw instanceof Table || raw instanceof Run) {
            values.add(raw);
            String block = Display.block(raw, text, width);
            if (reportMode) {
                screen.printlnUncaptured(block);
            } else {
                screen.println(block);
            }
        } else {
            screen.println(Display.block(raw, text, width));
        }
    }

    /** The source line, a caret under the error, the message. Returns the first message line. */
    private String showDiagnostics(JShell shell, Snippet s) {
        List<Diag> diags = shell.diagnostics(s).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            screen.error("  rejected: " + Display.firstLine(s.source()));
            return "rejected";
        }
        String first = null;
        String src = s.source();
        int shown = 0;
        for (Diag d : diags) {
            if (++shown > 3) {
                screen.error("  … and " + (diags.size() - 3) + " more error" + (diags.size() == 4 ? "" : "s"));
                break;
            }
            String msg = d.getMessage(Locale.getDefault());
            if (first == null) {
                first = summary(msg);
            }
            long pos = d.getPosition() >= 0 ? d.getPosition() : d.getStartPosition();
            if (pos < 0 || pos > src.length()) {
                screen.error("  error: " + msg.replace("\n", "\n  "));
                continue;
            }
            int p = (int) pos;
            int lineStart = src.lastIndexOf('\n', p - 1) + 1;
            int lineEnd = src.indexOf('\n', p);
            if (lineEnd < 0) {
                lineEnd = src.length();
            }
            String line = src.substring(lineStart, lineEnd);
            StringBuilder caret = new StringBuilder();
            for (int i = lineStart; i < p; i++) {
                caret.append(src.charAt(i) == '\t' ? '\t' : ' ');
            }
            caret.append('^');
            screen.println("  " + line);
            screen.println("  " + screen.red(caret.toString()));
            screen.error("  error: " + msg.replace("\n", "\n  "));
        }
        return "error: " + first;
    }

    /** A compiler message on one line: "cannot find symbol: method run(ckpt.model.Experiment)". */
    static String summary(String msg) {
        String[] lines = msg.split("\n");
        StringBuilder sb = new StringBuilder(lines[0].strip());
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("symbol:")) {
                sb.append(": ").append(l.substring("symbol:".length()).strip());
            }
        }
        return sb.toString();
    }

    private String showException(JShellException ex, Throwable real) {
        if (ex instanceof UnresolvedReferenceException u) {
            String msg = "  " + u.getSnippet().kind().toString().toLowerCase(Locale.ROOT) + " "
                    + ((DeclarationSnippet) u.getSnippet()).name() + " cannot be used until "
                    + String.join(", ", jshell().unresolvedDependencies(u.getSnippet()).collect(Collectors.toList()))
                    + " is declared";
            screen.error(msg);
            lastThrown = ex;
            return msg.strip();
        }
        Throwable t = real != null ? real : ex;
        lastThrown = t;
        List<String> lines;
        if (real == null && ex instanceof EvalException ee) {
            lines = List.of(ee.getExceptionClassName() + (ee.getMessage() == null ? "" : ": " + ee.getMessage()));
        } else {
            lines = Display.exception(t);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (i == 0) {
                screen.error("  " + lines.get(i));
            } else {
                screen.note("  " + lines.get(i));
            }
        }
        return lines.get(0);
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

    /** Stops the snippet in flight, if any. */
    void stop() {
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            engine.join().control().stop();
        }
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
            engine.join().shell().close();
        } else {
            engine.cancel(true);
        }
    }
}
