package ckpt.model;

import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per checkpoint × operator × subtask, straight from Flink's per-subtask checkpoint statistics
 * ({@code /jobs/:id/checkpoints/details/:cid/subtasks/:vertex}). With parallelism above 1 it shows the slow subtask
 * that the per-checkpoint maximum hides. A value a subtask did not report (it had not acknowledged) is missing.
 */
public final class SubtaskTable {
    public static final String OPERATOR = "operator";
    public static final String SUBTASK = "subtask";
    public static final String PROCESSED_BYTES = "processed_bytes";
    public static final String PERSISTED_BYTES = "persisted_bytes";

    private SubtaskTable() {
    }

    public static Table empty(String name) {
        return Table.create(name,
                StringColumn.create(CheckpointTable.RUN), StringColumn.create(CheckpointTable.MODE),
                LongColumn.create(CheckpointTable.CHECKPOINT_ID), StringColumn.create(CheckpointTable.PHASE),
                StringColumn.create(OPERATOR), LongColumn.create(SUBTASK),
                LongColumn.create(CheckpointTable.SYNC_MS), LongColumn.create(CheckpointTable.ASYNC_MS),
                LongColumn.create(CheckpointTable.ALIGNMENT_MS), LongColumn.create(CheckpointTable.START_DELAY_MS),
                LongColumn.create(CheckpointTable.STATE_BYTES), LongColumn.create(CheckpointTable.CHECKPOINTED_BYTES),
                LongColumn.create(PROCESSED_BYTES), LongColumn.create(PERSISTED_BYTES));
    }
}
