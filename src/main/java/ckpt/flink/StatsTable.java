package ckpt.flink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.FailedCheckpointStats;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import tech.tablesaw.api.Table;

/**
 * Turns Flink's checkpoint statistics into the per-checkpoint table. Nothing is estimated here: every cell is a
 * field of Flink's {@code CompletedCheckpointStats}/{@code FailedCheckpointStats}, or the max over subtasks of
 * {@code SubtaskStateStats} (the slowest subtask decides when a checkpoint is done). Phases are assigned from
 * the trigger time against the run's phase boundaries.
 */
final class StatsTable {
    /**
     * Phase boundaries in epoch millis; -1 = not reached (yet). Steady checkpoints are those triggered in
     * [steadyStart, steadyEnd); stopAt is when the job was told to stop (failures after it are aborts).
     */
    record Phases(long start, long steadyStart, long steadyEnd, long stopAt) {
        String of(long triggerMillis) {
            if (steadyStart < 0 || triggerMillis < steadyStart) {
                return CheckpointTable.WARMUP;
            }
            if (steadyEnd >= 0 && triggerMillis >= steadyEnd) {
                return CheckpointTable.STOPPING;
            }
            return CheckpointTable.STEADY;
        }
    }

    private StatsTable() {
    }

    static Table build(CheckpointStatsSnapshot snapshot, String runName, Mode mode, Phases phases) {
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
            t.stringColumn(CheckpointTable.MODE).append(mode.name());
            t.longColumn(CheckpointTable.CHECKPOINT_ID).append(c.getCheckpointId());
            t.stringColumn(CheckpointTable.PHASE).append(phases.of(c.getTriggerTimestamp()));
            t.instantColumn(CheckpointTable.TRIGGER_TIME).append(Instant.ofEpochMilli(c.getTriggerTimestamp()));
            t.longColumn(CheckpointTable.T_MS).append(c.getTriggerTimestamp() - phases.start());
            appendOrMissing(t, CheckpointTable.DURATION_MS, c.getEndToEndDuration());
            appendOrMissing(t, CheckpointTable.SYNC_MS, maxOverSubtasks(c, SubtaskStateStats::getSyncCheckpointDuration));
            appendOrMissing(t, CheckpointTable.ASYNC_MS, maxOverSubtasks(c, SubtaskStateStats::getAsyncCheckpointDuration));
            appendOrMissing(t, CheckpointTable.ALIGNMENT_MS, maxOverSubtasks(c, SubtaskStateStats::getAlignmentDuration));
            appendOrMissing(t, CheckpointTable.START_DELAY_MS, maxOverSubtasks(c, SubtaskStateStats::getCheckpointStartDelay));
            appendOrMissing(t, CheckpointTable.STATE_BYTES, completed ? c.getStateSize() : -1);
            appendOrMissing(t, CheckpointTable.CHECKPOINTED_BYTES, completed ? c.getCheckpointedSize() : -1);
            appendOrMissing(t, CheckpointTable.METADATA_BYTES, completed ? c.getMetadataSize() : -1);
            String label = CheckpointTable.COMPLETED;
            String failure = "";
            if (c instanceof FailedCheckpointStats f) {
                failure = f.getFailureMessage() == null ? "" : f.getFailureMessage();
                // A checkpoint cut short because we stopped the job is not a failure of the experiment.
                label = phases.stopAt() >= 0 && f.getFailureTimestamp() >= phases.stopAt()
                        ? CheckpointTable.ABORTED : CheckpointTable.FAILED;
            }
            t.stringColumn(CheckpointTable.STATUS).append(label);
            t.stringColumn(CheckpointTable.FAILURE).append(failure);
        }
        return t;
    }

    /** The max of a per-subtask duration over all acknowledged subtasks, or -1 when none reported it. */
    private static long maxOverSubtasks(AbstractCheckpointStats c, java.util.function.ToLongFunction<SubtaskStateStats> f) {
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

    /** Whether a checkpoint triggered before {@code millis} is still in progress. */
    static boolean inProgressBefore(CheckpointStatsSnapshot snapshot, long millis) {
        for (AbstractCheckpointStats c : snapshot.getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.IN_PROGRESS && c.getTriggerTimestamp() < millis) {
                return true;
            }
        }
        return false;
    }
}
