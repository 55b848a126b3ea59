package ckpt.engine;

import ckpt.model.Experiment;
import ckpt.model.RunProgress;
import ckpt.model.StateOrigin;
import ckpt.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One throwaway job on a cluster the tool has just started, before its first measured run.
 *
 * <p>Fresh JobManager and TaskManager JVMs run Flink's code interpreted through their first job. On a local 2 × 2
 * cluster the first run's steady checkpoints took 2.6–3× as long as the same run's later (p50 88–127 ms against
 * 40–48 ms), so on a fresh cluster whichever mode ran first looked slower — the comparison this tool exists for.
 * The throwaway job pays those costs instead: deployment, RocksDB's open, a dozen checkpoints and the cancel,
 * on every slot of every TaskManager. It writes into a hidden folder under runs/ that is removed afterwards, and
 * is never listed as a run.
 */
final class ClusterWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterWarmUp.class);

    private ClusterWarmUp() {
    }

    /**
     * The throwaway experiment: small state, one second of steady, checkpoints every 100 ms, every slot busy (up to
     * 16: a keyed exchange between hundreds of subtasks would need more network buffers than a small cluster has).
     */
    static Experiment experiment(int slots) {
        return Experiment.defaults().keys(2_000).valueBytes(64).seconds(1).interval("100ms")
                .parallelism(Math.max(1, Math.min(16, slots))).name("cluster-warm-up");
    }

    /** What the user sees of the throwaway job: one line, not the phases of a run they did not ask for. */
    static final String SHOWN_AS = "the new cluster's JVMs with a throwaway job (not measured)";

    /**
     * The throwaway job's progress as a single "warming" line. Its own phases (warm-up, steady, stopping) and its
     * dashboard address read as a run of its own before the user's, which it is not.
     */
    static RunProgress.ProgressListener oneLine(RunProgress.ProgressListener listener) {
        return p -> listener.onProgress(line());
    }

    /** The "warming" line: also what a run shows while it waits for the shell's background throwaway job. */
    static RunProgress line() {
        return new RunProgress(SHOWN_AS, "warming", 0, 0, 0, 0, 0, -1, -1, -1, "");
    }

    /**
     * Runs the throwaway job if the target is cold; returns the milliseconds it took (0 when it was not cold). The
     * caller holds the engine's one-run-at-a-time lock. A failure is logged, never thrown: the measured run that
     * follows reports what is wrong with the cluster in its own words.
     */
    static long ensure(Target target, BooleanSupplier cancelled, RunProgress.ProgressListener listener) {
        if (!target.cold()) {
            return 0;
        }
        long t0 = System.nanoTime();
        Path dir = null;
        try {
            Files.createDirectories(Recorder.root());
            dir = Files.createTempDirectory(Recorder.root(), ".cluster-warm-up-");
            Execution x = new Execution(experiment(target.slots()), target, new Recorder(dir), cancelled,
                    oneLine(listener), StateOrigin.FILLED);
            x.buildGraph();
            x.call();
        } catch (IOException | RuntimeException e) {
            LOG.warn("the throwaway warm-up job on {} did not complete", target.url(), e);
        } finally {
            target.warmed();
            if (dir != null) {
                ckpt.io.Files2.deleteRecursively(dir);
            }
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("warmed {} with a throwaway job in {} ms", target.url(), ms);
        return ms;
    }
}
