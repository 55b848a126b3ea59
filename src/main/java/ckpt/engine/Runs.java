package ckpt.engine;

import ckpt.CkptException;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.model.RunProgress;
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

    /** Runs the experiment on the session's target. */
    public static Run run(Experiment e) {
        return run(e, Targets.current());
    }

    /** Runs the experiment on a target, blocking until its steady phase is over; returns what was measured. */
    public static synchronized Run run(Experiment e, Target target) {
        if (e == null) {
            throw new CkptException("run needs an experiment, e.g. run(experiment().mode(\"full\"))");
        }
        if (target == null) {
            throw new CkptException("run needs a target, e.g. embedded(), localCluster(2, 2) or cluster(\"http://host:8081\")");
        }
        OptionCatalog.validateAll(e.rocksdb());
        cancelRequested = false;
        active = true;
        // Start (or reuse) the cluster while the run folder is written and the job graph is built: in a cold JVM
        // each costs a second or more (Flink's RPC and web server; the StreamGraph → JobGraph translation) and
        // there are two cores.
        java.util.Map<String, String> clusterKeys = ClusterNeeds.of(e);
        ClusterNeeds.fileSystemsFor(clusterKeys);
        CompletableFuture<Void> ready = CompletableFuture.runAsync(() -> target.prepare(e, clusterKeys));
        try {
            Recorder files = Recorder.create(e.displayName());
            current = files.dir();
            files.json("experiment.json", Recorder.describe(e));
            Execution x = new Execution(e, target, files, () -> cancelRequested,
                    listener != null ? listener : p -> { });
            x.buildGraph();
            try {
                ready.join();
            } catch (CompletionException ce) {
                throw ce.getCause() instanceof RuntimeException re ? re : ce;
            }
            files.json("environment.json", Environment.of(target));
            int slots = target.slots();
            if (e.parallelism() > slots) {
                throw new CkptException("parallelism " + e.parallelism() + " needs " + e.parallelism()
                        + " slots; " + target.describe() + " has " + slots);
            }
            try {
                Run r = x.call();
                last = r;
                return r;
            } catch (Execution.FailedRun f) {
                last = f.run();
                throw f;
            }
        } finally {
            ready.cancel(false);
            active = false;
            current = null;
            cancelRequested = false;
        }
    }
}
