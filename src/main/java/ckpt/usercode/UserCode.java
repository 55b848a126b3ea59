package ckpt.usercode;

import ckpt.error.CkptException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.PrintWriter;
import java.io.Serializable;
import java.io.StringWriter;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.graph.StreamEdge;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.objectweb.asm.Type;

/**
 * Checks a user's functions before a job ships, and reads the failures of one that ran, in the user's terms:
 * which snippet, which class, which field, which line of the snippet. Every message is one line that ends with
 * what to do about it.
 *
 * <p>Two things go wrong with snippet code on a cluster that work in the shell:
 * <ul>
 *   <li>it is not serializable (a client object in a field), and Flink cannot ship it;</li>
 *   <li>it reads a top-level variable: the variable is a static field of JShell's wrapper class, set in the
 *       shell's JVM; the cluster loads the wrapper fresh from the job jar, so the function sees 0/null there,
 *       silently. Found in the original bytecode ({@link Reach}).</li>
 * </ul>
 */
public final class UserCode {
    private UserCode() {
    }

    /**
     * Throws a one-line {@link CkptException} if the function cannot work on a cluster: not serializable (naming
     * the field), reads or writes a top-level variable, uses a class only the shell has, or comes from before
     * the last /reset. Objects and lambdas nested in it are checked too. {@code role} starts the message
     * ("function", "pipeline").
     */
    public static void check(Object function, String role) {
        if (function == null) {
            throw new CkptException(role + " is null");
        }
        checkRoots(List.of(function), role, null);
    }

    /** {@link #check(Object, String)} for each function; the first problem is thrown. */
    public static void checkAll(Iterable<?> functions, String role) {
        for (Object f : functions) {
            if (f != null) {
                check(f, role);
            }
        }
    }

    /**
     * Checks every user object a pipeline put into the stream graph: operators' functions (through their
     * factories), key selectors, partitioners, input and output formats. The graph is only serialized into
     * nothing: it can be submitted afterwards.
     */
    public static void check(StreamGraph graph, String role) {
        List<StreamNode> nodes = new ArrayList<>(graph.getStreamNodes());
        nodes.sort(Comparator.comparingInt(StreamNode::getId));
        Set<String> done = new HashSet<>();
        for (StreamNode n : nodes) {
            List<Object> roots = new ArrayList<>();
            roots.add(n.getOperatorFactory());
            KeySelector<?, ?>[] keys = n.getStatePartitioners();
            if (keys != null) {
                roots.addAll(List.of(keys));
            }
            for (StreamEdge e : n.getOutEdges()) {
                roots.add(e.getPartitioner());
            }
            roots.add(n.getInputFormat());
            roots.add(n.getOutputFormat());
            roots.removeIf(java.util.Objects::isNull);
            checkRoots(roots, role, "operator '" + n.getOperatorName() + "'", done);
        }
    }

    /**
     * The one-line message for a failure while the user's pipeline built the stream: Flink's ClosureCleaner
     * throws {@code InvalidProgramException: The implementation of the KeyedProcessFunction is not serializable}
     * (or {@code <object> is not serializable}) with the culprit's class only in its cause, or, for a JDK object
     * like an HttpClient, an {@code InaccessibleObjectException} from digging into it. This names the snippet
     * class and its field (a lambda: the snippet line that handed it to Flink). Other failures: the root cause and
     * the user's line; a {@link CkptException}: its message.
     */
    public static String explain(Throwable buildFailure, String role) {
        if (buildFailure == null) {
            return role + ": failed";
        }
        for (Throwable c = buildFailure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CkptException) {
                return c.getMessage();
            }
        }
        return Explain.notSerializable(buildFailure, role).orElseGet(() -> failure(stackTrace(buildFailure)));
    }

    /**
     * The user's own first frame in a stack trace as text (Flink's REST {@code /jobs/:id/exceptions}), with the
     * snippet and the snippet's line: {@code Boom.f (snippet 5, line 3)}. Empty when no snippet code is on it.
     */
    public static Optional<String> frame(String stackTraceText) {
        return Traces.frame(stackTraceText);
    }

    /** One frame of snippet code that ran in this JVM, labelled like {@link #frame(String)}; empty for others. */
    public static Optional<String> frame(StackTraceElement element) {
        return Traces.frame(element);
    }

    /**
     * One line for a job's failure: the root cause (the deepest "Caused by:", else the first line), and where in
     * the user's code: {@code ArithmeticException: / by zero in Boom.f (snippet 5, line 3)}.
     */
    public static String failure(String stackTraceText) {
        return Traces.failure(stackTraceText);
    }

    static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    private static void checkRoots(List<Object> roots, String role, String where) {
        checkRoots(roots, role, where, new HashSet<>());
    }

    private static void checkRoots(List<Object> roots, String role, String where, Set<String> done) {
        Shipped.Result shipped = Shipped.of(roots);
        if (shipped.failure() != null) {
            throw new CkptException(notSerializable(roots, shipped.failure(), role, where), shipped.failure());
        }
        for (Shipped.Unit u : shipped.units()) {
            String key = key(u);
            if (!done.add(key)) {
                continue;
            }
            stale(u).ifPresent(m -> {
                throw new CkptException(role + " (" + label(u) + "): " + m);
            });
            Optional<Reach.Finding> f;
            if (u.object() instanceof SerializedLambda l) {
                f = Reach.fromMethod(l.getImplClass(), l.getImplMethodName(), l.getImplMethodSignature());
            } else {
                f = Reach.fromClass(u.codeClass());
            }
            if (f.isPresent()) {
                throw new CkptException(role + " (" + label(u) + "): " + Messages.finding(f.get(), u, role));
            }
        }
    }

    private static String key(Shipped.Unit u) {
        if (u.object() instanceof SerializedLambda l) {
            return l.getImplClass() + "." + l.getImplMethodName() + l.getImplMethodSignature();
        }
        return u.object().getClass().getName() + "@" + System.identityHashCode(u.object().getClass());
    }

    /** A snippet object whose class this shell's JShell does not hold (any more): it could not be shipped. */
    private static Optional<String> stale(Shipped.Unit u) {
        String name = u.codeClass();
        if (SnippetClasses.bytes(name) == null) {
            return Optional.of(Messages.STALE);
        }
        if (!u.lambda()) {
            Class<?> current = SnippetClasses.find(name);
            if (current != null && current != u.object().getClass()) {
                return Optional.of(Messages.STALE);
            }
        }
        return Optional.empty();
    }

    private static String notSerializable(List<Object> roots, IOException failure, String role, String where) {
        String offending = failure instanceof NotSerializableException ? failure.getMessage() : null;
        for (Object root : roots) {
            Optional<Unserializable.Problem> p = Unserializable.find(root, offending);
            if (p.isPresent()) {
                Object owner = p.get().owner();
                String label = owner != null ? label(owner) : where != null ? where : "class " + display(root.getClass());
                return role + " (" + label + "): " + Messages.problem(p.get());
            }
        }
        String label = where != null ? where : "class " + display(roots.get(0).getClass());
        if (offending != null) {
            return role + " (" + label + "): holds a " + offending + ", which is not serializable — mark the field "
                    + "that holds it transient and create it in open()";
        }
        return role + " (" + label + "): cannot be serialized: " + ckpt.text.Visible.line(String.valueOf(failure));
    }

    /** "snippet 9, lambda", "snippet 7, class Enricher", or the class name for code that is not a snippet's. */
    static String label(Object unitOrObject) {
        Shipped.Unit u = unitOrObject instanceof Shipped.Unit x ? x : new Shipped.Unit(unitOrObject);
        String cls = u.codeClass();
        Optional<String> wrapper = SnippetClasses.wrapperOf(cls);
        SnippetClasses.Wrapper w = wrapper.map(SnippetClasses::wrapper).orElse(null);
        String nested = SnippetClasses.nestedName(cls);
        if (u.lambda()) {
            String in = nested.isEmpty() ? "" : " in " + SnippetClasses.typeLabel(nested, w == null ? null : w.kind());
            return (w == null ? "" : "snippet " + w.snippet() + ", ") + "lambda" + in;
        }
        return labelOf(u.object().getClass());
    }

    /** "snippet 7, class Enricher" for a snippet class, "class org.example.Fn" for another. */
    static String labelOf(Class<?> c) {
        return SnippetClasses.snippetOf(c.getName()).orElse("class " + display(c));
    }

    /** A class as the user knows it: a snippet class by its own name ("Helper"), others by their full name. */
    static String display(Class<?> c) {
        if (c.getName().startsWith("REPL.")) {
            String nested = SnippetClasses.nestedName(c.getName());
            if (nested.isEmpty()) {
                return c.getName();
            }
            String label = SnippetClasses.typeLabel(nested, null); // "class Boom", "anonymous class", "lambda"
            return label.startsWith("class ") ? label.substring("class ".length()) : label;
        }
        // jdk.internal.net.http.HttpClientFacade is what the user knows as java.net.http.HttpClient
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            if (visible(k)) {
                return k.getName();
            }
        }
        for (Class<?> i : c.getInterfaces()) {
            if (visible(i)) {
                return i.getName();
            }
        }
        return c.getName();
    }

    private static boolean visible(Class<?> c) {
        return java.lang.reflect.Modifier.isPublic(c.getModifiers()) && c.getModule().isExported(c.getPackageName());
    }

    /** The messages, kept together so they stay alike. */
    static final class Messages {
        static final String STALE = "defined before the last /reset or snippet-engine restart, so it cannot be "
                + "shipped — evaluate its snippet again";

        private Messages() {
        }

        static String problem(Unserializable.Problem p) {
            Class<?> shown = p.declared() != null && p.declared() != Object.class
                    && !Serializable.class.isAssignableFrom(p.declared()) ? p.declared() : p.actual();
            String type = display(shown);
            if (shown.getName().startsWith("REPL.") && !type.equals("lambda")) {
                type = "class " + type + SnippetClasses.snippetOf(shown.getName())
                        .map(s -> ", " + s.split(",")[0]).orElse("");
            }
            if (p.path().isEmpty()) {
                return "is not serializable — Flink ships functions serialized: implement java.io.Serializable "
                        + "(Flink's function classes already do)";
            }
            if (p.captured()) {
                int hash = p.path().lastIndexOf('#');
                String holder = p.path().substring(0, Math.max(0, hash - 1));
                return (holder.isEmpty() ? "" : "field '" + holder + "' holds a lambda that ") + "captures a " + type
                        + ", which is not serializable — create it in open() of a function class instead of "
                        + "capturing it";
            }
            String advice = shown.getName().startsWith("REPL.") && !type.equals("lambda")
                    ? "make " + display(shown) + " implement java.io.Serializable, or mark the field transient "
                    + "and create it in open()"
                    : "mark it transient and create it in open()";
            return "field '" + p.path() + "' (" + type + ") is not serializable — " + advice;
        }

        static String finding(Reach.Finding f, Shipped.Unit u, String role) {
            String subject = subject(f, u);
            return switch (f.kind()) {
                case READS_VARIABLE -> subject + "reads top-level variable '" + f.name() + "'" + snippet(f)
                        + ", which is 0/null on the cluster — " + passIt(f, u, role);
                case WRITES_VARIABLE -> subject + "writes top-level variable '" + f.name() + "'" + snippet(f)
                        + ", but on the cluster that is another copy the shell never sees — keep it in the "
                        + "function (a field or Flink state)";
                case SHELL_CLASS -> subject + "uses " + f.name().replace('/', '.') + ", which only the shell has, "
                        + "not a cluster — compute what you need before the run and pass the value";
            };
        }

        /** "Enricher.processElement (snippet 7, line 5) " — empty when the finding is in the lambda itself. */
        private static String subject(Reach.Finding f, Shipped.Unit u) {
            if (f.inMethod() == null) {
                return "";
            }
            if (u.object() instanceof SerializedLambda l && l.getImplClass().equals(f.inClass())
                    && l.getImplMethodName().equals(f.inMethod())) {
                return "";
            }
            String m = f.inMethod().equals("<init>") ? "constructor" : f.inMethod().equals("<clinit>")
                    ? "static initializer" : f.inMethod();
            String label = Traces.label(f.inClass().replace('/', '.'), m, f.line());
            if (m.equals("constructor") || m.equals("static initializer")) {
                label = label.replace("." + m, "'s " + m);
            }
            return label + " ";
        }

        private static String snippet(Reach.Finding f) {
            SnippetClasses.Wrapper w = SnippetClasses.wrapper(f.owner().replace('/', '.'));
            return w == null ? "" : " (snippet " + w.snippet() + ")";
        }

        private static String passIt(Reach.Finding f, Shipped.Unit u, String role) {
            if (!u.lambda()) {
                return "pass it to the constructor and keep it in a field";
            }
            String type = f.descriptor() == null ? "int" : simple(Type.getType(f.descriptor()).getClassName());
            String maker = role.equals("pipeline") ? "makePipeline" : "make" + capitalized(role);
            return "pass it as a parameter, e.g. a method " + maker + "(" + type + " " + f.name()
                    + ") that returns the lambda";
        }

        private static String simple(String className) {
            return className.startsWith("REPL.") ? SnippetClasses.nestedName(className).replace('$', '.')
                    : className.substring(className.lastIndexOf('.') + 1);
        }

        private static String capitalized(String s) {
            String word = s.replaceAll("[^A-Za-z]", "");
            return word.isEmpty() ? "Function" : Character.toUpperCase(word.charAt(0)) + word.substring(1);
        }
    }
}
