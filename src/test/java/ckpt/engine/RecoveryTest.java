package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.RecoveryTable;
import ckpt.model.Run;
import ckpt.model.SavepointTable;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * What getting the state back costs, on the embedded target: restores of FULL and INCREMENTAL checkpoints bring
 * back exactly the state that was checkpointed (a verification pass reads every key), with Flink's own restore
 * figures; savepoints of both formats match their files and restore; a chain of incremental checkpoints is cut by
 * forced FULL ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecoveryTest {
    static final Experiment E = Experiment.defaults().keys(30_000).valueBytes(200).seconds(3).interval("400ms")
            .parallelism(2);

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void restoresOfFullAndIncrementalCheckpointsBringBackExactlyTheCheckpointedState() {
        for (String mode : List.of("full", "incremental")) {
            Run first = Runs.run(E.mode(mode).name("first-" + mode), Embedded.get());
            long lastState = first.finalStateBytes();
            List<ckpt.model.RunProgress> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            ckpt.model.RunProgress.ProgressListener before = Runs.listener();
            Runs.listener(progress::add);
            Run back;
            try {
                back = Runs.run(first.experiment().restoreFrom(retained(first)).verifyState()
                        .name("back-" + mode), Embedded.get());
            } finally {
                Runs.listener(before);
            }
            assertThat(back.status()).isEqualTo("FINISHED");
            // the progress says restore, not a warm-up of 0 records; its last line before steady shows it whole
            assertThat(progress).extracting(ckpt.model.RunProgress::phase).doesNotContain("warmup").contains("restore");
            int firstSteady = progress.stream().map(ckpt.model.RunProgress::phase).toList().indexOf("steady");
            ckpt.model.RunProgress lastRestore = progress.get(firstSteady - 1);
            assertThat(lastRestore.phase()).isEqualTo("restore");
            assertThat(lastRestore.warmupDone()).isEqualTo(lastRestore.warmupTotal()).isEqualTo(E.keys());
            // every key was read once: the update counts add up to what the source had written by that checkpoint
            assertThat(back.verification().matches()).as(back.verification().toString()).isTrue();
            assertThat(back.verification().keys()).isEqualTo(E.keys());
            // …and that position lies between the warm-up and everything the first run wrote
            assertThat(back.verification().restoredRecords()).isBetween(E.keys(), E.keys() + first.steadyRecords());
            // Flink's restore figures: one restore row, bytes = the checkpoint's full state size within 1 %
            Table rec = back.recoveries();
            assertThat(rec.rowCount()).isEqualTo(1);
            Row r = rec.row(0);
            assertThat(r.getString(RecoveryTable.CAUSE)).isEqualTo(RecoveryTable.RESTORE);
            assertThat((double) r.getLong(RecoveryTable.RESTORED_BYTES)).isCloseTo(lastState, within(lastState * 0.01));
            long wall = back.timeline().steadyStart() - back.timeline().jobStart();
            for (String d : List.of(RecoveryTable.RESTORE_MS, RecoveryTable.INIT_MS_MAX, RecoveryTable.DOWNTIME_MS)) {
                assertThat(r.getLong(d)).as(d).isPositive().isLessThan(wall);
            }
            // no second warm-up: the restored run's records are the read-only pass and its own steady phase
            assertThat(back.records()).isEqualTo(E.keys() + back.steadyRecords());
            assertThat(back.steadyCheckpoints().rowCount()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void canonicalAndNativeSavepointsMatchTheirFilesAndBothRestore() throws Exception {
        Run r = Runs.run(E.mode("incremental").seconds(4).savepointAfter("1s", "canonical")
                .savepointAfter("2s", "native").name("savepoints"), Embedded.get());
        Table sp = r.savepoints();
        assertThat(sp.stringColumn(SavepointTable.FORMAT).asList()).containsExactly("canonical", "native");
        assertThat(sp.stringColumn(SavepointTable.STATUS).asList()).containsOnly("COMPLETED");
        for (Row row : sp) {
            Path dir = Path.of(java.net.URI.create(row.getString(SavepointTable.PATH)));
            assertThat(row.getLong(SavepointTable.BYTES)).isEqualTo(EngineTest.walk(dir)).isPositive();
            assertThat(row.getLong(SavepointTable.TRIGGER_MS)).isPositive();
            Run back = Runs.run(r.experiment().restoreFrom(row.getString(SavepointTable.PATH)).verifyState()
                    .seconds(2).name("from-" + row.getString(SavepointTable.FORMAT)), Embedded.get());
            assertThat(back.verification().matches()).as(back.verification().toString()).isTrue();
            assertThat(back.recoveries().rowCount()).isEqualTo(1);
        }
        // savepoints are not checkpoints of the run: its table and statistics leave them out
        assertThat(r.checkpoints().rowCount()).isEqualTo((int) r.counts().completed() - 2
                + (int) r.failedInHistory() + (int) r.abortedAtStop());
    }

    @Test
    void everyThirdCheckpointIsForcedFullInIncrementalMode() {
        Run r = Runs.run(E.mode("incremental").seconds(5).fullCheckpointEvery(3).name("full-every-3"),
                Embedded.get());
        Table done = CheckpointTable.completed(r.checkpoints());
        Table full = done.where(done.stringColumn(CheckpointTable.CHECKPOINT_TYPE).isEqualTo(CheckpointTable.FULL_TYPE));
        assertThat(full.rowCount()).isGreaterThanOrEqualTo(2);
        // a FULL checkpoint in incremental mode uploads the whole state again
        for (Row row : full) {
            assertThat(row.getLong(CheckpointTable.CHECKPOINTED_BYTES)).isEqualTo(row.getLong(CheckpointTable.STATE_BYTES));
        }
        // and between two forced ones there are two incremental checkpoints, or three when a periodic one was
        // already in flight when the FULL one was asked (Flink takes one checkpoint at a time)
        List<Long> ids = full.longColumn(CheckpointTable.CHECKPOINT_ID).asList();
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i) - ids.get(i - 1)).isBetween(3L, 4L);
        }
    }

    @Test
    void killingATaskManagerNeedsALocalCluster() {
        assertThatThrownBy(() -> Runs.run(E.seconds(3).killTaskManagerAfter("1s"), Embedded.get()))
                .isInstanceOf(CkptException.class).hasMessageContaining("killTaskManagerAfter needs a localCluster");
    }

    private static String retained(Run r) {
        return CheckpointFiles.latest(r.checkpointDir()).orElseThrow().toUri().toString();
    }
}
