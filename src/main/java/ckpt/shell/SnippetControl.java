package ckpt.shell;

import ckpt.report.Capture;
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
 * <p>Each invocation runs on its own thread; {@link #stop()} interrupts it and, if it does not end promptly,
 * stops it with {@link Thread#stop()} (what JShell's local engine does on Java 17, but only for the snippet
 * thread: threads the snippet started, such as Flink's cluster, keep running).
 */
final class SnippetControl extends DirectExecutionControl {
    private static final ThreadGroup SNIPPETS = new ThreadGroup("ckpt-snippets");

    private final Object lock = new Object();
    private Thread running;
    private volatile boolean stopped;
    private volatile Object lastValue;
    private volatile Throwable lastThrown;
    private volatile boolean capture;
    private final List<Object> captured = new ArrayList<>();

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

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] result = new Object[1];
        Throwable[] thrown = new Throwable[1];
        boolean doCapture = capture;
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
            }
        }, "ckpt-snippet");
        t.setDaemon(true);
        synchronized (lock) {
            running = t;
            stopped = false;
        }
        try {
            t.start();
            t.join();
        } finally {
            synchronized (lock) {
                running = null;
            }
        }
        if (stopped || thrown[0] instanceof ThreadDeath) {
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

    @Override
    @SuppressWarnings({"deprecation", "removal"})
    public void stop() {
        Thread t;
        synchronized (lock) {
            t = running;
            if (t == null) {
                return;
            }
            stopped = true;
        }
        t.interrupt();
        try {
            t.join(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            t.stop();
        }
    }
}
