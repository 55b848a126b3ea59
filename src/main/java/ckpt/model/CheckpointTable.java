package ckpt.model;

import java.util.List;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The per-checkpoint table: one row per checkpoint Flink reported, in checkpoint-id order. Byte and
 * millisecond columns are numeric (Long); a value Flink did not report is missing, never 0.
 */
public final class CheckpointTable {
    public static final String RUN = "run";
    public static final String MODE = "mode";
    public static final String CHECKPOINT_ID = "checkpoint_id";
    public static final String PHASE = "phase";
    public static final String TRIGGER_TIME = "trigger_time";
    public static final String T_MS = "t_ms";
    public static final String DURATION_MS = "duration_ms";
    public static final String SYNC_MS = "sync_ms";
    public static final String ASYNC_MS = "async_ms";
    public static final String ALIGNMENT_MS = "alignment_ms";
    public static final String START_DELAY_MS = "start_delay_ms";
    public static final String STATE_BYTES = "state_bytes";
    public static final String CHECKPOINTED_BYTES = "checkpointed_bytes";
    public static final String METADATA_BYTES = "metadata_bytes";
    public static final String CHECKPOINT_TYPE = "checkpoint_type";
    public static final String STATUS = "status";
    public static final String FAILURE = "failure";

    public static final String WARMUP = "warmup";
    public static final String STEADY = "steady";
    public static final String COMPLETED = "COMPLETED";
    public static final String FAILED = "FAILED";
    /** Cut short because the job was being stopped (end of run or Ctrl-C): not a failure of the experiment. */
    public static final String ABORTED = "ABORTED";
    public static final String STOPPING = "stopping";
    /** A checkpoint taken FULL in incremental mode (asked with fullCheckpointEvery); others are the mode's own. */
    public static final String FULL_TYPE = "FULL";

    private CheckpointTable() {
    }

    /** An empty table with the columns in their documented order. */
    public static Table empty(String name) {
        return Table.create(name,
                StringColumn.create(RUN), StringColumn.create(MODE), LongColumn.create(CHECKPOINT_ID),
                StringColumn.create(PHASE), InstantColumn.create(TRIGGER_TIME), LongColumn.create(T_MS),
                LongColumn.create(DURATION_MS), LongColumn.create(SYNC_MS), LongColumn.create(ASYNC_MS),
                LongColumn.create(ALIGNMENT_MS), LongColumn.create(START_DELAY_MS),
                LongColumn.create(STATE_BYTES), LongColumn.create(CHECKPOINTED_BYTES),
                LongColumn.create(METADATA_BYTES), StringColumn.create(STATUS), StringColumn.create(FAILURE),
                StringColumn.create(CHECKPOINT_TYPE));
    }

    /** Steady-phase, completed checkpoints only. */
    public static Table steady(Table checkpoints) {
        return checkpoints.where(checkpoints.stringColumn(PHASE).isEqualTo(STEADY)
                .and(checkpoints.stringColumn(STATUS).isEqualTo(COMPLETED)));
    }

    /** Completed checkpoints only (both phases). */
    public static Table completed(Table checkpoints) {
        return checkpoints.where(checkpoints.stringColumn(STATUS).isEqualTo(COMPLETED));
    }

    /** The value of a Long column in the last completed checkpoint, or 0. */
    public static long lastCompleted(Table checkpoints, String column) {
        Table done = completed(checkpoints);
        if (done.rowCount() == 0) {
            return 0;
        }
        LongColumn c = done.longColumn(column);
        return c.isMissing(done.rowCount() - 1) ? 0 : c.getLong(done.rowCount() - 1);
    }

    /**
     * Stacks the runs' checkpoint tables into one. Columns some runs have and others do not (the S3 request counts
     * of runs on the embedded S3 server) are kept, missing in the rows of the runs without them.
     */
    public static Table stack(String name, List<Table> tables) {
        if (tables.isEmpty()) {
            return empty(name);
        }
        Table out = tables.get(0).emptyCopy().setName(name);
        for (Table t : tables) {
            for (tech.tablesaw.columns.Column<?> c : t.columns()) {
                if (!out.columnNames().contains(c.name())) {
                    tech.tablesaw.columns.Column<?> added = c.emptyCopy();
                    for (int i = 0; i < out.rowCount(); i++) {
                        added.appendMissing();
                    }
                    out.addColumns(added);
                }
            }
        }
        for (Table t : tables) {
            if (t.columnNames().equals(out.columnNames())) {
                for (Row r : t) {
                    out.append(r);
                }
                continue;
            }
            for (int i = 0; i < t.rowCount(); i++) {
                for (tech.tablesaw.columns.Column<?> c : out.columns()) {
                    if (t.columnNames().contains(c.name())) {
                        appendCell(c, t.column(c.name()), i);
                    } else {
                        c.appendMissing();
                    }
                }
            }
        }
        return out;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void appendCell(tech.tablesaw.columns.Column to, tech.tablesaw.columns.Column from, int row) {
        if (from.isMissing(row)) {
            to.appendMissing();
        } else {
            to.append(from, row);
        }
    }
}
