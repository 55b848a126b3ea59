package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.model.SubtaskTable;
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
 * The same engine on a real standalone cluster: 1 JobManager and 2 TaskManager JVMs × 2 slots, parallelism 4. The
 * job reaches the TaskManagers only as the submitted jar (their class path has no project classes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalClusterRunTest {
    static final Experiment E = Experiment.defaults().keys(40_000).valueBytes(256).seconds(3).interval("500ms")
            .parallelism(4);
    LocalTarget target;
    Run full;
    Run incremental;

    @BeforeAll
    void runBoth() {
        // started in the background as --local-cluster does: meanwhile target() says it is starting
        target = LocalTarget.lazy(2, 2);
        Thread start = new Thread(target::url);
        start.start();
        long deadline = System.currentTimeMillis() + 5_000;
        while (!target.starting() && !target.running() && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        describedWhileStarting = target.describe();
        try {
            start.join(120_000);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        // the throwaway job first: it may end the quick way too, and is not counted
        Runs.ready(target, warmingProgress::add);
        int before = QuickEnd.ENDED.get();
        full = Runs.run(E.mode("full").name("local-full"), target);
        long cpu = clusterCpuMillis();
        incremental = Runs.run(E.mode("incremental").name("local-inc"), target);
        clusterCpuDuringIncremental = clusterCpuMillis() - cpu;
        quickEnds = QuickEnd.ENDED.get() - before;
    }

    int quickEnds;
    long clusterCpuDuringIncremental;
    String describedWhileStarting;
    final List<ckpt.model.RunProgress> warmingProgress = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * While the cluster starts, target() says so rather than "not started yet"; the throwaway job shows as one
     * "warming" line, not as a run of its own with phases and a second dashboard line.
     */
    @Test
    void theStartAndTheThrowawayJobReadAsWhatTheyAre() {
        assertThat(describedWhileStarting).isEqualTo("local · 2 TaskManagers × 2 slots · starting (runs wait for it)");
        assertThat(warmingProgress).isNotEmpty().allSatisfy(p -> {
            assertThat(p.phase()).isEqualTo("warming");
            assertThat(p.run()).isEqualTo(ClusterWarmUp.SHOWN_AS);
            assertThat(p.dashboard()).isEmpty();
        });
        assertThat(ckpt.report.ProgressLine.of(warmingProgress.get(0), 0))
                .isEqualTo("  warming the new cluster's JVMs with a throwaway job (not measured) …");
    }

    /** CPU the cluster's JVMs have used, all their threads, as the OS counts it. */
    long clusterCpuMillis() {
        return target.cluster().processes().stream()
                .mapToLong(p -> p.info().totalCpuDuration().orElse(java.time.Duration.ZERO).toMillis()).sum();
    }

    /**
     * Each run records what the cluster's JIT compiler threads used (from /proc): more than nothing on JVMs that
     * have run only a throwaway job and one run, and no more than all of the cluster's threads used meanwhile.
     */
    @Test
    void eachRunRecordsTheCpuOfTheClustersJitCompilers() throws java.io.IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (Run r : List.of(full, incremental)) {
            long jit = json.readTree(r.dir().resolve("summary.json").toFile()).path("jit_cpu_ms").asLong(-1);
            assertThat(jit).as(r.name()).isPositive();
            if (r == incremental) {
                assertThat(jit).isLessThanOrEqualTo(clusterCpuDuringIncremental);
            }
        }
    }

    /**
     * On this machine's cluster both runs stop as their window's last checkpoint completes (QuickEnd): aligned, its
     * barrier followed the source's last record through the network, so the stateful operator's four subtasks took
     * every record before the cancel — exactly, not within the 1 % a cancel can otherwise leave in the buffers.
     */
    @Test
    void bothRunsStopAtTheirWindowsLastCheckpointWithEveryRecordDelivered() {
        assertThat(quickEnds).isEqualTo(2);
        for (Run r : List.of(full, incremental)) {
            assertThat(r.records()).as(r.name()).isEqualTo(E.keys() + r.steadyRecords());
        }
    }

    @AfterAll
    void stop() {
        List<ProcessHandle> jvms = target.cluster().processes();
        target.stop();
        assertThat(jvms).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void bothModesRunOnTheClusterWithSteadyCheckpointsAndTheWholePlan() {
        for (Run r : List.of(full, incremental)) {
            assertThat(r.status()).isEqualTo("FINISHED");
            assertThat(r.target()).startsWith("local · 2 TaskManagers · 4 slots · Flink 2.3.0 · http://127.0.0.1:");
            assertThat(r.steadyCheckpoints().rowCount()).isGreaterThanOrEqualTo(3);
            MatrixChecks.recordsMatchPlanAcrossTheNetwork(r, E.keys());
            double planned = Math.ceil(E.steadyRate() * E.seconds());
            assertThat((double) r.steadyRecords()).isCloseTo(planned, within(planned * 0.10));
            // four subtasks of the stateful operator report each checkpoint: the slow one is visible
            Table st = r.subtasks().where(r.subtasks().stringColumn(SubtaskTable.OPERATOR).containsString("ckpt-state"));
            assertThat(st.longColumn(SubtaskTable.SUBTASK).unique().asList()).containsExactlyInAnyOrder(0L, 1L, 2L, 3L);
        }
    }

    /**
     * Fresh cluster JVMs run their first job interpreted (its checkpoints took 2.6–3× as long as later runs'): the
     * first job on a cluster the tool starts is a throwaway one, never a measured run, and it leaves no folder.
     */
    @Test
    void aFreshClustersFirstJobIsTheThrowawayWarmUpNotAMeasuredRun() throws Exception {
        List<com.fasterxml.jackson.databind.JsonNode> jobs = new java.util.ArrayList<>();
        new ckpt.target.FlinkRest(target.url()).get("jobs/overview").path("jobs").forEach(jobs::add);
        jobs.sort(java.util.Comparator.comparingLong(j -> j.path("start-time").asLong()));
        List<String> names = jobs.stream().map(j -> j.path("name").asText()).toList();
        assertThat(names.get(0)).startsWith("ckpt-.cluster-warm-up-");
        assertThat(jobs.get(0).path("state").asText()).isEqualTo("CANCELED");
        assertThat(names).filteredOn(n -> n.contains("cluster-warm-up")).hasSize(1);
        assertThat(names).contains("ckpt-" + full.id(), "ckpt-" + incremental.id());
        assertThat(names.indexOf("ckpt-" + full.id())).isPositive();
        assertThat(target.cold()).isFalse();
        try (var runs = Files.list(Recorder.root())) {
            assertThat(runs.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("cluster-warm-up"));
        }
    }

    @Test
    void theTaskManagersLoadRocksDbsLibraryFromTheClusterFolderInsteadOfUnpackingEachACopy() throws Exception {
        Path dir = target.cluster().dir();
        try (var unpacked = Files.list(dir.resolve("native"))) {
            assertThat(unpacked.toList()).singleElement().satisfies(f -> {
                assertThat(f.getFileName().toString()).startsWith("librocksdbjni");
                assertThat(Files.size(f)).isGreaterThan(1 << 20);
            });
        }
        // Both runs had RocksDB on both TaskManagers (4 subtasks on 2 × 2 slots). A TaskManager that loads the library
        // from its jar unpacks a copy into io.tmp.dirs, which stays there while it lives.
        assertThat(target.cluster().processes()).hasSize(3).allMatch(ProcessHandle::isAlive);
        try (var tmp = Files.walk(dir.resolve("tmp"))) {
            assertThat(tmp.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("librocksdbjni"))).isEmpty();
        }
    }

    @Test
    void everyCheckpointAndSubtaskFigureEqualsFlinksRestJson() throws Exception {
        for (Run r : List.of(full, incremental)) {
            assertThat(RestOracle.assertMatches(r, target.url())).isGreaterThan(200);
        }
    }

    @Test
    void diskBytesEqualAFileWalkAndTheMetadataAccountsForTheStateToTheByte() throws Exception {
        for (Run r : List.of(full, incremental)) {
            Path dir = Path.of(r.checkpointDir());
            assertThat(r.disk().totalBytes()).isEqualTo(EngineTest.walk(dir));
            assertThat(r.checkpointFiles().longColumn("bytes").sum()).isEqualTo((double) r.finalStateBytes());
            // the state is spread over the 4 subtasks' RocksDB instances
            Table files = r.checkpointFiles();
            assertThat(files.where(files.stringColumn("rocksdb_file").endsWith(".sst")).longColumn("subtask")
                    .unique().size()).isEqualTo(4);
            assertThat(Files.isDirectory(dir.resolve("chk-" + EngineTest.lastCompletedId(r)))).isTrue();
        }
        assertThat(incremental.disk().sharedBytes()).isPositive();
        assertThat(full.disk().sharedBytes()).isZero();
        Table steady = incremental.steadyCheckpoints();
        assertThat(steady.longColumn(CheckpointTable.CHECKPOINTED_BYTES).median())
                .isLessThan(0.5 * steady.longColumn(CheckpointTable.STATE_BYTES).median());
    }
}
