package ckpt.model;

import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** One row per restart of a run's job, from Flink's exception history: when, which task, and why. */
public final class RestartTable {
    public static final String TIME = "time";
    public static final String CAUSE = "cause";
    public static final String TASK = "task";

    private RestartTable() {
    }

    public static Table empty(String name) {
        return Table.create(name, StringColumn.create(CheckpointTable.RUN), InstantColumn.create(TIME),
                LongColumn.create(CheckpointTable.T_MS), StringColumn.create(TASK), StringColumn.create(CAUSE));
    }
}
