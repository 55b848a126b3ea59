package ckpt.shell;

import java.util.HashSet;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of snippet classes as JShell loads them (the way JDK 22+'s own local engine weaves stop
 * checks, but with ASM so it works from Java 17 on):
 * <ul>
 *   <li>a call to {@link SnippetGuard#check()} at every method entry and before every backward jump, so a loop
 *       ends when Ctrl-C raises the stop flag, even one that catches every Throwable;</li>
 *   <li>{@code System.exit(int)}, {@code Runtime.exit(int)} and {@code Runtime.halt(int)} — calls and method
 *       references ({@code System::exit}) — go to {@link SnippetGuard}, which stops the snippet instead of the
 *       JVM that holds the user's variables and runs.</li>
 * </ul>
 * Only snippet code is woven: a loop inside a library ignores the flag (Ctrl-C then offers to restart the engine).
 * Exit by reflection is not caught.
 */
final class SnippetWeaver {
    static final String GUARD = "ckpt/shell/SnippetGuard";
    private static final String SYSTEM = "java/lang/System";
    private static final String RUNTIME = "java/lang/Runtime";
    private static final String EXIT_DESC = "(I)V";
    private static final String RUNTIME_EXIT_DESC = "(Ljava/lang/Runtime;I)V";

    private SnippetWeaver() {
    }

    /**
     * The woven class, or the bytes unchanged when ASM cannot read them (a class file newer than it knows): the
     * snippet still runs, only without stop checks.
     */
    static byte[] weave(byte[] classFile) {
        try {
            ClassReader reader = new ClassReader(classFile);
            // Frames are kept as they are: the inserted calls take and leave nothing on the stack.
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new Checks(super.visitMethod(access, name, descriptor, signature, exceptions));
                }
            }, 0);
            return writer.toByteArray();
        } catch (RuntimeException e) {
            return classFile;
        }
    }

    private static final class Checks extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();

        Checks(MethodVisitor next) {
            super(Opcodes.ASM9, next);
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "check", "()V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitLabel(Label label) {
            seen.add(label);
            super.visitLabel(label);
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            if (seen.contains(label)) {
                check(); // a backward jump: a loop
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            if (backward(dflt, labels)) {
                check();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            if (backward(dflt, labels)) {
                check();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean backward(Label dflt, Label[] labels) {
            if (seen.contains(dflt)) {
                return true;
            }
            for (Label l : labels) {
                if (seen.contains(l)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (opcode == Opcodes.INVOKESTATIC && owner.equals(SYSTEM) && name.equals("exit")
                    && descriptor.equals(EXIT_DESC)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "exit", EXIT_DESC, false);
            } else if (opcode == Opcodes.INVOKEVIRTUAL && owner.equals(RUNTIME)
                    && (name.equals("exit") || name.equals("halt")) && descriptor.equals(EXIT_DESC)) {
                // the Runtime and the status are on the stack: a static (Runtime, int) takes them as they are
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, name, RUNTIME_EXIT_DESC, false);
            } else {
                super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
            }
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            Object[] out = args.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof Handle h) {
                    out[i] = redirect(h);
                }
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, out);
        }

        /** {@code System::exit} and {@code runtime::exit} as method references. */
        private static Handle redirect(Handle h) {
            if (h.getTag() == Opcodes.H_INVOKESTATIC && h.getOwner().equals(SYSTEM) && h.getName().equals("exit")
                    && h.getDesc().equals(EXIT_DESC)) {
                return new Handle(Opcodes.H_INVOKESTATIC, GUARD, "exit", EXIT_DESC, false);
            }
            if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && h.getOwner().equals(RUNTIME)
                    && (h.getName().equals("exit") || h.getName().equals("halt")) && h.getDesc().equals(EXIT_DESC)) {
                return new Handle(Opcodes.H_INVOKESTATIC, GUARD, h.getName(), RUNTIME_EXIT_DESC, false);
            }
            return h;
        }
    }
}
