package ckpt.report;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

class StorageOverheadTest {
    static Table steady(long[] state, long[] disk) {
        Table t = Table.create("t", LongColumn.create(CheckpointTable.STATE_BYTES, state));
        LongColumn d = LongColumn.create(Tables.CHECKPOINT_DISK_BYTES);
        for (long v : disk) {
            if (v < 0) {
                d.appendMissing();
            } else {
                d.append(v);
            }
        }
        return t.addColumns(d);
    }

    @Test
    void isTheMedianOfDiskOverStateOverCheckpointsThatHaveBoth() {
        // ratios 1.0, 2.0, 3.0 (the missing look is left out): median 2.0
        assertThat(Tables.storageOverhead(steady(new long[] {100, 100, 100, 100}, new long[] {100, 200, -1, 300})))
                .isEqualTo(2.0);
        assertThat(Tables.storageOverhead(Table.create("no column", LongColumn.create(CheckpointTable.STATE_BYTES))))
                .isNaN();
    }

    @Test
    void stackingRunsWithAndWithoutS3ColumnsKeepsEveryColumn() {
        Table plain = CheckpointTable.empty("a");
        plain.stringColumn(CheckpointTable.RUN).append("a");
        for (var c : plain.columns()) {
            if (c.size() == 0) {
                c.appendMissing();
            }
        }
        Table s3 = plain.copy().addColumns(LongColumn.create("s3_put", new long[] {7}));
        s3.stringColumn(CheckpointTable.RUN).set(0, "b");
        Table stacked = CheckpointTable.stack("both", List.of(plain, s3));
        assertThat(stacked.rowCount()).isEqualTo(2);
        assertThat(stacked.longColumn("s3_put").isMissing(0)).isTrue();
        assertThat(stacked.longColumn("s3_put").getLong(1)).isEqualTo(7);
        assertThat(stacked.stringColumn(CheckpointTable.RUN).asList()).containsExactly("a", "b");
    }
}
