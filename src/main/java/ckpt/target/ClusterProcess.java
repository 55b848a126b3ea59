package ckpt.target;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One cluster JVM, started under a small {@code /bin/sh} watchdog whose standard input is a pipe from this JVM.
 *
 * <p>Why a watchdog: a shutdown hook does not run when this JVM is SIGKILLed or crashes, but the kernel closes the
 * pipe then; the watchdog reads end-of-file and stops its JVM (SIGTERM, SIGKILL after a grace period). Closing the
 * pipe on purpose is also the normal way to stop. The JVM itself is still Flink's own entrypoint (a child of the
 * watchdog), with its output in a file. Terminal signals (Ctrl-C, Ctrl-\, Ctrl-Z, hang-up) reach the whole
 * foreground process group, so the watchdog and its JVM ignore them: the cluster's life is tied to its owner
 * through the pipe only.
 */
final class ClusterProcess {
    /**
     * $1 output file, $2 grace seconds, then the JVM command. Prints the JVM's pid, later "exit CODE". fd 3 keeps
     * the pipe: an asynchronous list's stdin is /dev/null unless redirected explicitly.
     */
    private static final String WATCHDOG = String.join("\n",
            "out=$1; grace=$2; shift 2",
            "trap '' INT QUIT TSTP HUP",
            "\"$@\" </dev/null >>\"$out\" 2>&1 &",
            "jvm=$!",
            "echo \"$jvm\"",
            "exec 3<&0",
            "{ read _ignored; kill -TERM \"$jvm\"; sleep \"$grace\"; kill -KILL \"$jvm\"; } <&3 >/dev/null 2>&1 &",
            "watch=$!",
            "exec 3<&-",
            "wait \"$jvm\"",
            "code=$?",
            "kill \"$watch\" 2>/dev/null",
            "echo \"exit $code\"");

    private final String name;
    private final Process watchdog;
    private final ProcessHandle jvm;
    private final Instant started;
    private final Path log;
    private final Path out;
    private final CompletableFuture<Integer> exit;

    private ClusterProcess(String name, Process watchdog, ProcessHandle jvm, Instant started, Path log, Path out,
            CompletableFuture<Integer> exit) {
        this.name = name;
        this.watchdog = watchdog;
        this.jvm = jvm;
        this.started = started;
        this.log = log;
        this.out = out;
        this.exit = exit;
    }

    /**
     * Starts {@code command} under a watchdog; its stdout/stderr (and the watchdog's) are appended to {@code out}.
     *
     * @param workDir the working directory (relative paths a JVM resolves land there, not where the shell runs)
     * @param env variables set for the JVM on top of this JVM's environment
     * @param log the JVM's Flink log file (only recorded, for messages)
     * @param grace how long the JVM may take to stop after SIGTERM before it is killed
     */
    static ClusterProcess start(String name, List<String> command, Path workDir, Map<String, String> env, Path log,
            Path out, Duration grace) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "ckpt-watchdog", out.toString(),
                Long.toString(Math.max(1, grace.toSeconds()))));
        cmd.addAll(command);
        Instant started = Instant.now();
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(out.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<Long> pid = new CompletableFuture<>();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread reader = new Thread(() -> readReports(p, pid, exit), "ckpt-watchdog-" + name);
        reader.setDaemon(true);
        reader.start();
        try {
            long jvmPid = pid.get(10, TimeUnit.SECONDS);
            ProcessHandle h = ProcessHandle.of(jvmPid)
                    .orElseThrow(() -> new IOException("the JVM exited at once"));
            return new ClusterProcess(name, p, h, started, log, out, exit);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IOException("could not start " + name + " (see " + out + "): " + e, e);
        }
    }

    private static void readReports(Process p, CompletableFuture<Long> pid, CompletableFuture<Integer> exit) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("exit ")) {
                    exit.complete(Integer.parseInt(line.substring(5).trim()));
                } else if (!line.isBlank()) {
                    pid.complete(Long.parseLong(line.trim()));
                }
            }
        } catch (IOException | NumberFormatException e) {
            pid.completeExceptionally(e);
        }
        pid.completeExceptionally(new IOException("the watchdog ended before reporting a pid"));
        exit.complete(-1);
    }

    String name() {
        return name;
    }

    long pid() {
        return jvm.pid();
    }

    ProcessHandle jvm() {
        return jvm;
    }

    long watchdogPid() {
        return watchdog.pid();
    }

    Instant started() {
        return started;
    }

    Path log() {
        return log;
    }

    Path out() {
        return out;
    }

    boolean alive() {
        return !exit.isDone() && jvm.isAlive();
    }

    /** The JVM's exit status as its watchdog saw it (128+signal when killed), once it has exited. */
    OptionalInt exitCode() {
        Integer code = exit.getNow(null);
        return code == null ? OptionalInt.empty() : OptionalInt.of(code);
    }

    /** SIGKILLs the JVM itself (not the watchdog, which then reports and ends) and waits until it is gone. */
    void kill(Duration bound) {
        jvm.destroyForcibly();
        awaitExit(bound);
        closePipe();
    }

    /** Asks the watchdog to stop the JVM: SIGTERM, then SIGKILL after the grace period. Does not wait. */
    void requestStop() {
        closePipe();
    }

    private void closePipe() {
        try {
            watchdog.getOutputStream().close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    /** Waits until the JVM and its watchdog are gone; true if they are. */
    boolean awaitExit(Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        try {
            exit.get(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            watchdog.waitFor(Math.max(0, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // timed out: reported by the result
        }
        return !jvm.isAlive() && !watchdog.isAlive();
    }

    /** Last resort after a bounded wait: SIGKILL both, whatever state they are in. */
    void forceStop() {
        jvm.destroyForcibly();
        watchdog.destroyForcibly();
        closePipe();
    }
}
