package ckpt.usercode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * What snippet code does that cannot work on a cluster, found in its original bytecode: reading or writing a
 * top-level variable (a static field of a wrapper class, set by JShell in the shell's JVM and 0/null in a
 * freshly loaded wrapper), or using a class that only the shell has (the ckpt helpers, Tablesaw).
 *
 * <p>It starts from a whole class (every instance method of a function's class may be called by Flink, and its
 * static initializer runs where it is loaded) or from one method (a lambda's implementation), and follows what that code can reach inside snippet classes: methods it calls,
 * lambdas and method references it creates, snippet classes it instantiates. Code outside the snippets is not
 * followed: it is on the cluster's class path or it is not, and a snippet cannot change it.
 */
final class Reach {
    /** One thing found: what (a variable: its name, wrapper and type), where (class, method, wrapper line). */
    record Finding(Kind kind, String name, String owner, String descriptor, String inClass, String inMethod, int line) {
    }

    enum Kind { READS_VARIABLE, WRITES_VARIABLE, SHELL_CLASS }

    /** Classes the shell has and a cluster does not ({@code ckpt.job} ships with every job). */
    static boolean shellOnly(String internalName) {
        return internalName.startsWith("ckpt/") && !internalName.startsWith("ckpt/job/")
                || internalName.startsWith("tech/tablesaw/");
    }

    static boolean snippetClass(String internalName) {
        return internalName.startsWith("REPL/");
    }

    private record MethodRef(String owner, String name, String desc) {
    }

    /** One parsed method: what it touches, in order, each with its line; and whether it runs on its own there. */
    private record Body(List<Finding> findings, List<MethodRef> calls, List<String> instantiates, boolean entry) {
    }

    private record Parsed(String superName, List<String> shellTypes, Map<String, Body> methods) {
    }

    private final Map<String, Optional<Parsed>> parsed = new HashMap<>();
    private final Set<String> wholeClassesSeen = new HashSet<>();
    private final Set<MethodRef> methodsSeen = new HashSet<>();
    private final Deque<Object> work = new ArrayDeque<>();

    /** The first problem in everything a class's methods can reach (its snippet superclasses included). */
    static Optional<Finding> fromClass(String className) {
        Reach r = new Reach();
        r.work.add(className.replace('.', '/'));
        return r.run();
    }

    /** The first problem in everything one method can reach (a lambda's implementation). */
    static Optional<Finding> fromMethod(String className, String name, String desc) {
        Reach r = new Reach();
        r.work.add(new MethodRef(className.replace('.', '/'), name, desc));
        return r.run();
    }

    private Optional<Finding> run() {
        while (!work.isEmpty()) {
            Object next = work.poll();
            Optional<Finding> f = next instanceof MethodRef m ? method(m) : wholeClass((String) next);
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> wholeClass(String owner) {
        if (!wholeClassesSeen.add(owner)) {
            return Optional.empty();
        }
        Optional<Parsed> p = parse(owner);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        if (!p.get().shellTypes().isEmpty()) {
            return Optional.of(new Finding(Kind.SHELL_CLASS, p.get().shellTypes().get(0), null, null, owner, null, 0));
        }
        if (p.get().superName() != null && snippetClass(p.get().superName())) {
            work.add(p.get().superName());
        }
        for (Map.Entry<String, Body> m : p.get().methods().entrySet()) {
            if (!m.getValue().entry()) {
                continue; // constructors and static methods run where they are called: followed from there
            }
            int paren = m.getKey().indexOf('(');
            methodsSeen.add(new MethodRef(owner, m.getKey().substring(0, paren), m.getKey().substring(paren)));
            Optional<Finding> f = body(m.getValue());
            if (f.isPresent()) {
                return f;
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> method(MethodRef m) {
        // A virtual call may land in a snippet superclass: look up the chain of snippet classes.
        String owner = m.owner();
        while (owner != null && snippetClass(owner)) {
            if (!methodsSeen.add(new MethodRef(owner, m.name(), m.desc()))) {
                return Optional.empty();
            }
            Optional<Parsed> p = parse(owner);
            if (p.isEmpty()) {
                return Optional.empty();
            }
            Body b = p.get().methods().get(m.name() + m.desc());
            if (b != null) {
                return body(b);
            }
            owner = p.get().superName();
        }
        return Optional.empty();
    }

    private Optional<Finding> body(Body b) {
        if (!b.findings().isEmpty()) {
            // x++ reads and writes: the write is the worse news (the shell never sees it)
            return b.findings().stream().filter(f -> f.kind() == Kind.WRITES_VARIABLE).findFirst()
                    .or(() -> Optional.of(b.findings().get(0)));
        }
        for (MethodRef c : b.calls()) {
            work.add(c);
        }
        work.addAll(b.instantiates());
        return Optional.empty();
    }

    private Optional<Parsed> parse(String owner) {
        return parsed.computeIfAbsent(owner, o -> {
            byte[] bytes = SnippetClasses.bytes(o.replace('/', '.'));
            if (bytes == null) {
                return Optional.empty(); // not a class of this shell's JShell: nothing to follow
            }
            try {
                return Optional.of(read(bytes));
            } catch (RuntimeException e) {
                return Optional.empty(); // a class file newer than ASM reads: not analysed
            }
        });
    }

    private static Parsed read(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        String self = reader.getClassName();
        List<String> shellTypes = new ArrayList<>();
        Map<String, Body> methods = new LinkedHashMap<>();
        String[] superName = new String[1];
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public void visit(int version, int access, String name, String signature, String superN,
                              String[] interfaces) {
                superName[0] = superN;
                if (superN != null && shellOnly(superN)) {
                    shellTypes.add(superN);
                }
                for (String i : interfaces == null ? new String[0] : interfaces) {
                    if (shellOnly(i)) {
                        shellTypes.add(i);
                    }
                }
            }

            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                           Object value) {
                String t = elementType(Type.getType(descriptor));
                if (t != null && shellOnly(t) && (access & Opcodes.ACC_STATIC) == 0) {
                    shellTypes.add(t);
                }
                return null;
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                // What the cluster runs of an object it deserialized: its instance methods (Flink calls them)
                // and the static initializer (the class loads there). Not its constructors: the object was
                // built in the shell, and deserialization does not construct it again.
                boolean entry = name.equals("<clinit>")
                        || !name.equals("<init>") && (access & Opcodes.ACC_STATIC) == 0;
                Body body = new Body(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), entry);
                methods.put(name + descriptor, body);
                return new Scan(self, name, body);
            }
        }, ClassReader.SKIP_FRAMES);
        return new Parsed(superName[0], shellTypes, methods);
    }

    /** The class an array or object type names, or null for primitives. */
    private static String elementType(Type t) {
        Type e = t.getSort() == Type.ARRAY ? t.getElementType() : t;
        return e.getSort() == Type.OBJECT ? e.getInternalName() : null;
    }

    /** Collects, per method, what it touches and with which line. */
    private static final class Scan extends MethodVisitor {
        private final String self;
        private final String method;
        private final Body body;
        private int line;

        Scan(String self, String method, Body body) {
            super(Opcodes.ASM9);
            this.self = self;
            this.method = method;
            this.body = body;
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
        }

        private void type(String internalName) {
            String t = internalName.startsWith("[") ? elementType(Type.getType(internalName)) : internalName;
            if (t != null && shellOnly(t)) {
                body.findings().add(new Finding(Kind.SHELL_CLASS, t, null, null, self, method, line));
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            if ((opcode == Opcodes.GETSTATIC || opcode == Opcodes.PUTSTATIC)
                    && SnippetClasses.variable(owner, name).isPresent()) {
                Kind k = opcode == Opcodes.GETSTATIC ? Kind.READS_VARIABLE : Kind.WRITES_VARIABLE;
                body.findings().add(new Finding(k, name, owner, descriptor, self, method, line));
                return;
            }
            type(owner);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean itf) {
            type(owner);
            if (snippetClass(owner)) {
                body.calls().add(new MethodRef(owner, name, descriptor));
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            type(type);
            if (opcode == Opcodes.NEW && snippetClass(type)) {
                body.instantiates().add(type);
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            if (value instanceof Type t && t.getSort() == Type.OBJECT) {
                type(t.getInternalName());
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm, Object... args) {
            for (Object a : args) {
                if (a instanceof Handle h) {
                    type(h.getOwner());
                    if (snippetClass(h.getOwner())) {
                        body.calls().add(new MethodRef(h.getOwner(), h.getName(), h.getDesc()));
                    }
                }
            }
        }
    }
}
