package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.model.RunProgress;
import ckpt.model.StateOrigin;
import ckpt.model.UserJob;
import ckpt.rocksdb.OptionCatalog;
import ckpt.target.Target;
import ckpt.target.Targets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Runs experiments, one at a time, and lets the shell watch and stop the one in flight. One run at a time on
 * purpose: the machine has two cores, and two runs would measure each other.
 */
public final class Runs {
    private static volatile RunProgress.ProgressListener listener;

    /** The current listener (null when none). */
    public static RunProgress.ProgressListener listener() {
        return listener;
    }
    private static volatile boolean cancelRequested;
    private static volatile boolean active;
    private static volatile Run last;
    /** Folder of the run in flight (null when none): cleanCheckpoints must never touch it. */
    private static volatile Path current;

    private Runs() {
    }

    /** Where progress goes; null: nowhere (the façade installs a plain printer, the shell its status line). */
    public static void listener(RunProgress.ProgressListener l) {
        listener = l;
    }

    /**
     * Asks the run in flight to stop now: the job is cancelled and {@link #run} returns the checkpoints measured
     * so far (status CANCELLED). Returns false when no run is in flight.
     */
    public static boolean cancelCurrent() {
        if (!active) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    /**
     * Readies the session's target and this JVM for a first run, on the calling thread: translates a throwaway job
     * (the first translation in a cold JVM is the slow one), then starts or connects to the target and warms its
     * clients ({@link Target#warmUp}). The shell calls it in the background once the prompt is up; it never fails.
     */
    public static void warmUp() {
        try {
            RunGraph.warmUp();
            Target t = Targets.current();
            t.warmUp();
            ready(t, p -> { });
        } catch (RuntimeException | LinkageError e) {
            org.slf4j.LoggerFactory.getLogger(Runs.class).info("warm-up skipped", e);
        }
    }

    /** Whether a throwaway warm-up job holds the cluster (a run asked for now waits for it). */
    private static volatile boolean warming;

    /**
     * Starts the target if the tool owns it and it is not running, and gives a cluster the tool has just started
     * its throwaway warm-up job ({@link ClusterWarmUp}), so that no measured run is the first job of fresh JVMs.
     * Returns the milliseconds the warm-up job took (0 when the cluster was warm already).
     */
    public static long ready(Target target, RunProgress.ProgressListener progress) {
        target.url();
        if (!target.cold()) {
            return 0;
        }
        synchronized (Runs.class) {
            // not "active": Ctrl-C on a snippet at the prompt is not about a job the user did not start
            warming = true;
            try {
                return ClusterWarmUp.ensure(target, () -> false, progress);
            } finally {
                warming = false;
            }
        }
    }

    /** The progress listener, or one that drops progress. */
    private static RunProgress.ProgressListener progress() {
        RunProgress.ProgressListener l = listener;
        return l != null ? l : p -> { };
    }

    /** Whether a run is in flight. */
    public static boolean active() {
        return active;
    }

    /** The latest run of this JVM, finished, cancelled or failed (null before the first). */
    public static Run last() {
        return last;
    }

    static Path current() {
        return current;
    }

    /**
     * A new run of {@code run}'s experiment restored from its retained checkpoint: no warm-up, a steady phase of the
     * experiment's seconds. The recoveries table's first row says what the restore cost.
     */
    public static Run restore(Run run) {
        if (run == null) {
            throw new CkptException("restore(run): the run is null");
        }
        java.util.Optional<org.apache.flink.core.fs.Path> chk = run.checkpointDir() == null ? java.util.Optional.empty()
                : CheckpointFiles.latest(run.checkpointDir());
        if (chk.isEmpty()) {
            throw new CkptException("run " + run.id() + " kept no completed checkpoint in " + run.checkpointDir()
                    + " (cleanCheckpoints may have removed it): nothing to restore");
        }
        return restore(run, chk.get().toUri().toString());
    }

    /** A new run of {@code run}'s experiment restored from a checkpoint or savepoint path. */
    public static Run restore(Run run, String path) {
        if (run == null) {
            throw new CkptException("restore(run, path): the run is null");
        }
        Experiment e = run.experiment().restoreFrom(path);
        String name = run.name() + "-restore";
        return run(name.length() <= 40 ? e.name(name) : e);
    }

    /** Runs the experiment on the session's target. */
    public static Run run(Experiment e) {
        return run(e, Targets.current());
    }

    /** Settings that only make sense for the built-in operator or the harness source, refused in one line. */
    private static void refuseWhatTheCodeCannotDo(Experiment e) {
        String kind = e.code().kind();
        if (!e.code().available()) {
            throw new CkptException("this experiment comes from a loaded run, and its " + e.code().describe()
                    + (kind.equals(UserJob.JAR) ? " is not there any more" : " was code of the session that ran it")
                    + " — give it again, e.g. loadRun(…).experiment()." + kind + "(…)");
        }
        if (e.code().builtIn()) {
            return;
        }
        if (!e.workload().shape().isDefault()) {
            throw new CkptException("state/entries/ttl/sinkDelay shape the built-in operator; a " + kind
                    + "(…) run keeps the state its code keeps — leave them out");
        }
        if (e.recovery().verifyState()) {
            throw new CkptException("verifyState() reads the built-in operator's state; a " + kind
                    + "(…) run keeps its own — leave verifyState() out");
        }
        if (!e.code().harnessSource() && e.faults().failAfter() != null) {
            throw new CkptException("failAfter(…) fails the harness's source, which an application jar does not"
                    + " have — use killTaskManagerAfter(…) on a localCluster(…)");
        }
        if (!e.code().harnessSource() && e.source() != null) {
            throw new CkptException("source(table) feeds the harness's source; an application jar reads its own"
                    + " input — pass it through args(…)");
        }
    }

    /** Waits for environment.json to be written; a failure is logged (no figure of the run depends on it). */
    private static void awaitEnvironment(CompletableFuture<Void> f) {
        try {
            f.join();
        } catch (RuntimeException ex) {
            org.slf4j.LoggerFactory.getLogger(Runs.class).warn("could not write the run's environment", ex);
        }
    }

    /** Runs the experiment on a target, blocking until its steady phase is over; returns what was measured. */
    public static Run run(Experiment e, Target target) {
        RunProgress.ProgressListener l = listener;
        if (warming && l != null) { // the shell's background warm-up job is on the cluster: say why nothing moves
            l.onProgress(ClusterWarmUp.line());
        }
        synchronized (Runs.class) {
            return runAlone(e, target);
        }
    }

    private static Run runAlone(Experiment e, Target target) {
        long t0 = System.nanoTime();
        if (e == null) {
            throw new CkptException("run needs an experiment, e.g. run(experiment().mode(\"full\"))");
        }
        if (target == null) {
            throw new CkptException("run needs a target, e.g. embedded(), localCluster(2, 2) or cluster(\"http://host:8081\")");
        }
        OptionCatalog.validateAll(e.rocksdb());
        if (e.faults().killTaskManagerAfter() != null && !target.canKillTaskManagers()) {
            throw new CkptException("killTaskManagerAfter needs a localCluster(…) target: " + target.kind()
                    + " has no TaskManager process the tool may kill — run(e, localCluster(2, 1))");
        }
        refuseWhatTheCodeCannotDo(e);
        StateOrigin origin = e.recovery().restoreFrom() != null
                ? new StateOrigin(StateOrigin.RESTORE, e.recovery().restoreFrom()) : StateOrigin.FILLED;
        boolean fillCache = false;
        if (WarmCache.applies(e, target)) {
            java.util.Optional<String> cached = WarmCache.lookup(e);
            origin = cached.map(p -> new StateOrigin(StateOrigin.CACHE, p)).orElse(origin);
            fillCache = cached.isEmpty();
        }
        cancelRequested = false;
        active = true;
        // Start (or reuse) the cluster while the run folder is written and the job graph is built: in a cold JVM
        // each costs a second or more (Flink's RPC and web server; the StreamGraph → JobGraph translation) and
        // there are two cores.
        java.util.Map<String, String> clusterKeys = ClusterNeeds.of(e);
        ClusterNeeds.fileSystemsFor(clusterKeys);
        // a restart costs a cluster start and its throwaway job: say why, or the user sees a new dashboard address
        // and a long wait with no reason given
        target.restartFor(e, clusterKeys).ifPresent(why -> progress().onProgress(
                new RunProgress(why, "restarting", 0, 0, 0, 0, 0, -1, -1, -1, "")));
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> target.prepare(e, clusterKeys));
        CompletableFuture<Void> environment = CompletableFuture.completedFuture(null);
        try {
            java.nio.file.Files.createDirectories(Recorder.root());
            if (e.code().builtIn()) { // the planned state of anyone else's code is not known
                DiskCheck.check(e, Recorder.root().resolve("."), target.sharesDisk() && e.checkpointDir() == null);
            }
            Recorder files = Recorder.create(e.displayName());
            current = files.dir();
            files.json("experiment.json", Recorder.describe(e));
            long beforeSetUp = System.nanoTime() - t0;
            Execution x = new Execution(e, target, files, () -> cancelRequested,
                    listener != null ? listener : p -> { }, origin);
            if (fillCache) {
                x.fillWarmCache();
            }
            x.buildGraph();
            if (!ready.isDone()) {
                ckpt.target.FlinkRest.warmUp(); // while the cluster starts
            }
            try {
                ready.join();
            } catch (CompletionException ce) {
                throw ce.getCause() instanceof RuntimeException re ? re : ce;
            }
            if (target.cold()) { // a cluster started just now: its first job is a throwaway one, not this run
                ClusterWarmUp.ensure(target, () -> cancelRequested, listener != null ? listener : p -> { });
            }
            // written beside the run while the job is submitted: a cluster's first answers take a few hundred ms
            environment = CompletableFuture.runAsync(() -> files.json("environment.json", Environment.of(target)));
            int slots = target.slots();
            if (e.parallelism() > slots) {
                throw new CkptException("parallelism " + e.parallelism() + " needs " + e.parallelism()
                        + " slots; " + target.describe() + " has " + slots);
            }
            CutShort.own(files);
            try {
                Run r = x.call();
                last = r;
                return r;
            } catch (Execution.FailedRun f) {
                last = f.run();
                throw f;
            } finally {
                long envWait = System.nanoTime();
                awaitEnvironment(environment);
                CutShort.release(files);
                org.slf4j.LoggerFactory.getLogger(Runs.class).info(
                        "timing {}: {} ms before its set-up, {} ms waiting for environment.json at the end",
                        files.dir().getFileName(), beforeSetUp / 1_000_000, (System.nanoTime() - envWait) / 1_000_000);
            }
        } catch (java.io.IOException io) {
            throw new CkptException("cannot create " + Recorder.root().toAbsolutePath() + ": " + io.getMessage());
        } finally {
            ready.cancel(false);
            active = false;
            current = null;
            cancelRequested = false;
        }
    }
}
