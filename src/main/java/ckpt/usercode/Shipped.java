package ckpt.usercode;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.invoke.SerializedLambda;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Java serialization really ships of an object: every snippet object and every snippet lambda in it,
 * seen as the job's own serialization sees them (writeReplace applied, so a lambda arrives as its
 * {@link SerializedLambda}; custom writeObject methods and transient fields honoured). The bytes go nowhere.
 */
final class Shipped {
    /** A snippet object or lambda found inside what is shipped. */
    record Unit(Object object) {
        boolean lambda() {
            return object instanceof SerializedLambda;
        }

        /** The class whose code runs: the object's class, or the class holding a lambda's implementation. */
        String codeClass() {
            if (object instanceof SerializedLambda l) {
                String impl = l.getImplClass().replace('/', '.');
                return Reach.snippetClass(l.getImplClass()) ? impl : l.getCapturingClass().replace('/', '.');
            }
            return object.getClass().getName();
        }
    }

    /** The outcome: the units found, or the exception serialization threw (the units seen until then). */
    record Result(List<Unit> units, IOException failure) {
    }

    private Shipped() {
    }

    /** Serializes each root into nothing, collecting the snippet units inside all of them. */
    static Result of(Iterable<?> roots) {
        Collector out;
        try {
            out = new Collector();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (out) {
            for (Object root : roots) {
                if (root != null) {
                    out.writeObject(root);
                }
            }
            return new Result(out.units, null);
        } catch (IOException e) {
            return new Result(out.units, e);
        } catch (RuntimeException e) {
            // a writeObject/writeReplace that throws unchecked: the job's serialization would fail the same way
            return new Result(out.units, new NotSerializableException(e.toString()));
        }
    }

    private static final class Collector extends ObjectOutputStream {
        final List<Unit> units = new ArrayList<>();
        final Map<Object, Boolean> seen = new IdentityHashMap<>();

        Collector() throws IOException {
            super(OutputStream.nullOutputStream());
            enableReplaceObject(true);
        }

        @Override
        protected Object replaceObject(Object obj) {
            if (seen.put(obj, Boolean.TRUE) == null) {
                if (obj instanceof SerializedLambda l) {
                    if (Reach.snippetClass(l.getImplClass()) || Reach.snippetClass(l.getCapturingClass())) {
                        units.add(new Unit(obj));
                    }
                } else if (obj.getClass().getName().startsWith("REPL.")) {
                    units.add(new Unit(obj));
                }
            }
            return obj;
        }
    }
}
