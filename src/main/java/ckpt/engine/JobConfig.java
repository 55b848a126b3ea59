package ckpt.engine;

import ckpt.model.CheckpointExtras;
import ckpt.model.Experiment;
import ckpt.model.Mode;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.StateChangelogOptions;
import org.apache.flink.state.forst.ForStOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;

/**
 * The job's Flink configuration, built from an experiment with Flink's own typed options (no string keys of our
 * own, so a renamed option fails to compile instead of being silently ignored). Pure: same input, same output.
 *
 * <p>Order matters: the user's free-form keys and RocksDB options go in first, then the engine's own, which win —
 * the measurement relies on them (one checkpoint at a time, checkpoints kept on cancellation).
 */
public final class JobConfig {
    /**
     * By default a failed job restarts after this delay, doubling up to {@link #RESTART_MAX_DELAY}, without a limit
     * on attempts — Flink's own default strategy when checkpointing is on (exponential-delay), with a fixed first
     * delay and no jitter so failover figures repeat. A lost TaskManager takes Flink seconds to notice
     * (heartbeats); a capped number of quick attempts would give up before then.
     */
    static final Duration RESTART_DELAY = Duration.ofSeconds(1);
    static final Duration RESTART_MAX_DELAY = Duration.ofSeconds(10);

    /**
     * The restart strategy unless the experiment sets its own ({@code config("restart-strategy.type", …)} and
     * Flink's other {@code restart-strategy.*} keys): the backoff is part of every failover's downtime, so a user
     * measuring recovery may want production's.
     */
    static void restartDefaults(Configuration c) {
        c.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF, RESTART_DELAY);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF, RESTART_MAX_DELAY);
        c.set(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR, 0.0);
    }

    /** The restart strategy a run of this experiment gets: its type and every restart-strategy.* key, as set. */
    public static java.util.Map<String, String> restartStrategy(Experiment e) {
        Configuration c = new Configuration();
        restartDefaults(c);
        e.flinkConfig().forEach(c::setString);
        String type = ckpt.config.FlinkOptions.restartStrategy(c.get(RestartStrategyOptions.RESTART_STRATEGY))
                .getMainValue();
        java.util.Map<String, String> out = new java.util.TreeMap<>();
        out.put(RestartStrategyOptions.RESTART_STRATEGY.key(), type);
        c.toMap().forEach((k, v) -> {
            // the strategy's own keys (restart-strategy.exponential-delay.*): the other strategies' do nothing
            if (k.startsWith("restart-strategy." + type + ".")) {
                out.put(k, v);
            }
        });
        return out;
    }

    private JobConfig() {
    }

    /**
     * Warm-up is backlog in Flink's sense (the harness source says so until its gate opens), and a run takes no
     * periodic checkpoint during backlog. When the gate opens, Flink schedules the next periodic checkpoint one
     * interval later, so the first steady checkpoint holds a whole interval of changes like the others, instead of
     * coming anywhere from a millisecond to an interval after the gate. No checkpoint is lost: one during warm-up
     * measures nothing, and the gate checkpoint is asked for as soon as warm-up is written. It also keeps a
     * periodic checkpoint from opening the gate before the warm-state cache's savepoint. A user who sets the key,
     * or pauses the sources until the first checkpoint (which Flink refuses with it), keeps Flink's behaviour.
     */
    static void backlogDefaults(Configuration c, Experiment e) {
        boolean pauses = Boolean.parseBoolean(e.flinkConfig().getOrDefault(
                CheckpointingOptions.PAUSE_SOURCES_UNTIL_FIRST_CHECKPOINT.key(), "false"));
        if (e.code().harnessSource() && !pauses) {
            c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG, Duration.ZERO);
        }
    }

    /**
     * @param checkpointRoot URI of the folder the job's checkpoints go under (Flink adds the job id)
     * @param rocksdbLocalDir where RocksDB keeps its working files, or null to leave it to the cluster (a remote
     *                        cluster's TaskManagers have their own disks)
     */
    public static Configuration of(Experiment e, String runId, String checkpointRoot, Path rocksdbLocalDir) {
        Configuration c = new Configuration();
        // Defaults the user may override: a checkpoint that fails or expires is a figure to report, not a reason to
        // fail the job (Flink's default tolerates none and restarts the job on the first expiry).
        c.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, Integer.MAX_VALUE);
        restartDefaults(c);
        backlogDefaults(c, e);
        e.flinkConfig().forEach(c::setString);
        e.rocksdb().forEach(c::setString);
        e.rocksdbMetrics().forEach(k -> c.setString(k, "true"));
        c.set(PipelineOptions.NAME, "ckpt-" + runId);
        c.set(StateBackendOptions.STATE_BACKEND, e.mode().backend());
        c.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, e.mode().incremental());
        c.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointRoot);
        c.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, e.interval());
        c.set(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS, e.minPause());
        c.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, e.timeout());
        // One at a time: the warm-up gate and the phase boundaries rely on checkpoints not overlapping.
        c.set(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS, 1);
        c.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, e.retained());
        // Cancel, don't finish: a cancelled job keeps its last checkpoint for inspection and restores.
        c.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        if (rocksdbLocalDir != null) {
            c.set(RocksDBOptions.LOCAL_DIRECTORIES, rocksdbLocalDir.toString());
        }
        if (e.recovery().localRecovery()) {
            // keep TaskManager-local copies of each checkpoint, and restore from them after a failover
            c.set(CheckpointingOptions.LOCAL_BACKUP_ENABLED, true);
            c.set(StateRecoveryOptions.LOCAL_RECOVERY, true);
        }
        backendMatrix(c, e, checkpointRoot, rocksdbLocalDir);
        return c;
    }

    /**
     * Whether ForSt's primary copy of the state must stay off S3: Flink 2.3's ForSt flushes a file after closing it,
     * which flink-s3-fs-native refuses ("Stream is closed"), so the job fails on its first checkpoint. With its
     * primary directory on the run's disk, ForSt works like RocksDB incremental: checkpoints upload its files to S3.
     */
    static boolean forstPrimaryOffS3(Experiment e, String checkpointRoot) {
        return e.mode() == Mode.FORST && checkpointRoot.startsWith("s3") && !e.flinkConfig().containsKey(
                ForStOptions.PRIMARY_DIRECTORY.key());
    }

    // ---- backends beyond RocksDB, checkpoint flavours (issue 10) -------------------------------------------------

    /**
     * The keys of the changelog and ForSt modes, file merging and unaligned checkpoints. Where the changelog writes
     * ({@code state.changelog.storage}, {@code state.changelog.dstl.dfs.base-path}) is read from the TaskManager's
     * configuration, not the job's: {@link ClusterNeeds} sets it on the clusters the tool starts.
     */
    private static void backendMatrix(Configuration c, Experiment e, String checkpointRoot, Path localDir) {
        CheckpointExtras x = e.extras();
        if (e.mode().changelog()) {
            c.set(StateChangelogOptions.ENABLE_STATE_CHANGE_LOG, true);
            if (x.materializeEvery() != null) {
                c.set(StateChangelogOptions.PERIODIC_MATERIALIZATION_INTERVAL, x.materializeEvery());
            }
        }
        if (e.mode() == Mode.FORST && localDir != null) {
            // ForSt's local working files (cache, local copies) go to the run folder like RocksDB's; its primary
            // directory stays Flink's default, the checkpoint directory — except on S3, see forstOnS3.
            c.set(ForStOptions.LOCAL_DIRECTORIES, localDir.toString());
            if (forstPrimaryOffS3(e, checkpointRoot)) {
                c.set(ForStOptions.PRIMARY_DIRECTORY, localDir.resolveSibling("forst-primary").toUri().toString());
            }
        }
        if (x.fileMerging()) {
            c.set(CheckpointingOptions.FILE_MERGING_ENABLED, true);
        }
        if (x.unaligned()) {
            c.set(CheckpointingOptions.ENABLE_UNALIGNED, true);
        }
    }
}
