package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * The embedded target is read over REST like every other; what Flink holds in process must be exactly what the
 * REST reader reported, and what REST says must be exactly what the run's tables hold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RestAgreementTest {
    Run run;

    final java.util.List<ckpt.model.RunProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    void runOnce() {
        ckpt.model.RunProgress.ProgressListener before = Runs.listener();
        Runs.listener(progress::add);
        try {
            run = Runs.run(Experiment.defaults().keys(20_000).valueBytes(256).seconds(3).interval("400ms")
                    .parallelism(2).mode("incremental").name("agreement"), Embedded.get());
        } finally {
            Runs.listener(before);
        }
    }

    @Test
    void theWarmUpsLastProgressLineShowsItWhole() {
        // the counter is as old as the JobManager's last metric fetch; the gate means every warm-up record is written
        int firstSteady = -1;
        for (int i = 0; i < progress.size() && firstSteady < 0; i++) {
            firstSteady = progress.get(i).phase().equals("steady") ? i : -1;
        }
        assertThat(firstSteady).isPositive();
        ckpt.model.RunProgress lastWarmUp = progress.get(firstSteady - 1);
        assertThat(lastWarmUp.phase()).isEqualTo("warmup");
        assertThat(lastWarmUp.warmupDone()).isEqualTo(lastWarmUp.warmupTotal()).isEqualTo(20_000);
    }

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void everyFigureEqualsFlinksRestJsonFetchedHere() throws Exception {
        assertThat(run.steadyCheckpoints().rowCount()).isGreaterThanOrEqualTo(3);
        // 2 subtasks of the state operator + 2 of the source per checkpoint: at least 4 subtask rows each
        assertThat(run.subtasks().rowCount()).isGreaterThanOrEqualTo(4 * run.checkpoints().rowCount());
        int compared = RestOracle.assertMatches(run, Embedded.get().url());
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void theInProcessStatisticsEqualWhatTheRestReaderReported() throws Exception {
        AccessExecutionGraph g = Embedded.get().mini().getArchivedExecutionGraph(JobID.fromHexString(run.jobId()))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        Table oracle = InProcessStats.build(g.getCheckpointStatsSnapshot(), run.name(), run.mode().name());
        Table ours = run.checkpoints();
        assertThat(ours.rowCount()).isEqualTo(oracle.rowCount()).isPositive();
        for (String col : new String[] {CheckpointTable.CHECKPOINT_ID, CheckpointTable.DURATION_MS,
                CheckpointTable.SYNC_MS, CheckpointTable.ASYNC_MS, CheckpointTable.ALIGNMENT_MS,
                CheckpointTable.START_DELAY_MS, CheckpointTable.STATE_BYTES, CheckpointTable.CHECKPOINTED_BYTES}) {
            assertThat(ours.longColumn(col).asList()).as(col).isEqualTo(oracle.longColumn(col).asList());
        }
        assertThat(ours.instantColumn(CheckpointTable.TRIGGER_TIME).asList())
                .isEqualTo(oracle.instantColumn(CheckpointTable.TRIGGER_TIME).asList());
        // _metadata sizes: REST has none; the embedded cluster's spans give every completed checkpoint's, exactly
        int completed = 0;
        for (int i = 0; i < ours.rowCount(); i++) {
            if (ours.stringColumn(CheckpointTable.STATUS).get(i).equals(CheckpointTable.COMPLETED)) {
                completed++;
                assertThat(ours.longColumn(CheckpointTable.METADATA_BYTES).getLong(i))
                        .as("metadata of checkpoint " + ours.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(i))
                        .isPositive()
                        .isEqualTo(oracle.longColumn(CheckpointTable.METADATA_BYTES).getLong(i));
            }
        }
        assertThat(completed).isPositive();
        // the retained checkpoint's _metadata file, where the storage fills in for a remote cluster, says the same
        java.util.Map<Long, Long> stored = CheckpointFiles.metadataLengths(run.checkpointDir());
        assertThat(stored).isNotEmpty();
        stored.forEach((id, length) -> {
            int row = ours.longColumn(CheckpointTable.CHECKPOINT_ID).asList().indexOf(id);
            assertThat(ours.longColumn(CheckpointTable.METADATA_BYTES).getLong(row)).as("chk-" + id).isEqualTo(length);
        });
    }
}
