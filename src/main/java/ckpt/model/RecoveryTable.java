package ckpt.model;

import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * One row per restore a run went through: the initial restore ({@code restore(run)}, a cached warm state), each
 * failover, each TaskManager loss. Durations and bytes are Flink's own, from its {@code JobInitialization} trace
 * span (a cluster without the tool's trace reporter leaves them missing); downtime from the failure Flink recorded
 * to the end of that span (all tasks initialized); catch-up from there until the source is back on its schedule.
 */
public final class RecoveryTable {
    public static final String CAUSE = "cause";
    public static final String RESTORE = "restore";
    public static final String FAILURE = "failure";
    public static final String TASKMANAGER_LOST = "taskmanager-lost";
    public static final String RESTORED_BYTES = "restored_bytes";
    public static final String RESTORED_REMOTE_BYTES = "restored_remote_bytes";
    public static final String RESTORED_LOCAL_BYTES = "restored_local_bytes";
    public static final String RESTORE_MS = "restore_ms";
    public static final String INIT_MS_MAX = "init_ms_max";
    public static final String DOWNLOAD_MS_MAX = "download_ms_max";
    public static final String DOWNTIME_MS = "downtime_ms";
    public static final String CATCHUP_MS = "catchup_ms";
    public static final String RECORDS_REPLAYED = "records_replayed";
    public static final String TIME = "time";

    private RecoveryTable() {
    }

    public static Table empty(String name) {
        return Table.create(name, StringColumn.create(CheckpointTable.RUN), StringColumn.create(CheckpointTable.MODE),
                StringColumn.create(CAUSE), LongColumn.create(CheckpointTable.CHECKPOINT_ID),
                InstantColumn.create(TIME), LongColumn.create(CheckpointTable.T_MS),
                LongColumn.create(RESTORED_BYTES), LongColumn.create(RESTORED_REMOTE_BYTES),
                LongColumn.create(RESTORED_LOCAL_BYTES), LongColumn.create(RESTORE_MS),
                LongColumn.create(INIT_MS_MAX), LongColumn.create(DOWNLOAD_MS_MAX), LongColumn.create(DOWNTIME_MS),
                LongColumn.create(CATCHUP_MS), LongColumn.create(RECORDS_REPLAYED));
    }
}
