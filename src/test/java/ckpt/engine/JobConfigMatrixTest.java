package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Experiment;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The keys each mode and flavour puts into the job's configuration (pure: no cluster). */
class JobConfigMatrixTest {
    static Configuration conf(Experiment e, String root) {
        return JobConfig.of(e, "r", root, Path.of("/tmp/run/rocksdb-local"));
    }

    @Test
    void modesSetTheirBackendKeys() {
        assertThat(conf(Experiment.defaults().mode("hashmap"), "file:///c").toMap())
                .containsEntry("state.backend.type", "hashmap")
                .containsEntry("execution.checkpointing.incremental", "false");
        Configuration changelog = conf(Experiment.defaults().mode("changelog").materializeEvery("30s"), "file:///c");
        assertThat(changelog.toMap()).containsEntry("state.backend.type", "rocksdb")
                .containsEntry("state.changelog.enabled", "true")
                .containsEntry("state.changelog.periodic-materialize.interval", "30 s")
                // where the changes go is the TaskManagers' setting (ClusterNeeds), never the job's
                .doesNotContainKey("state.changelog.storage");
        Configuration forst = conf(Experiment.defaults().mode("forst"), "file:///c");
        assertThat(forst.toMap()).containsEntry("state.backend.type", "forst")
                .containsEntry("state.backend.forst.local-dir", "/tmp/run/rocksdb-local")
                .doesNotContainKey("state.backend.forst.primary-dir");
        assertThat(conf(Experiment.defaults().mode("forst").storage("s3"), "s3://ckpt/r/checkpoints").toMap())
                .containsEntry("state.backend.forst.primary-dir", "file:///tmp/run/forst-primary");
    }

    @Test
    void flavoursSetTheirKeys() {
        assertThat(conf(Experiment.defaults().fileMerging(true).unaligned(true), "file:///c").toMap())
                .containsEntry("execution.checkpointing.file-merging.enabled", "true")
                .containsEntry("execution.checkpointing.unaligned.enabled", "true");
        assertThat(conf(Experiment.defaults(), "file:///c").toMap())
                .doesNotContainKey("execution.checkpointing.file-merging.enabled")
                .doesNotContainKey("execution.checkpointing.unaligned.enabled")
                .doesNotContainKey("state.changelog.enabled");
    }

    @Test
    void clusterNeedsCarryTheChangelogStorageAndTheUsersS3Keys() {
        var needs = ClusterNeeds.of(Experiment.defaults().mode("changelog").checkpointDir("s3://b/p")
                .config("s3.endpoint", "http://127.0.0.1:9000").config("parallelism.default", "2"));
        assertThat(needs).containsEntry("state.changelog.storage", "filesystem")
                .containsEntry("state.changelog.dstl.dfs.base-path", "s3://b/p/changelog")
                .containsEntry("s3.endpoint", "http://127.0.0.1:9000")
                .doesNotContainKey("parallelism.default");
        // a default run needs nothing but local recovery off (Flink's default, so no cluster restarts for it)
        assertThat(ClusterNeeds.of(Experiment.defaults())).containsOnly(
                java.util.Map.entry("execution.checkpointing.local-backup.enabled", "false"),
                java.util.Map.entry("execution.state-recovery.from-local", "false"));
        assertThat(ClusterNeeds.of(Experiment.defaults().localRecovery(true)))
                .containsEntry("execution.checkpointing.local-backup.enabled", "true")
                .containsEntry("execution.state-recovery.from-local", "true");
    }
}
