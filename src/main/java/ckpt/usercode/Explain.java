package ckpt.usercode;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.InvalidProgramException;

/**
 * Flink's "is not serializable" while a pipeline is being built, in the user's terms. Flink 2.3's ClosureCleaner
 * says {@code The implementation of the KeyedProcessFunction is not serializable} (the function's Flink
 * supertype, not its class) or {@code <object> is not serializable}, with a {@code NotSerializableException}
 * naming the culprit's class as its cause; or, when the culprit is a JDK object whose module is not opened, the
 * RECURSIVE cleaner's {@code InaccessibleObjectException} naming the culprit's class. The function object itself
 * is gone by then; what is left is its
 * class: named in the message, or found among the snippet classes of that Flink type, newest first. Its fields
 * are searched, by declared type, for one that can hold the culprit.
 */
final class Explain {
    private static final Pattern NAMED = Pattern.compile("REPL\\.\\$JShell\\$[\\w$]+");
    /** "Unable to make field final T jdk.internal.net.http.HttpClientFacade.impl accessible: …": the class. */
    private static final Pattern INACCESSIBLE = Pattern.compile("Unable to make field .*?([\\w.$]+)\\.[\\w$]+ accessible");
    private static final Pattern IMPLEMENTATION = Pattern.compile("The implementation of the (\\w+) is not serializable");

    private Explain() {
    }

    static Optional<String> notSerializable(Throwable t, String role) {
        Throwable flink = null;
        String offending = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (flink == null && c instanceof InvalidProgramException) {
                flink = c;
            } else if (flink != null && c instanceof NotSerializableException n) {
                offending = String.valueOf(n.getMessage()).strip();
                break;
            } else if (c instanceof java.lang.reflect.InaccessibleObjectException && fromClosureCleaner(c)) {
                // The RECURSIVE cleaner (Flink's default) digs into the fields of what it cannot serialize; on
                // a JDK class whose module is not opened that fails before its own "is not serializable".
                Matcher m = INACCESSIBLE.matcher(String.valueOf(c.getMessage()));
                if (m.find()) {
                    flink = c;
                    offending = m.group(1);
                }
                break;
            }
        }
        if (flink == null || offending == null) {
            return Optional.empty();
        }
        String msg = String.valueOf(flink.getMessage());
        Class<?> offendingClass = load(offending);
        String flinkType = null;
        List<Class<?>> candidates = new ArrayList<>();
        Matcher named = NAMED.matcher(msg);
        Matcher impl = IMPLEMENTATION.matcher(msg);
        if (!(flink instanceof java.lang.reflect.InaccessibleObjectException) && named.find()) {
            // "<object> is not serializable": the function, or (RECURSIVE cleaner) the culprit itself
            Class<?> c = named.group().contains("$$Lambda") ? null : SnippetClasses.find(named.group());
            if (c != null && c != offendingClass) {
                candidates.add(c);
            }
        } else if (impl.find()) {
            flinkType = impl.group(1);
        }
        List<Class<?>> apiTypes = flinkType == null ? functionTypesOfCaller(flink) : List.of();
        for (Class<?> c : snippetClassesOfType(flinkType)) {
            if (apiTypes.isEmpty() || apiTypes.stream().anyMatch(a -> a.isAssignableFrom(c))) {
                candidates.add(c);
            }
        }
        // Several snippet classes may fit: those the failing snippet names come first, then a direct field
        // before a nested one, a precise type before Object, the newest class first.
        String source = source(flink);
        List<Class<?>> ordered = new ArrayList<>();
        candidates.stream().filter(c -> mentions(source, c)).forEach(ordered::add);
        candidates.stream().filter(c -> !ordered.contains(c)).forEach(ordered::add);
        for (boolean loose : new boolean[] {false, true}) {
            for (int depth : new int[] {0, 3}) {
                for (Class<?> c : ordered) {
                    Optional<String> field = field(c, offendingClass, "", 3 - depth, loose);
                    if (field.isPresent()) {
                        return Optional.of(role + " (" + UserCode.labelOf(c) + "): " + field.get());
                    }
                }
            }
        }
        // A lambda (its class is hidden and has no fields to show): name where it was handed to Flink.
        String where = where(flink).orElse("");
        String shown = offendingClass != null ? UserCode.display(offendingClass) : offending;
        String what = flinkType != null ? "the " + flinkType : "a function";
        return Optional.of(role + (where.isEmpty() ? "" : " (" + where + ")") + ": " + what
                + (where.isEmpty() ? "" : " given there") + " captures or holds a " + shown
                + ", which is not serializable — create it in open() of a function class instead of capturing it");
    }

    /**
     * The function types the Flink method that cleaned the function takes ({@code DataStream.map} takes a
     * MapFunction): found by reflection from the first frame below Flink's clean() calls. Empty if unknown.
     */
    private static List<Class<?>> functionTypesOfCaller(Throwable t) {
        StackTraceElement[] st = t.getStackTrace();
        int i = 0;
        while (i < st.length && !st[i].getClassName().equals("org.apache.flink.api.java.ClosureCleaner")) {
            i++;
        }
        while (i < st.length && (st[i].getClassName().equals("org.apache.flink.api.java.ClosureCleaner")
                || st[i].getMethodName().equals("clean"))) {
            i++;
        }
        List<Class<?>> out = new ArrayList<>();
        if (i >= st.length || !st[i].getClassName().startsWith("org.apache.flink.")) {
            return out;
        }
        try {
            Class<?> api = Class.forName(st[i].getClassName(), false, Explain.class.getClassLoader());
            for (java.lang.reflect.Method m : api.getMethods()) {
                if (m.getName().equals(st[i].getMethodName())) {
                    for (Class<?> p : m.getParameterTypes()) {
                        if (org.apache.flink.api.common.functions.Function.class.isAssignableFrom(p)
                                || p.getName().equals("org.apache.flink.api.java.functions.KeySelector")) {
                            out.add(p);
                        }
                    }
                }
            }
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            out.clear();
        }
        return out;
    }

    private static boolean fromClosureCleaner(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals("org.apache.flink.api.java.ClosureCleaner")) {
                return true;
            }
        }
        return false;
    }

    /** Snippet classes that extend or implement the Flink type of that simple name (any Flink function if null), newest first. */
    private static List<Class<?>> snippetClassesOfType(String simpleName) {
        List<String> names = new ArrayList<>(SnippetClasses.all().keySet());
        List<Class<?>> out = new ArrayList<>();
        for (int i = names.size() - 1; i >= 0; i--) {
            Class<?> c = SnippetClasses.find(names.get(i));
            if (c != null && (simpleName == null
                    ? org.apache.flink.api.common.functions.Function.class.isAssignableFrom(c)
                    : hasSupertype(c, simpleName))) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean hasSupertype(Class<?> c, String simpleName) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (k != c && k.getSimpleName().equals(simpleName) && k.getName().startsWith("org.apache.flink")) {
                return true;
            }
            for (Class<?> i : k.getInterfaces()) {
                if (i.getSimpleName().equals(simpleName) && i.getName().startsWith("org.apache.flink")
                        || hasSupertype(i, simpleName)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The field path of a field whose declared type can hold the culprit (strict: not declared as Object), or
     * one whose declared type is not serializable when the culprit's class cannot be loaded (a lambda).
     */
    private static Optional<String> field(Class<?> c, Class<?> culprit, String prefix, int depth, boolean loose) {
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            if (!k.getName().startsWith("REPL.") && k != c) {
                break; // Flink's own base classes hold nothing of the user's
            }
            for (Field f : k.getDeclaredFields()) {
                int mod = f.getModifiers();
                Class<?> t = f.getType();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || t.isPrimitive()) {
                    continue;
                }
                boolean holds = culprit != null ? t.isAssignableFrom(culprit) && (loose || t != Object.class)
                        : !Serializable.class.isAssignableFrom(t) && (loose || t != Object.class);
                String path = prefix + f.getName();
                if (holds) {
                    String type = UserCode.display(t);
                    String advice = t.getName().startsWith("REPL.")
                            ? "make " + type + " implement java.io.Serializable, or mark the field transient and "
                            + "create it in open()"
                            : "mark it transient and create it in open()";
                    return Optional.of("field '" + path + "' (" + (t.getName().startsWith("REPL.") ? "class " : "")
                            + type + ") is not serializable — " + advice);
                }
                if (t.getName().startsWith("REPL.") && depth < 3) {
                    Optional<String> inner = field(t, culprit, path + ".", depth + 1, loose);
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The source of the snippet that handed the function to Flink (its top snippet frame), or "". */
    private static String source(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("REPL.")) {
                return SnippetClasses.wrapperOf(e.getClassName()).map(SnippetClasses::wrapper)
                        .map(SnippetClasses.Wrapper::source).orElse("");
            }
        }
        return "";
    }

    private static boolean mentions(String source, Class<?> c) {
        String simple = c.getSimpleName();
        return !simple.isEmpty() && Pattern.compile("\\b" + Pattern.quote(simple) + "\\b").matcher(source).find();
    }

    /** "snippet 9, line 2": the user's line that handed the function to Flink (top snippet frame). */
    private static Optional<String> where(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("REPL.")) {
                return Traces.where(e.getClassName(), Math.max(0, e.getLineNumber()));
            }
        }
        return Optional.empty();
    }

    private static Class<?> load(String name) {
        Class<?> c = SnippetClasses.find(name);
        if (c != null) {
            return c;
        }
        try {
            return Class.forName(name, false, Explain.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
