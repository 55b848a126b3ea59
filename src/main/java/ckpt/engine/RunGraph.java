package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.job.JobPlan;
import ckpt.job.OwnJob;
import ckpt.job.Phases;
import ckpt.job.StateJob;
import ckpt.model.Experiment;
import ckpt.model.StateOrigin;
import ckpt.model.UserJob;
import ckpt.usercode.UserCode;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.RecoveryClaimMode;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * The job a run submits, built here on the client as {@code flink run} builds it: a JobGraph with its jar attached,
 * which a cluster of any kind deploys from that jar. Building needs no cluster, so it can happen while one starts.
 *
 * <p>Besides the graph it keeps what the runner reads off the job while it runs: the vertices with keyed state
 * (what the run reports on) and how many steady records the source writes when it keeps up.
 */
final class RunGraph {
    private static final Logger LOG = LoggerFactory.getLogger(RunGraph.class);

    /** The JobGraph to submit. */
    final JobGraph job;
    /** The vertices with keyed state (id → operator name), in topological order: what the run reports on. */
    final Map<String, String> keyed;
    /** Steady records the harness source writes when it keeps up (-1 = unbounded, or not our source). */
    final long quota;

    private RunGraph(JobGraph job, Map<String, String> keyed, long quota) {
        this.job = job;
        this.keyed = keyed;
        this.quota = quota;
    }

    /** The vertex a run's record counts and RocksDB samples come from: the first with keyed state. */
    String stateVertex() {
        return keyed.isEmpty() ? Phases.STATE_NAME : keyed.keySet().iterator().next();
    }

    /**
     * Translates the default experiment's job once and throws it away. In a cold JVM the first StreamGraph →
     * JobGraph translation takes about 0.7 s of class loading and interpretation; the shell does this in the
     * background while the user types, so the first run does not.
     */
    static void warmUp() {
        Experiment d = Experiment.defaults();
        Configuration conf = JobConfig.of(d, "warm-up", "file:///warm-up", null);
        StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
        StateJob.define(env, JobPlan.synthetic(d.keys(), d.valueBytes(), d.seed(), d.steadyRate(), 1_000, 1)
                .forRun("warm-up"), 1, Matrix.spec(d));
        env.getStreamGraph().getJobGraph(RunGraph.class.getClassLoader(), new JobID());
    }

    /**
     * Builds run {@code runId}'s job: the harness source feeding the built-in state job, the user's function or
     * pipeline, or the user's application jar; then, for a restored run, where its state comes from.
     *
     * @param runDir   the run's folder, where the job's jar is written
     * @param localDir RocksDB's working directory on this machine (null on a remote cluster)
     */
    static RunGraph build(Experiment e, String runId, Path runDir, String checkpointRoot, Path localDir,
                          StateOrigin origin) {
        Configuration conf = JobConfig.of(e, runId, checkpointRoot, localDir);
        UserJob code = e.code();
        StreamGraph g;
        JobGraph job;
        long quota = -1;
        if (!code.harnessSource()) {
            AppProgram.Built b = AppProgram.build(code.jar(), code.mainClass(), code.args(), conf, e.parallelism());
            g = b.streams();
            job = b.job();
            warnIfOverridden(e, g);
        } else {
            StreamExecutionEnvironment env = new StreamExecutionEnvironment(conf);
            env.setParallelism(e.parallelism());
            JobPlan plan = plan(e, runId, origin);
            quota = plan.steadyQuota();
            switch (code.kind()) {
                case UserJob.FUNCTION -> buildOwn(code.function(), "function",
                        () -> OwnJob.function(env, plan, e.parallelism(), code.function(), code.label()));
                case UserJob.PIPELINE -> buildOwn(code.pipeline(), "pipeline",
                        () -> OwnJob.pipeline(env, plan, code.pipeline()));
                default -> StateJob.define(env, plan, e.parallelism(), Matrix.spec(e));
            }
            g = env.getStreamGraph();
            if (code.kind().equals(UserJob.PIPELINE)) {
                UserCode.check(g, "pipeline");
            }
            job = g.getJobGraph(RunGraph.class.getClassLoader(), new JobID());
            job.addJar(new org.apache.flink.core.fs.Path(JobJar.write(runDir, !code.builtIn()).toUri()));
        }
        Map<String, String> keyed = KeyedVertices.of(g, job);
        if (keyed.isEmpty()) {
            say("the job has no operator with keyed state: its checkpoints hold operator state only");
        }
        if (origin.restored()) {
            // the cache keeps its savepoint: never let a job claim (and later delete) it
            boolean claim = e.recovery().claim() && !origin.kind().equals(StateOrigin.CACHE);
            job.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(origin.path(), false,
                    claim ? RecoveryClaimMode.CLAIM : RecoveryClaimMode.NO_CLAIM));
        }
        return new RunGraph(job, keyed, quota);
    }

    /**
     * Builds the user's function or pipeline into the stream, checked again here (a snippet may have been
     * replaced since the experiment was made); what goes wrong while it builds is said in one line.
     */
    private static void buildOwn(Object code, String role, Runnable build) {
        UserCode.check(code, role);
        try {
            build.run();
        } catch (CkptException x) {
            throw x;
        } catch (RuntimeException | LinkageError x) {
            throw new CkptException(UserCode.explain(x, role));
        }
    }

    /** An application that sets its own checkpoint interval in code overrides the experiment's: say so. */
    private static void warnIfOverridden(Experiment e, StreamGraph g) {
        long interval = g.getCheckpointConfig().getCheckpointInterval();
        if (interval > 0 && interval != e.interval().toMillis()) {
            say("the application sets its own checkpoint interval (" + interval + " ms), which overrides the "
                    + "experiment's " + e.interval().toMillis() + " ms; the run measures what it sets");
        }
    }

    private static void say(String msg) {
        LOG.warn(msg);
        System.err.println("  warning: " + msg);
    }

    /** What the harness source writes: the CSV's rows or synthetic keys, then steady updates for the window. */
    private static JobPlan plan(Experiment e, String runId, StateOrigin origin) {
        long steadyMillis = e.seconds() * 1000L;
        JobPlan plan = (e.source() != null
                ? JobPlan.table(column(e.source(), "account_id"), column(e.source(), "amount"), e.valueBytes(),
                        e.seed(), e.steadyRate(), steadyMillis, e.parallelism())
                : JobPlan.synthetic(e.keys(), e.valueBytes(), e.seed(), e.steadyRate(), steadyMillis, e.parallelism()))
                .forRun(runId);
        if (origin.restored() && e.recovery().verifyState()) {
            plan = plan.verifying();
        }
        return e.faults().failAfter() == null ? plan : plan.failingAfter(e.faults().failAfter().toMillis());
    }

    private static double[] column(Table t, String name) {
        NumericColumn<?> c = t.numberColumn(name);
        double[] out = new double[t.rowCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = c.isMissing(i) ? Double.NaN : c.getDouble(i);
        }
        return out;
    }
}
