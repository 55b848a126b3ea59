package ckpt.engine;

import ckpt.model.CheckpointTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import tech.tablesaw.api.Table;

/**
 * The test oracle for the REST reader: the same per-checkpoint table built from Flink's in-process statistics
 * objects ({@code CheckpointStatsSnapshot} of the MiniCluster's execution graph). Phases are ours, not Flink's, so
 * they are left out; a failed checkpoint is FAILED whatever the run called it.
 */
final class InProcessStats {
    private InProcessStats() {
    }

    static Table build(CheckpointStatsSnapshot snapshot, String runName, String mode) {
        Table t = CheckpointTable.empty(runName);
        List<AbstractCheckpointStats> all = new ArrayList<>(snapshot.getHistory().getCheckpoints());
        all.sort(Comparator.comparingLong(AbstractCheckpointStats::getCheckpointId));
        for (AbstractCheckpointStats c : all) {
            CheckpointStatsStatus status = c.getStatus();
            if (status == CheckpointStatsStatus.IN_PROGRESS) {
                continue;
            }
            boolean completed = status == CheckpointStatsStatus.COMPLETED;
            t.stringColumn(CheckpointTable.RUN).append(runName);
            t.stringColumn(CheckpointTable.MODE).append(mode);
            t.longColumn(CheckpointTable.CHECKPOINT_ID).append(c.getCheckpointId());
            t.stringColumn(CheckpointTable.PHASE).append("");
            t.instantColumn(CheckpointTable.TRIGGER_TIME).append(Instant.ofEpochMilli(c.getTriggerTimestamp()));
            t.longColumn(CheckpointTable.T_MS).appendMissing();
            appendOrMissing(t, CheckpointTable.DURATION_MS, completed ? c.getEndToEndDuration() : -1);
            appendOrMissing(t, CheckpointTable.SYNC_MS, max(c, SubtaskStateStats::getSyncCheckpointDuration));
            appendOrMissing(t, CheckpointTable.ASYNC_MS, max(c, SubtaskStateStats::getAsyncCheckpointDuration));
            appendOrMissing(t, CheckpointTable.ALIGNMENT_MS, max(c, SubtaskStateStats::getAlignmentDuration));
            appendOrMissing(t, CheckpointTable.START_DELAY_MS, max(c, SubtaskStateStats::getCheckpointStartDelay));
            appendOrMissing(t, CheckpointTable.STATE_BYTES, completed ? c.getStateSize() : -1);
            appendOrMissing(t, CheckpointTable.CHECKPOINTED_BYTES, completed ? c.getCheckpointedSize() : -1);
            appendOrMissing(t, CheckpointTable.METADATA_BYTES, completed ? c.getMetadataSize() : -1);
            t.stringColumn(CheckpointTable.STATUS).append(completed ? CheckpointTable.COMPLETED : CheckpointTable.FAILED);
            t.stringColumn(CheckpointTable.FAILURE).append(c instanceof FailedCheckpointStats f
                    && f.getFailureMessage() != null ? f.getFailureMessage() : "");
        }
        return t;
    }

    private static long max(AbstractCheckpointStats c, ToLongFunction<SubtaskStateStats> f) {
        long max = -1;
        for (TaskStateStats task : c.getAllTaskStateStats()) {
            for (SubtaskStateStats s : task.getSubtaskStats()) {
                if (s != null) {
                    max = Math.max(max, f.applyAsLong(s));
                }
            }
        }
        return max;
    }

    private static void appendOrMissing(Table t, String column, long value) {
        if (value < 0) {
            t.longColumn(column).appendMissing();
        } else {
            t.longColumn(column).append(value);
        }
    }
}
