package convkit.jupyter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the bytecode of the classes JShell compiles from cells, before they are loaded
 * ({@link CellExecutionControl#load}):
 * <ul>
 *   <li>a call to {@link CellGuard#check()} at the start of every method and before every backward jump (every loop
 *       iteration), as JDK 21+'s own local JShell engine does;</li>
 *   <li>a call to {@link CellGuard#caught(Throwable)} at the start of every typed {@code catch} block, so that
 *       {@code catch (Throwable t)} cannot swallow an interrupt ({@code finally} blocks run as usual);</li>
 *   <li>{@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt} (calls and method references) redirected to
 *       {@link CellGuard}, which ends the cell instead of the JVM.</li>
 * </ul>
 * No instruction is inserted at a jump target and the stack is left as it was, so the existing stack map frames stay
 * valid and no class has to be loaded to rewrite one. It also reports the static reference fields each class declares
 * (JShell keeps a cell's variables in them), see {@link #staticReferenceFields}.
 */
final class CellInstrumenter {

    private static final String GUARD = CellGuard.class.getName().replace('.', '/');

    private CellInstrumenter() {
    }

    /** Wraps the visitor of one method (or returns it as it is). */
    interface MethodRewriter {
        MethodVisitor rewrite(int access, String name, String descriptor, MethodVisitor mv);
    }

    /**
     * {@code classFile} with its methods passed through {@code rewriter}; stack sizes are recomputed, stack map frames
     * are kept as they are (the rewriters insert no jump target where a frame would be needed, or write it).
     */
    static byte[] rewriteMethods(byte[] classFile, MethodRewriter rewriter) {
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                    String[] exceptions) {
                return rewriter.rewrite(access, name, descriptor,
                        super.visitMethod(access, name, descriptor, signature, exceptions));
            }
        }, 0);
        return writer.toByteArray();
    }

    /** The rewritten class file. */
    static byte[] instrument(byte[] classFile) {
        return rewriteMethods(classFile, (access, name, descriptor, mv) ->
                (access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0 ? mv : new Guarded(mv));
    }

    /** Names of the static fields of reference or array type that {@code classFile} declares. */
    static List<String> staticReferenceFields(byte[] classFile) {
        List<String> fields = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String descriptor, String signature, Object value) {
                if ((access & Opcodes.ACC_STATIC) != 0 && (descriptor.startsWith("L") || descriptor.startsWith("["))) {
                    fields.add(name);
                }
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return fields;
    }

    private static final class Guarded extends MethodVisitor {
        private final Set<Label> seen = new HashSet<>();
        private final Set<Label> catchHandlers = new HashSet<>();
        private boolean handlerStarts;

        Guarded(MethodVisitor mv) {
            super(Opcodes.ASM9, mv);
        }

        private void check() {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "check", "()V", false);
        }

        /** Before the first instruction of a catch block (after its label and frame): rethrow stop signals. */
        private void beforeInstruction() {
            if (handlerStarts) {
                handlerStarts = false;
                super.visitInsn(Opcodes.DUP);
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "caught", "(Ljava/lang/Throwable;)V", false);
            }
        }

        @Override
        public void visitCode() {
            super.visitCode();
            check();
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            if (type != null) {
                catchHandlers.add(handler);
            }
            super.visitTryCatchBlock(start, end, handler, type);
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            seen.add(label);
            if (catchHandlers.contains(label)) {
                handlerStarts = true;
            }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            beforeInstruction();
            if (seen.contains(label)) {
                check();
            }
            super.visitJumpInsn(opcode, label);
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            beforeInstruction();
            if (anySeen(dflt, labels)) {
                check();
            }
            super.visitTableSwitchInsn(min, max, dflt, labels);
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            beforeInstruction();
            if (anySeen(dflt, labels)) {
                check();
            }
            super.visitLookupSwitchInsn(dflt, keys, labels);
        }

        private boolean anySeen(Label dflt, Label[] labels) {
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
            beforeInstruction();
            if (opcode == Opcodes.INVOKESTATIC && "java/lang/System".equals(owner) && "exit".equals(name)
                    && "(I)V".equals(descriptor)) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "systemExit", "(I)V", false);
                return;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && "java/lang/Runtime".equals(owner) && "(I)V".equals(descriptor)
                    && ("exit".equals(name) || "halt".equals(name))) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, GUARD, "exit".equals(name) ? "runtimeExit" : "runtimeHalt",
                        "(Ljava/lang/Runtime;I)V", false);
                return;
            }
            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, Handle bootstrap, Object... args) {
            beforeInstruction();
            Object[] rewritten = args.clone();
            for (int i = 0; i < rewritten.length; i++) {
                rewritten[i] = redirect(rewritten[i]);
            }
            super.visitInvokeDynamicInsn(name, descriptor, bootstrap, rewritten);
        }

        @Override
        public void visitLdcInsn(Object value) {
            beforeInstruction();
            super.visitLdcInsn(redirect(value));
        }

        /** {@code System::exit}, {@code Runtime::exit}, {@code Runtime::halt} as method handles. */
        private static Object redirect(Object constant) {
            if (!(constant instanceof Handle)) {
                return constant;
            }
            Handle h = (Handle) constant;
            if (h.getTag() == Opcodes.H_INVOKESTATIC && "java/lang/System".equals(h.getOwner())
                    && "exit".equals(h.getName()) && "(I)V".equals(h.getDesc())) {
                return new Handle(Opcodes.H_INVOKESTATIC, GUARD, "systemExit", "(I)V", false);
            }
            if (h.getTag() == Opcodes.H_INVOKEVIRTUAL && "java/lang/Runtime".equals(h.getOwner())
                    && "(I)V".equals(h.getDesc()) && ("exit".equals(h.getName()) || "halt".equals(h.getName()))) {
                return new Handle(Opcodes.H_INVOKESTATIC, GUARD,
                        "exit".equals(h.getName()) ? "runtimeExit" : "runtimeHalt", "(Ljava/lang/Runtime;I)V", false);
            }
            return constant;
        }

        @Override
        public void visitInsn(int opcode) {
            beforeInstruction();
            super.visitInsn(opcode);
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            beforeInstruction();
            super.visitIntInsn(opcode, operand);
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            beforeInstruction();
            super.visitVarInsn(opcode, varIndex);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            beforeInstruction();
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            beforeInstruction();
            super.visitFieldInsn(opcode, owner, name, descriptor);
        }

        @Override
        public void visitIincInsn(int varIndex, int increment) {
            beforeInstruction();
            super.visitIincInsn(varIndex, increment);
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            beforeInstruction();
            super.visitMultiANewArrayInsn(descriptor, numDimensions);
        }
    }
}
