package ckpt.usercode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the shell's JShell compiled, for code that leaves the shell's JVM. A cluster's user-code class loader
 * cannot see JShell's loader, so every snippet class has to ship in the job jar, and the errors about it have to
 * speak of snippets, not of {@code REPL.$JShell$15}.
 *
 * <p>Three things are kept, process-wide (one shell, one JShell at a time):
 * <ul>
 *   <li>the <em>original</em> bytes of every snippet class, as javac made them: the shell weaves its copy (stop
 *       checks calling {@code ckpt.shell.SnippetGuard}), and a cluster has no SnippetGuard;</li>
 *   <li>per wrapper class, which snippet it came from (the number the user can count), its kind, the top-level
 *       variable it holds, and how its lines map to the snippet's lines (the offset differs by kind);</li>
 *   <li>a way to reach a loaded snippet class, for reflection on its fields.</li>
 * </ul>
 * {@link #clear()} starts over when the shell starts a new JShell (/reset, an engine restart): a new JShell names
 * its classes from {@code $JShell$1} again.
 */
public final class SnippetClasses {
    /** A wrapper class name at the start of any snippet class name (a redefinition adds letters: $JShell$3B). */
    private static final Pattern WRAPPER = Pattern.compile("^REPL\\.\\$JShell\\$\\d+[A-Z]*");

    /** What {@link #describe} recorded about one wrapper class. */
    record Wrapper(String snippet, String kind, String variable, int[] lines, String source) {
        /** The snippet's own line for a line of the wrapper's source, or 0 if that line is not the snippet's. */
        int line(int wrappedLine) {
            return wrappedLine > 0 && wrappedLine < lines.length ? lines[wrappedLine] : 0;
        }
    }

    private static final Object LOCK = new Object();
    /** Binary name → original bytes, in load order (a name loaded again moves to the end). */
    private static final Map<String, byte[]> CLASSES = new LinkedHashMap<>();
    private static final Map<String, Wrapper> WRAPPERS = new LinkedHashMap<>();
    private static volatile Function<String, Class<?>> lookup = name -> null;

    private SnippetClasses() {
    }

    /** A snippet class as JShell hands it to its execution engine, before the shell weaves it. */
    public static void loaded(String binaryName, byte[] original) {
        synchronized (LOCK) {
            CLASSES.remove(binaryName);
            CLASSES.put(binaryName, original.clone());
        }
    }

    /**
     * What a wrapper class holds: the snippet's label ("5": the fifth snippet of the session), its kind ("class",
     * "record", "method", "var", "expression"…), the top-level variable it declares (null unless a var; "$3" for
     * an expression's value), and for each line of the wrapper's source (index 1…) the snippet's line, or 0.
     */
    public static void describe(String wrapperClass, String snippetId, String kind, String variableName,
                                int[] wrappedLineToSnippetLine) {
        describe(wrapperClass, snippetId, kind, variableName, wrappedLineToSnippetLine, "");
    }

    /** As above, with the snippet's source: it tells which of several look-alike classes a pipeline used. */
    public static void describe(String wrapperClass, String snippetId, String kind, String variableName,
                                int[] wrappedLineToSnippetLine, String source) {
        synchronized (LOCK) {
            WRAPPERS.put(wrapperClass, new Wrapper(snippetId, kind, variableName,
                    wrappedLineToSnippetLine == null ? new int[0] : wrappedLineToSnippetLine.clone(),
                    source == null ? "" : source));
        }
    }

    /** How to get a loaded snippet class by binary name (null when there is none); JDK and app classes too. */
    public static void classLookup(Function<String, Class<?>> f) {
        lookup = f == null ? name -> null : f;
    }

    /**
     * The class loader that holds the snippet classes (the application's while none is loaded). Code that runs a
     * user's pipeline on another thread sets it as that thread's context class loader: Flink's type extraction
     * loads a lambda's class by name through it.
     */
    public static ClassLoader classLoader() {
        String last;
        synchronized (LOCK) {
            last = CLASSES.isEmpty() ? null : CLASSES.keySet().stream().reduce((a, b) -> b).orElse(null);
        }
        Class<?> c = last == null ? null : find(last);
        return c != null ? c.getClassLoader() : SnippetClasses.class.getClassLoader();
    }

    /** Forgets every class and wrapper: a new JShell starts naming its classes from the beginning again. */
    public static void clear() {
        synchronized (LOCK) {
            CLASSES.clear();
            WRAPPERS.clear();
        }
        lookup = name -> null;
    }

    /** Every snippet class's original bytes (the latest definition of each name), in load order. */
    public static Map<String, byte[]> all() {
        synchronized (LOCK) {
            Map<String, byte[]> out = new LinkedHashMap<>();
            CLASSES.forEach((k, v) -> out.put(k, v.clone()));
            return out;
        }
    }

    /**
     * The snippet a class came from, as the user reads it: "snippet 5" for the wrapper itself (top-level methods
     * and lambdas live there), "snippet 5, class Boom" for a class declared in it, "snippet 5, anonymous class"
     * for one created in it. Empty for a class that is not a snippet class, or one of a wrapper never described.
     */
    public static Optional<String> snippetOf(String className) {
        Optional<String> wrapper = wrapperOf(className);
        if (wrapper.isEmpty()) {
            return Optional.empty();
        }
        Wrapper w = wrapper(wrapper.get());
        if (w == null) {
            return Optional.empty();
        }
        String nested = nestedName(className);
        String label = "snippet " + w.snippet();
        return Optional.of(nested.isEmpty() ? label : label + ", " + typeLabel(nested, w.kind()));
    }

    /** The wrapper class a snippet class (or a lambda's hidden class) belongs to. */
    static Optional<String> wrapperOf(String className) {
        if (className == null) {
            return Optional.empty();
        }
        Matcher m = WRAPPER.matcher(className.replace('/', '.'));
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** The part of a snippet class name after its wrapper: "Boom", "Boom$1", "1", or "" for the wrapper. */
    static String nestedName(String className) {
        String dotted = className.replace('/', '.');
        Matcher m = WRAPPER.matcher(dotted);
        if (!m.find() || dotted.length() == m.end()) {
            return "";
        }
        return dotted.substring(m.end() + 1);
    }

    /** "class Boom", "record Point" (the snippet's own type), "anonymous class", "anonymous class in Boom". */
    static String typeLabel(String nested, String kind) {
        int lambda = nested.indexOf("$$Lambda");
        if (lambda >= 0 || nested.startsWith("$Lambda")) {
            return "lambda";
        }
        if (nested.startsWith("$JShell$anonymous$")) {
            return "anonymous class"; // JShell's name for an anonymous class in a var: var r = new Runnable() {…}
        }
        String[] parts = nested.split("\\$");
        String last = parts[parts.length - 1];
        boolean anonymous = !last.isEmpty() && last.chars().allMatch(Character::isDigit);
        if (anonymous) {
            return parts.length == 1 ? "anonymous class"
                    : "anonymous class in " + String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1));
        }
        String word = parts.length == 1 && kind != null && !kind.equals("var") && !kind.equals("expression")
                && !kind.equals("method") && !kind.equals("statement") ? kind : "class";
        return word + " " + String.join(".", parts);
    }

    static Wrapper wrapper(String wrapperClass) {
        synchronized (LOCK) {
            return WRAPPERS.get(wrapperClass);
        }
    }

    /** The original bytes of one snippet class, or null. */
    static byte[] bytes(String binaryName) {
        synchronized (LOCK) {
            return CLASSES.get(binaryName);
        }
    }

    /** The loaded class, or null (not a class this shell knows, or lookup not registered). */
    static Class<?> find(String binaryName) {
        try {
            return lookup.apply(binaryName);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /**
     * The wrapper holding a top-level variable of this name, if the static field {@code owner.name} is one: the
     * thing that is 0/null on a cluster, where the wrapper is loaded fresh and JShell never set it.
     */
    static Optional<Wrapper> variable(String owner, String name) {
        Wrapper w = wrapper(owner.replace('/', '.'));
        return w != null && name.equals(w.variable()) ? Optional.of(w) : Optional.empty();
    }
}
