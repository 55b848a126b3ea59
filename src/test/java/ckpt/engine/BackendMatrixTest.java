package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.report.Tables;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * Every mode on one workload, on the embedded target: real RocksDB, heap, changelog and ForSt backends, real files.
 * ~5 MiB of state (20,000 keys × 256 random bytes), 4 steady seconds, a checkpoint every 500 ms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackendMatrixTest {
    static final Experiment BASE = Experiment.defaults().keys(20_000).valueBytes(256).seconds(4).interval("500ms");
    Run full;
    Run incremental;
    Run hashmap;
    Run changelog;
    Run forst;
    /** Changelog without a materialization during the run: every change is still in the changelog at the end. */
    Run changesOnly;

    @BeforeAll
    void runAll() {
        full = Runs.run(BASE.mode("full").name("m-full"), Embedded.get());
        incremental = Runs.run(BASE.mode("incremental").name("m-incremental"), Embedded.get());
        hashmap = Runs.run(BASE.mode("hashmap").name("m-hashmap"), Embedded.get());
        changelog = Runs.run(BASE.mode("changelog").materializeEvery("1s").name("m-changelog"), Embedded.get());
        forst = Runs.run(BASE.mode("forst").name("m-forst"), Embedded.get());
        changesOnly = Runs.run(BASE.mode("changelog").seconds(3).name("m-changes-only"), Embedded.get());
    }

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    List<Run> all() {
        return List.of(full, incremental, hashmap, changelog, forst, changesOnly);
    }

    @Test
    void everyModeCompletesSteadyCheckpointsWithEveryFigure() {
        all().forEach(MatrixChecks::complete);
        // the whole plan went through each backend: every key once, then the steady churn
        for (Run r : all()) {
            assertThat(r.records()).as(r.name()).isEqualTo(BASE.keys() + r.steadyRecords());
        }
    }

    @Test
    void diskBytesEqualAWalkOfTheStorageForEveryMode() throws Exception {
        for (Run r : all()) {
            MatrixChecks.diskMatchesWalk(r);
        }
        // the changelog's state changes live in their own folder (<base>/<job id>/dstl), and the run counts them
        Path dstl = MatrixChecks.storageDirs(changesOnly)[1];
        assertThat(dstl.resolve("dstl")).isDirectory();
        assertThat(MatrixChecks.walk(dstl)).isPositive();
        assertThat(changesOnly.disk().sharedBytes()).isGreaterThanOrEqualTo(MatrixChecks.walk(dstl));
        assertThat(changesOnly.disk().orphanedBytes()).isZero(); // the retained checkpoint references every one
    }

    @Test
    void forstKeepsItsStateFilesInItsRemoteDirectory() throws Exception {
        // ForSt's primary directory defaults to the checkpoint directory: its SST files are written there while
        // the job runs, and checkpoints reference them in place (kind "shared", under shared/op_…/db/)
        Table files = forst.checkpointFiles();
        Table ssts = files.where(files.stringColumn("rocksdb_file").endsWith(".sst"));
        assertThat(ssts.rowCount()).isPositive();
        Path jobDir = Path.of(forst.checkpointDir());
        for (String uri : ssts.stringColumn("path").asList()) {
            Path p = Path.of(java.net.URI.create(uri));
            assertThat(p).startsWith(jobDir.resolve("shared"));
            assertThat(p.getParent().getFileName().toString()).isEqualTo("db");
            assertThat(Files.size(p)).isPositive();
        }
        // and nothing of the state sits in ForSt's local directory once the job is gone (it was removed with the
        // run's working files); the SSTs add up to the state Flink reports
        assertThat(ssts.longColumn("bytes").sum()).isGreaterThan(0.9 * forst.finalStateBytes());
        assertThat(forst.experiment().mode().asyncState()).isTrue();
    }

    @Test
    void changelogTradesStorageForSmallCheckpoints() {
        Table cmp = Tables.compare(changelog, incremental);
        double overheadChangelog = cmp.doubleColumn(Tables.STORAGE_OVERHEAD).getDouble(0);
        double overheadIncremental = cmp.doubleColumn(Tables.STORAGE_OVERHEAD).getDouble(1);
        assertThat(overheadChangelog).isGreaterThan(1.0).isGreaterThan(overheadIncremental);
        double medChangelog = changelog.steadyCheckpoints().longColumn(CheckpointTable.CHECKPOINTED_BYTES).median();
        double medIncremental = incremental.steadyCheckpoints().longColumn(CheckpointTable.CHECKPOINTED_BYTES).median();
        assertThat(medChangelog).isLessThan(medIncremental);
        // without a materialization, the state changes are all the retained checkpoint holds: their own entries,
        // with their files, adding up to the state Flink reports
        Table files = changesOnly.checkpointFiles();
        assertThat(files.stringColumn("kind").asList()).contains("changelog", "changelog-file");
        assertThat(files.longColumn("bytes").sum()).isEqualTo((double) changesOnly.finalStateBytes());
    }

    @Test
    void theMetadataAccountsForTheStateInEveryMode() {
        for (Run r : List.of(full, incremental, hashmap, changelog, changesOnly)) {
            assertThat(r.checkpointFiles().longColumn("bytes").sum()).as(r.name()).isEqualTo((double) r.finalStateBytes());
        }
    }

    @Test
    void hashmapWritesFullSnapshotsEveryTime() {
        Table done = hashmap.steadyCheckpoints();
        for (int i = 0; i < done.rowCount(); i++) {
            assertThat(done.longColumn(CheckpointTable.CHECKPOINTED_BYTES).getLong(i))
                    .isEqualTo(done.longColumn(CheckpointTable.STATE_BYTES).getLong(i));
        }
        assertThat(hashmap.disk().sharedBytes()).isZero();
    }
}
