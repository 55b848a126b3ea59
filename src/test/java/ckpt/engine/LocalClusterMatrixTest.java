package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.LocalTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * Every mode, and the embedded S3 server, on a real standalone cluster of 2 TaskManager JVMs × 2 slots: the
 * backends' jars reach those JVMs on their class path, the S3 file system as a plugin in the cluster's plugins/
 * folder, and the S3 endpoint and changelog storage through the cluster's config.yaml.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalClusterMatrixTest {
    static final Experiment BASE = Experiment.defaults().keys(20_000).valueBytes(256).seconds(3).interval("500ms")
            .parallelism(2);
    LocalTarget target;
    List<Run> runs;

    /** The "restarting" lines the runs showed: those of the S3 and changelog runs, then those of the rest. */
    final List<String> restartsFirst = new java.util.ArrayList<>();
    final List<String> restartsLater = new java.util.ArrayList<>();

    @BeforeAll
    void runAll() {
        target = LocalTarget.of(2, 2);
        ckpt.model.RunProgress.ProgressListener before = Runs.listener();
        List<String> restarts = new java.util.ArrayList<>();
        Runs.listener(p -> {
            if (p.phase().equals("restarting")) {
                restarts.add(p.run());
            }
        });
        try {
            // the S3 and changelog runs first: each adds cluster-wide keys (one restart each), the rest reuse them
            List<Run> first = List.of(
                    Runs.run(BASE.mode("incremental").storage("s3").name("lc-s3"), target),
                    Runs.run(BASE.mode("changelog").materializeEvery("1s").name("lc-changelog"), target));
            restartsFirst.addAll(restarts);
            restarts.clear();
            List<Run> rest = List.of(
                    Runs.run(BASE.mode("full").name("lc-full"), target),
                    Runs.run(BASE.mode("incremental").name("lc-incremental"), target),
                    Runs.run(BASE.mode("hashmap").name("lc-hashmap"), target),
                    Runs.run(BASE.mode("forst").name("lc-forst"), target),
                    Runs.run(BASE.mode("forst").storage("s3").name("lc-forst-s3"), target));
            restartsLater.addAll(restarts);
            runs = new java.util.ArrayList<>(first);
            runs.addAll(rest);
        } finally {
            Runs.listener(before);
        }
    }

    @Test
    void aRunThatRestartsTheClusterSaysWhichKeysAndTheRunsAfterItRestartNothing() {
        // which of the first two restarted depends on what earlier tests left on the session's cluster; each that
        // did names its keys by name (never a value: the S3 secret is one)
        assertThat(restartsFirst).allMatch(l -> l.startsWith("the local cluster for this run's cluster-wide settings ")
                && (l.contains("s3.*") || l.contains("state.changelog.*")) && !l.contains("="));
        assertThat(restartsLater).isEmpty();
        // asked without running anything: the keys the cluster has are no reason, another memory size or local
        // recovery are
        Experiment inc = BASE.mode("incremental");
        assertThat(target.restartFor(inc, ClusterNeeds.of(inc))).isEmpty();
        Experiment local = inc.localRecovery(true);
        assertThat(target.restartFor(local, ClusterNeeds.of(local))).hasValue("the local cluster for this run's"
                + " cluster-wide settings local recovery (Flink reads them at a process's start)");
        Experiment memory = inc.managedMemory("300m");
        assertThat(target.restartFor(memory, ClusterNeeds.of(memory))).hasValue("the local cluster for this run's"
                + " managed memory 300m (Flink reads them at a process's start)");
    }

    @AfterAll
    void stop() {
        List<ProcessHandle> jvms = target.cluster().processes();
        target.stop();
        assertThat(jvms).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void everyModeAndStorageCompletesWithEveryFigureOnTheCluster() throws Exception {
        for (Run r : runs) {
            MatrixChecks.complete(r);
            assertThat(r.target()).startsWith("local · 2 TaskManagers · 4 slots");
            MatrixChecks.diskMatchesWalk(r);
            MatrixChecks.recordsMatchPlanAcrossTheNetwork(r, BASE.keys());
        }
    }

    @Test
    void aLaterLocalClusterOfTheSameShapeReusesTheClusterTheRunsGaveTheirKeys() {
        // the S3 and changelog runs restarted the cluster with their keys; a notebook's next localCluster(2, 2)
        // must get that cluster, not replace it with one without them
        ckpt.target.LocalCluster running = target.cluster();
        long jobManager = running.processes().get(0).pid();
        LocalTarget again = LocalTarget.of(2, 2);
        assertThat(again.cluster()).isSameAs(running);
        assertThat(running.alive()).isTrue();
        assertThat(again.cluster().processes().get(0).pid()).isEqualTo(jobManager);
        assertThat(again.url()).isEqualTo(target.url());
    }

    @Test
    void theClusterLoadsTheS3PluginFromItsPluginsFolder() throws Exception {
        Path plugins = target.cluster().pluginsDir();
        assertThat(Files.list(plugins).map(p -> p.getFileName().toString()).toList()).contains("s3-fs-native");
        // its TaskManagers wrote the S3 run's objects into the shell's S3 server
        Run s3 = runs.get(0);
        assertThat(s3.checkpointDir().getScheme()).isEqualTo("s3");
        assertThat(s3.steadyCheckpoints().longColumn("s3_put").sum()).isPositive();
    }

    @Test
    void forstWritesItsStateIntoItsRemoteDirectoryFromEveryTaskManager() {
        Run forst = runs.get(5);
        Table files = forst.checkpointFiles();
        Table ssts = files.where(files.stringColumn("rocksdb_file").endsWith(".sst"));
        assertThat(ssts.longColumn("subtask").unique().size()).isEqualTo(2);
        assertThat(ssts.stringColumn("path").asList()).allMatch(p -> p.contains("/shared/op_") && p.contains("/db/"));
    }
}
