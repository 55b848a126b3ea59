package ckpt.usercode;

import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.Type;

/**
 * Where in an object graph the thing is that Java serialization refused. Serialization itself only says the
 * class ({@code NotSerializableException: jdk.internal.net.http.HttpClientFacade}); a user needs the field. This
 * walks the graph the way serialization does (non-static, non-transient fields of serializable classes; the
 * elements of collections, maps and arrays; a lambda's captured values) and returns the path to the first object
 * of that class, from the outermost snippet object or lambda on the way ({@code helper.client}).
 */
final class Unserializable {
    /** Enough for any function a user writes; a graph bigger than this is reported without a path. */
    private static final int MAX_OBJECTS = 200_000;

    /**
     * What was found. {@code owner}: the outermost snippet object or {@link SerializedLambda} above it (null if
     * none); {@code path}: field names from the owner down, {@code #2} for a lambda's second captured value, {@code
     * [3]} for an element ("" when the owner itself is the culprit); {@code declared}: the declared type of the
     * last field or captured value (null for elements and the owner); {@code captured}: the last step is a
     * captured value.
     */
    record Problem(Object owner, String path, Class<?> declared, Class<?> actual, boolean captured) {
    }

    private final String offending;
    private final Map<Object, Boolean> seen = new IdentityHashMap<>();

    private Unserializable(String offending) {
        this.offending = offending;
    }

    /**
     * The path to the first non-serializable object in the graph under {@code root} whose class is
     * {@code offendingClass} (any non-serializable object if null).
     */
    static Optional<Problem> find(Object root, String offendingClass) {
        Unserializable u = new Unserializable(offendingClass);
        return Optional.ofNullable(u.visit(root, null, "", null, false));
    }

    private Problem visit(Object o, Object owner, String path, Class<?> declared, boolean captured) {
        if (o == null || seen.size() > MAX_OBJECTS || seen.put(o, Boolean.TRUE) != null) {
            return null;
        }
        Class<?> c = o.getClass();
        if (c.isArray()) {
            if (c.getComponentType().isPrimitive()) {
                return null;
            }
            Object[] a = (Object[]) o;
            for (int i = 0; i < a.length; i++) {
                Problem p = visit(a[i], owner, path + "[" + i + "]", null, false);
                if (p != null) {
                    return p;
                }
            }
            return null;
        }
        if (!(o instanceof Serializable)) {
            if (offending == null || c.getName().equals(offending)) {
                return new Problem(owner, path, declared, c, captured);
            }
            return null; // serialization did not stop here (a custom writeObject skips it, or it came later)
        }
        if (c.isSynthetic() && c.getName().contains("$$Lambda")) {
            return lambda(o, owner, path);
        }
        if (owner == null && c.getName().startsWith("REPL.")) {
            owner = o; // paths are told from the outermost snippet object: the user's function
            path = "";
        }
        if (o instanceof Collection<?> coll) {
            return elements(new ArrayList<>(coll), owner, path);
        }
        if (o instanceof Map<?, ?> m) {
            List<Object> all = new ArrayList<>();
            m.forEach((k, v) -> {
                all.add(k);
                all.add(v);
            });
            return elements(all, owner, path);
        }
        for (Class<?> k = c; k != null && Serializable.class.isAssignableFrom(k); k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.getType().isPrimitive()) {
                    continue;
                }
                Object v;
                try {
                    f.setAccessible(true);
                    v = f.get(o);
                } catch (RuntimeException | IllegalAccessException e) {
                    continue; // a JDK internal this JVM does not open: serialization's own business
                }
                Problem p = visit(v, owner, path.isEmpty() ? f.getName() : path + "." + f.getName(), f.getType(),
                        false);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private Problem elements(List<Object> all, Object owner, String path) {
        for (int i = 0; i < all.size(); i++) {
            Problem p = visit(all.get(i), owner, path + "[" + i + "]", null, false);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** A serializable lambda: its captured values, typed by its implementation method's parameters. */
    private Problem lambda(Object o, Object owner, String path) {
        SerializedLambda l = serialized(o);
        if (l == null) {
            return null;
        }
        boolean snippet = Reach.snippetClass(l.getImplClass()) || Reach.snippetClass(l.getCapturingClass());
        boolean outermost = snippet && owner == null;
        Object newOwner = outermost ? l : owner;
        String base = outermost ? "" : path;
        Type[] params = Type.getArgumentTypes(l.getImplMethodSignature());
        for (int i = 0; i < l.getCapturedArgCount(); i++) {
            Class<?> declared = i < params.length ? classOf(params[i]) : null;
            String step = base.isEmpty() ? "#" + (i + 1) : base + ".#" + (i + 1);
            Problem p = visit(l.getCapturedArg(i), newOwner, step, declared, true);
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    /** A serializable lambda's {@link SerializedLambda} (from its private writeReplace), or null. */
    static SerializedLambda serialized(Object lambda) {
        try {
            Method m = lambda.getClass().getDeclaredMethod("writeReplace");
            m.setAccessible(true);
            Object r = m.invoke(lambda);
            return r instanceof SerializedLambda l ? l : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> classOf(Type t) {
        if (t.getSort() != Type.OBJECT) {
            return null;
        }
        Class<?> c = SnippetClasses.find(t.getClassName());
        if (c != null) {
            return c;
        }
        try {
            return Class.forName(t.getClassName(), false, Unserializable.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }
}
