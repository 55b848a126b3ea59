package ckpt.shell;

import ckpt.report.Capture;
import ckpt.usercode.SnippetClasses;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * In-process execution of snippets. Like JShell's own "local" engine (snippet classes are loaded by a child of
 * the application class loader, so the ckpt helpers and Flink are shared with the shell), but it also keeps
 * what the text protocol of {@link ExecutionControl} throws away: the value object of the last invocation (so a
 * Table or a Run can be displayed richly), the real exception (for root causes and /trace), whether the snippet
 * was stopped, and — when asked — the artifacts captured on the snippet thread for an HTML report.
 *
 * <p>Each invocation runs on its own thread. Snippet classes are woven as they load ({@link SnippetWeaver}):
 * {@link #stop()} raises the {@link SnippetGuard} flag that the snippet's loops check, and interrupts the thread
 * (for sleeps and waits). No {@code Thread.stop}: it throws from JDK 20 on, and it could leave a half-updated
 * object behind. A snippet stuck in library code that ignores both can be {@link #abandon()}ed: the caller gets
 * control back and starts a fresh engine; the stuck thread is a daemon and is left behind.
 */
final class SnippetControl extends DirectExecutionControl {
    private static final ThreadGroup SNIPPETS = new ThreadGroup("ckpt-snippets");

    private final Object lock = new Object();
    private Thread running;
    private volatile boolean stopped;
    private volatile Object lastValue;
    private volatile Throwable lastThrown;
    private volatile boolean capture;
    private volatile Integer exitStatus;
    private volatile java.util.concurrent.CountDownLatch released;
    private volatile boolean abandoned;
    private volatile boolean unwoven;
    /** Ctrl-C came while the snippet was still being compiled: it is stopped before it starts. */
    private volatile boolean stopBeforeStart;
    private final List<Object> captured = new ArrayList<>();
    private volatile java.util.function.Consumer<String> beforeInvoke;

    /** The provider handed to {@code JShell.builder().executionEngine(...)}; keeps the control it generated. */
    static final class Provider implements ExecutionControlProvider {
        private volatile SnippetControl control;

        @Override
        public String name() {
            return "ckpt-local";
        }

        @Override
        public Map<String, String> defaultParameters() {
            return Map.of();
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new SnippetControl();
            return control;
        }

        SnippetControl control() {
            return control;
        }
    }

    /** Forgets the previous invocation's value, exception and stop flag. */
    void clear() {
        lastValue = null;
        lastThrown = null;
        stopped = false;
        exitStatus = null;
        stopBeforeStart = false;
    }

    /** The status the last snippet passed to System.exit (which stopped the snippet, not the shell), or null. */
    Integer exitStatus() {
        return exitStatus;
    }

    /** Whether a snippet was abandoned: this engine cannot be used any more. */
    boolean abandoned() {
        return abandoned;
    }

    /** Whether a class could not be woven (a JDK newer than ASM knows): Ctrl-C cannot end its loops. */
    boolean unwoven() {
        return unwoven;
    }

    /**
     * Snippet classes are woven before they are defined: stop checks, System.exit redirected. The original bytes
     * are kept first ({@link SnippetClasses}): a job ships them to a cluster, which has no SnippetGuard.
     */
    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException,
            EngineTerminationException {
        ClassBytecodes[] woven = new ClassBytecodes[cbcs.length];
        for (int i = 0; i < cbcs.length; i++) {
            if (!abandoned) {
                SnippetClasses.loaded(cbcs[i].name(), cbcs[i].bytecodes());
            }
            byte[] bytes = SnippetWeaver.weave(cbcs[i].bytecodes());
            unwoven |= bytes == cbcs[i].bytecodes();
            woven[i] = new ClassBytecodes(cbcs[i].name(), bytes);
        }
        super.load(woven);
    }

    /** A class as the snippets see it (snippet classes, and through the parent loader every other), or null. */
    Class<?> snippetClass(String name) {
        try {
            return findClass(name);
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    Object lastValue() {
        return lastValue;
    }

    Throwable lastThrown() {
        return lastThrown;
    }

    boolean wasStopped() {
        return stopped;
    }

    boolean running() {
        synchronized (lock) {
            return running != null;
        }
    }

    /** While on, every invocation is wrapped in {@link Capture#begin()}/{@link Capture#end()} on its thread. */
    void capture(boolean on) {
        capture = on;
        synchronized (captured) {
            captured.clear();
        }
    }

    /** Artifacts captured since the last call (or since capture was switched on). */
    List<Object> drainCaptured() {
        synchronized (captured) {
            List<Object> out = new ArrayList<>(captured);
            captured.clear();
            return out;
        }
    }

    /** What to tell before a snippet's code runs (its wrapper class name): the session describes the snippet. */
    void beforeInvoke(java.util.function.Consumer<String> hook) {
        beforeInvoke = hook;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        if (abandoned) {
            throw new ExecutionControl.EngineTerminationException("the snippet engine was restarted");
        }
        java.util.function.Consumer<String> hook = beforeInvoke;
        if (hook != null) {
            hook.accept(doitMethod.getDeclaringClass().getName());
        }
        if (stopBeforeStart) {
            stopBeforeStart = false;
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        boolean doCapture = capture;
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Thread t = new Thread(SNIPPETS, () -> {
            if (doCapture) {
                Capture.begin();
            }
            try {
                result[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause() != null ? e.getCause() : e;
            } catch (Throwable e) {
                thrown[0] = e;
            } finally {
                if (doCapture) {
                    List<Object> got = Capture.end();
                    synchronized (captured) {
                        captured.addAll(got);
                    }
                }
                done.countDown();
            }
        }, "ckpt-snippet");
        t.setDaemon(true);
        // Libraries find user classes through the context loader: Flink's type extraction loads a lambda's
        // implementation class by name there (keyBy(t -> t.f0) fails with ClassNotFoundException: REPL.$JShell$…
        // under the application loader, which cannot see snippet classes).
        t.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        SnippetGuard.reset();
        synchronized (lock) {
            running = t;
            stopped = false;
            released = done;
        }
        try {
            t.start();
            // released when the snippet ends, or when it is abandoned (then the thread is left behind)
            done.await();
        } finally {
            synchronized (lock) {
                running = null;
                released = null;
            }
        }
        exitStatus = SnippetGuard.exitStatus();
        if (abandoned) {
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        if (exitStatus != null || stopped || thrown[0] instanceof SnippetGuard.Stopped) {
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        if (thrown[0] != null) {
            lastThrown = thrown[0];
            throw new InvocationTargetException(thrown[0]);
        }
        lastValue = result[0];
        return valueString(result[0]);
    }

    @Override
    public String varValue(String className, String varName) throws RunException, EngineTerminationException,
            InternalException {
        try {
            Class<?> klass = findClass(className);
            Field field = klass.getDeclaredField(varName);
            field.setAccessible(true);
            Object value = field.get(null);
            lastValue = value;
            return valueString(value);
        } catch (Throwable e) {
            return super.varValue(className, varName);
        }
    }

    /**
     * Nothing to do: snippet classes are loaded by a child of the application class loader, which already sees
     * every jar (JShell calls this when the compile class path grows).
     */
    @Override
    public void addToClasspath(String path) {
    }

    /**
     * Asks the snippet in flight to stop: raises the stop flag its woven loops check and interrupts its thread
     * (sleeps, waits, interruptible I/O); while the snippet is still being compiled, it will not start. Returns at
     * once; {@link #running()} tells whether it worked.
     */
    @Override
    public void stop() {
        Thread t;
        synchronized (lock) {
            t = running;
            if (t == null) {
                stopBeforeStart = true; // compiling now: the snippet will not start
                return;
            }
            stopped = true;
        }
        SnippetGuard.stopAll();
        t.interrupt();
    }

    /** Waits up to the given time for the snippet in flight to end; true if none is running then. */
    boolean awaitEnd(long millis) {
        java.util.concurrent.CountDownLatch r = released;
        if (r == null) {
            return true;
        }
        try {
            return r.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Gives up on the snippet in flight: the evaluation returns as stopped, and this engine refuses further
     * snippets (its state may be held by the stuck thread). The thread is a daemon: it cannot keep the JVM alive.
     */
    void abandon() {
        java.util.concurrent.CountDownLatch r;
        synchronized (lock) {
            if (running == null) {
                return;
            }
            abandoned = true;
            stopped = true;
            r = released;
        }
        SnippetGuard.stopAll();
        if (r != null) {
            r.countDown();
        }
    }
}
