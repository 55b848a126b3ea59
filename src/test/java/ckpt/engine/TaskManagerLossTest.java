package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.RecoveryTable;
import ckpt.model.Run;
import ckpt.target.LocalTarget;
import ckpt.target.TaskManagerEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A TaskManager process killed mid-steady on a real cluster of 2 × 1 slot: the job comes back and goes on. */
class TaskManagerLossTest {

    @Test
    void aKilledTaskManagerIsRecoveredFromAndCheckpointsCompleteAfterIt() {
        LocalTarget target = LocalTarget.of(2, 1);
        try {
            Run r = Runs.run(Experiment.defaults().keys(20_000).valueBytes(128).seconds(30).interval("500ms")
                    .parallelism(2).killTaskManagerAfter("3s").name("tm-loss"), target);
            assertThat(r.status()).isEqualTo("FINISHED");
            Table rec = r.recoveries();
            assertThat(rec.stringColumn(RecoveryTable.CAUSE).asList()).contains(RecoveryTable.TASKMANAGER_LOST);
            int lost = rec.stringColumn(RecoveryTable.CAUSE).asList().indexOf(RecoveryTable.TASKMANAGER_LOST);
            long back = rec.longColumn(CheckpointTable.T_MS).getLong(lost);
            // checkpoints complete after the recovery
            Table done = CheckpointTable.completed(r.checkpoints());
            assertThat(done.longColumn(CheckpointTable.T_MS).asList()).anyMatch(t -> t > back);
            // down from the TaskManager's loss (the first failure) until all tasks were initialized again
            long firstFailure = r.restarts().longColumn(CheckpointTable.T_MS).getLong(0);
            assertThat(rec.longColumn(RecoveryTable.DOWNTIME_MS).getLong(lost))
                    .isEqualTo(back + rec.longColumn(RecoveryTable.RESTORE_MS).getLong(lost) - firstFailure);
            // the lost TaskManager's last counters never reached Flink: no replay figure rather than a wrong one
            assertThat(rec.longColumn(RecoveryTable.RECORDS_REPLAYED).isMissing(lost)).isTrue();
            // the cluster says which TaskManager went and which came
            List<TaskManagerEvent> events = target.cluster().events();
            assertThat(events).anyMatch(ev -> ev.kind() == TaskManagerEvent.Kind.KILLED);
            assertThat(events.stream().filter(ev -> ev.kind() == TaskManagerEvent.Kind.STARTED).count()).isEqualTo(3);
        } finally {
            target.stop();
        }
    }
}
