package convkit.jupyter;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.CompletableFuture;

import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The kernel's Java agent ({@code -javaagent:target/convkit.jar}, in the kernelspec): patches
 * {@code java.lang.Runtime.exit(int)} and {@code halt(int)} (which {@code System.exit} calls) so that, on a thread of
 * a cell ({@link CellThreadGroup}), they throw {@link ExitBlocked} instead of ending the JVM. This covers what
 * rewriting the cells' own bytecode ({@link CellInstrumenter}) cannot see: library code, reflection and method handles
 * called from a cell or from a thread it started. Every other thread (the kernel's own shutdown) exits normally.
 *
 * <p>The patch inserts, at the start of both methods, the equivalent of
 * <pre>{@code
 * ThreadGroup g = Thread.currentThread().getThreadGroup();
 * if (g instanceof ObjIntConsumer) ((ObjIntConsumer) g).accept("Runtime.exit", status);
 * }</pre>
 * using JDK types only (code in {@code java.lang} cannot see the kernel's classes). It is applied on a background
 * thread so the kernel's start is not delayed; the kernel waits for it before running the first cell.
 */
public final class ExitAgent {

    private static volatile CompletableFuture<Boolean> patched;

    private ExitAgent() {
    }

    public static void premain(String args, Instrumentation inst) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        patched = done;
        Thread t = new Thread(() -> {
            try {
                done.complete(patch(inst));
            } catch (Throwable e) {
                KernelLog.warn("could not patch Runtime.exit/halt (System.exit in library code will end the kernel)", e);
                done.complete(false);
            }
        }, "convkit-exit-agent");
        t.setDaemon(true);
        t.start();
    }

    /** Whether Runtime.exit/halt are patched: waits for the agent; false when the JVM runs without it. */
    static boolean awaitPatched() {
        CompletableFuture<Boolean> p = patched;
        return p != null && p.join();
    }

    private static boolean patch(Instrumentation inst) throws Exception {
        if (!inst.isRetransformClassesSupported()) {
            return false;
        }
        boolean[] applied = new boolean[1];
        ClassFileTransformer transformer = new ClassFileTransformer() {
            @Override
            public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                    ProtectionDomain domain, byte[] classFile) {
                if (!"java/lang/Runtime".equals(name)) {
                    return null;
                }
                byte[] out = patchRuntime(classFile);
                applied[0] = true;
                return out;
            }
        };
        inst.addTransformer(transformer, true);
        try {
            inst.retransformClasses(Runtime.class);
        } finally {
            inst.removeTransformer(transformer);
        }
        return applied[0];
    }

    static byte[] patchRuntime(byte[] classFile) {
        return CellInstrumenter.rewriteMethods(classFile, (access, name, descriptor, mv) -> {
            boolean target = (access & Opcodes.ACC_STATIC) == 0 && "(I)V".equals(descriptor)
                    && ("exit".equals(name) || "halt".equals(name));
            return target ? new AskTheCell(mv, "Runtime." + name) : mv;
        });
    }

    /** The check inserted at the start of {@code Runtime.exit}/{@code halt}. */
    private static final class AskTheCell extends MethodVisitor {
        private final String how;

        AskTheCell(MethodVisitor mv, String how) {
            super(Opcodes.ASM9, mv);
            this.how = how;
        }

        @Override
        public void visitCode() {
            super.visitCode();
            Label notACell = new Label();
            super.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Thread", "currentThread", "()Ljava/lang/Thread;", false);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/Thread", "getThreadGroup",
                    "()Ljava/lang/ThreadGroup;", false);
            super.visitInsn(Opcodes.DUP);
            super.visitTypeInsn(Opcodes.INSTANCEOF, "java/util/function/ObjIntConsumer");
            super.visitJumpInsn(Opcodes.IFEQ, notACell);
            super.visitInsn(Opcodes.DUP);
            super.visitTypeInsn(Opcodes.CHECKCAST, "java/util/function/ObjIntConsumer");
            super.visitLdcInsn(how);
            super.visitVarInsn(Opcodes.ILOAD, 1);
            super.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/util/function/ObjIntConsumer", "accept",
                    "(Ljava/lang/Object;I)V", true);
            super.visitLabel(notACell);
            // same locals as at entry, the thread group on the stack
            super.visitFrame(Opcodes.F_SAME1, 0, null, 1, new Object[] {"java/lang/ThreadGroup"});
            super.visitInsn(Opcodes.POP);
        }
    }
}
