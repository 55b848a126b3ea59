package ckpt.model;

import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per savepoint a run took: its format (canonical, Flink's portable format; native, the backend's own
 * files), how long from trigger to completion, and its bytes and files as listed in storage.
 */
public final class SavepointTable {
    public static final String FORMAT = "format";
    public static final String TRIGGER_MS = "trigger_ms";
    public static final String BYTES = "bytes";
    public static final String FILES = "files";
    public static final String PATH = "path";
    public static final String STATUS = "status";

    private SavepointTable() {
    }

    public static Table empty(String name) {
        return Table.create(name, StringColumn.create(CheckpointTable.RUN), StringColumn.create(CheckpointTable.MODE),
                LongColumn.create(CheckpointTable.T_MS), StringColumn.create(FORMAT), LongColumn.create(TRIGGER_MS),
                LongColumn.create(BYTES), LongColumn.create(FILES), StringColumn.create(PATH),
                StringColumn.create(STATUS));
    }
}
