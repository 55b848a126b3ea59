package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Experiment;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.junit.jupiter.api.Test;

/** The job's configuration is a pure function of the experiment; read back through Flink's own typed options. */
class JobConfigTest {

    @Test
    void theExperimentBecomesFlinksTypedOptions() {
        Experiment e = Experiment.defaults().mode("full").interval("750ms").minPause("100ms").timeout("30s")
                .retained(3).rocksdb("writebuffer.size", "8mb").config("pipeline.max-parallelism", "256");
        Configuration c = JobConfig.of(e, "run-1", "file:///tmp/ckpt", Path.of("/tmp/rocks"));
        assertThat(c.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(c.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isFalse();
        assertThat(c.get(CheckpointingOptions.CHECKPOINTING_INTERVAL)).isEqualTo(Duration.ofMillis(750));
        assertThat(c.get(CheckpointingOptions.MIN_PAUSE_BETWEEN_CHECKPOINTS)).isEqualTo(Duration.ofMillis(100));
        assertThat(c.get(CheckpointingOptions.CHECKPOINTING_TIMEOUT)).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.get(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS)).isEqualTo(3);
        assertThat(c.get(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS)).isEqualTo(1);
        assertThat(c.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).isEqualTo("file:///tmp/ckpt");
        assertThat(c.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        assertThat(c.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("exponential-delay");
        assertThat(c.get(RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR)).isZero();
        assertThat(c.get(RocksDBOptions.LOCAL_DIRECTORIES)).isEqualTo("/tmp/rocks");
        assertThat(c.toMap()).containsEntry("state.backend.rocksdb.writebuffer.size", "8mb")
                .containsEntry("pipeline.max-parallelism", "256").containsEntry("pipeline.name", "ckpt-run-1");
        // a failed checkpoint is a figure, not a reason to fail the job
        assertThat(c.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.get(CheckpointingOptions.LOCAL_BACKUP_ENABLED)).isFalse();
        // same input, same output
        assertThat(JobConfig.of(e, "run-1", "file:///tmp/ckpt", Path.of("/tmp/rocks")).toMap()).isEqualTo(c.toMap());
    }

    @Test
    void theUserMayTolerateFewerFailuresAndAskForLocalRecovery() {
        Experiment e = Experiment.defaults()
                .config("execution.checkpointing.tolerable-failed-checkpoints", "2").localRecovery(true);
        Configuration c = JobConfig.of(e, "r", "file:///x", null);
        assertThat(c.get(CheckpointingOptions.MAX_CONCURRENT_CHECKPOINTS)).isEqualTo(1);
        assertThat(c.get(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER)).isEqualTo(2);
        assertThat(c.get(CheckpointingOptions.LOCAL_BACKUP_ENABLED)).isTrue();
        assertThat(c.get(StateRecoveryOptions.LOCAL_RECOVERY)).isTrue();
        assertThat(c.contains(RocksDBOptions.LOCAL_DIRECTORIES)).isFalse(); // a remote cluster's own disks
    }

    @Test
    void theRestartStrategyIsADefaultTheUserMaySetAndItIsRecordedAsItApplies() {
        assertThat(JobConfig.restartStrategy(Experiment.defaults())).containsExactly(
                java.util.Map.entry("restart-strategy.exponential-delay.initial-backoff", "1 s"),
                java.util.Map.entry("restart-strategy.exponential-delay.jitter-factor", "0.0"),
                java.util.Map.entry("restart-strategy.exponential-delay.max-backoff", "10 s"),
                java.util.Map.entry("restart-strategy.type", "exponential-delay"));
        Experiment fixed = Experiment.defaults().config("restart-strategy.type", "fixeddelay")
                .config("restart-strategy.fixed-delay.delay", "250 ms").config("restart-strategy.fixed-delay.attempts", "3");
        Configuration c = JobConfig.of(fixed, "r", "file:///x", null);
        assertThat(c.get(RestartStrategyOptions.RESTART_STRATEGY)).isEqualTo("fixeddelay");
        assertThat(c.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY)).isEqualTo(Duration.ofMillis(250));
        assertThat(c.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS)).isEqualTo(3);
        // recorded under Flink's main name, with that strategy's keys only (the default's would do nothing)
        assertThat(JobConfig.restartStrategy(fixed)).containsOnlyKeys("restart-strategy.type",
                "restart-strategy.fixed-delay.delay", "restart-strategy.fixed-delay.attempts")
                .containsEntry("restart-strategy.type", "fixed-delay");
        // a shorter backoff for the default strategy
        assertThat(JobConfig.of(Experiment.defaults().config("restart-strategy.exponential-delay.initial-backoff",
                "100 ms"), "r", "file:///x", null).get(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_INITIAL_BACKOFF)).isEqualTo(Duration.ofMillis(100));
        // a type Flink does not know is refused at the line that sets it, not when the job fails to start
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Experiment.defaults().config("restart-strategy.type",
                "fixed")).isInstanceOf(ckpt.error.CkptException.class).hasMessage("config restart-strategy.type 'fixed': "
                + "allowed values are disable, fixed-delay, failure-rate, exponential-delay");
    }

    @Test
    void warmUpTakesNoPeriodicCheckpointUnlessTheUserSaysOtherwise() {
        String key = CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG.key();
        assertThat(JobConfig.of(Experiment.defaults(), "r", "file:///x", null).get(
                CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG)).isEqualTo(java.time.Duration.ZERO);
        assertThat(JobConfig.of(Experiment.defaults().config(key, "5 s"), "r", "file:///x", null).toMap())
                .containsEntry(key, "5 s");
        // Flink refuses a job that pauses its sources until the first checkpoint and has no backlog checkpoints
        String pause = CheckpointingOptions.PAUSE_SOURCES_UNTIL_FIRST_CHECKPOINT.key();
        assertThat(JobConfig.of(Experiment.defaults().config(pause, "true"), "r", "file:///x", null).toMap())
                .doesNotContainKey(key);
    }

    @Test
    void everyKeyTheEngineSetsIsRefusedByConfigWithWhatToUseInstead() {
        Experiment e = Experiment.defaults().localRecovery(true);
        Configuration c = JobConfig.of(e, "run-1", "file:///tmp/ckpt", Path.of("/tmp/rocks"));
        java.util.Set<String> set = new java.util.TreeSet<>(c.keySet());
        // the defaults a user may override: how many failed checkpoints the job tolerates, the restart strategy, no
        // periodic checkpoint during warm-up
        set.remove(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.key());
        set.remove(CheckpointingOptions.CHECKPOINTING_INTERVAL_DURING_BACKLOG.key());
        set.removeIf(k -> k.startsWith("restart-strategy."));
        assertThat(ckpt.model.EngineKeys.keys()).containsAll(set);
        for (String key : set) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Experiment.defaults().config(key, "1"))
                    .as(key).isInstanceOf(ckpt.error.CkptException.class).hasMessageContaining("the engine sets this key");
        }
        // a deprecated spelling of an engine key is refused too, and says what to use
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Experiment.defaults().config("state.checkpoints.dir", "file:///x"))
                .hasMessageContaining("checkpointDir(");
        // a key the engine leaves alone passes
        assertThat(Experiment.defaults().config(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.key(), "3").flinkConfig())
                .containsEntry(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER.key(), "3");
    }
}
