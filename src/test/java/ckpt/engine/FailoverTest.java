package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.RecoveryTable;
import ckpt.model.RestartTable;
import ckpt.model.Run;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A task failing mid-steady: the job comes back from its last checkpoint and carries on; warm-up is not re-run. */
class FailoverTest {
    @AfterAll
    static void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void withLocalRecoveryTheTaskManagerKeepsLocalCopiesAndTheFailoverUsesThem() throws Exception {
        // with the user's restart strategy: a fixed 2.5 s delay instead of the default 1 s backoff
        Run r = Runs.run(Experiment.defaults().keys(20_000).valueBytes(128).seconds(6).interval("400ms")
                .localRecovery(true).failAfter("2s").config("restart-strategy.type", "fixed-delay")
                .config("restart-strategy.fixed-delay.delay", "2500 ms").name("local-recovery"), Embedded.get());
        assertThat(r.status()).isEqualTo("FINISHED");
        assertThat(r.recoveries().longColumn(RecoveryTable.DOWNTIME_MS).getLong(0)).isGreaterThanOrEqualTo(2500);
        // local recovery is the TaskManager's setting: the embedded cluster was started with it
        assertThat(Embedded.get().clusterKeys()).containsEntry("execution.checkpointing.local-backup.enabled", "true")
                .containsEntry("execution.state-recovery.from-local", "true");
        // the next run without it restarts the cluster, and says why before it does; one with it does not
        Experiment plain = Experiment.defaults();
        assertThat(Embedded.get().restartFor(plain, ClusterNeeds.of(plain))).hasValue("the embedded cluster for"
                + " this run's cluster-wide settings local recovery (Flink reads them at a process's start)");
        Experiment again = r.experiment();
        assertThat(Embedded.get().restartFor(again, ClusterNeeds.of(again))).isEmpty();
        assertThat(java.nio.file.Files.readString(r.dir().resolve("experiment.json")))
                .contains("\"restart_strategy\" : \"fixed-delay\"")
                .contains("\"restart-strategy.fixed-delay.delay\" : \"2500 ms\"");
        Table rec = r.recoveries();
        assertThat(rec.stringColumn(RecoveryTable.CAUSE).asList()).containsExactly(RecoveryTable.FAILURE);
        // Flink's JobInitialization span reports what the failover read. On file:// storage Flink counts the
        // checkpoint itself as local disk too, so S3StorageTest shows on a remote store that the copies were used.
        assertThat(rec.longColumn(RecoveryTable.RESTORED_LOCAL_BYTES).getLong(0)).isPositive();
    }

    @Test
    void aFailoverMidSteadyResumesWithoutASecondWarmupAndIsRecorded() {
        Experiment e = Experiment.defaults().keys(30_000).valueBytes(128).seconds(5).interval("400ms").parallelism(2)
                .failAfter("2s").name("failover");
        Run r = Runs.run(e, Embedded.get());
        assertThat(r.status()).isEqualTo("FINISHED");
        // and without it, whatever ran before: no local copies this run did not ask for
        assertThat(Embedded.get().clusterKeys()).doesNotContainEntry("execution.checkpointing.local-backup.enabled",
                "true").doesNotContainEntry("execution.state-recovery.from-local", "true");
        assertThat(r.restartCount()).isEqualTo(1);
        Table restarts = r.restarts();
        assertThat(restarts.stringColumn(RestartTable.CAUSE).get(0)).contains("injected failure 2000 ms into steady");
        assertThat(restarts.stringColumn(RestartTable.TASK).get(0)).contains("ckpt-source");
        assertThat(r.counts().restored()).isEqualTo(1);
        // steady checkpoints complete after the restart too
        long restartT = restarts.longColumn(CheckpointTable.T_MS).getLong(0);
        Table steady = r.steadyCheckpoints();
        assertThat(steady.longColumn(CheckpointTable.T_MS).asList()).anyMatch(t -> t > restartT);
        // The source resumed from its checkpointed position: the counters over all attempts hold the plan plus the
        // records replayed since the restored checkpoint (a few hundred ms of steady), not a second warm-up.
        assertThat(r.records()).isEqualTo(e.keys() + r.steadyRecords() + r.recordsReplayed());
        assertThat(r.recordsReplayed()).isPositive().isLessThan((long) (e.steadyRate() * 2)).isLessThan(e.keys() / 2);
        // it caught up after the restore: the steady records are the plan's (within 10 %)
        double planned = Math.ceil(e.steadyRate() * e.seconds());
        assertThat((double) r.steadyRecords()).isCloseTo(planned, within(planned * 0.10));
        assertThat(ckpt.report.RunText.text(r)).contains("1 restart").contains("injected failure");
        // the recovery, as Flink reported it: from a checkpoint of this run, its state back in full, the job down
        // for a while and the source behind until it caught up; its replayed records are the run's
        Table rec = r.recoveries();
        assertThat(rec.rowCount()).isEqualTo(1);
        assertThat(rec.stringColumn(RecoveryTable.CAUSE).get(0)).isEqualTo(RecoveryTable.FAILURE);
        long restoredId = rec.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(0);
        assertThat(r.checkpoints().longColumn(CheckpointTable.CHECKPOINT_ID).asList()).contains(restoredId);
        long downtime = rec.longColumn(RecoveryTable.DOWNTIME_MS).getLong(0);
        assertThat(downtime).isGreaterThanOrEqualTo(JobConfig.RESTART_DELAY.toMillis()).isLessThan(30_000);
        assertThat(rec.longColumn(RecoveryTable.RESTORED_BYTES).getLong(0)).isPositive();
        assertThat(rec.longColumn(RecoveryTable.CATCHUP_MS).isMissing(0)).isFalse();
        assertThat(rec.longColumn(RecoveryTable.RECORDS_REPLAYED).getLong(0)).isEqualTo(r.recordsReplayed());
    }
}
