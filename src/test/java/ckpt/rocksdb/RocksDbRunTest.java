package ckpt.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.Ckpt;
import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import ckpt.target.Targets;
import ckpt.model.Experiment;
import ckpt.model.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** RocksDB tuning against the real engine: sweeps, native metrics, and bad input that leaves the JVM usable. */
class RocksDbRunTest {
    static final Experiment BASE = Experiment.defaults().keys(20_000).valueBytes(128).seconds(2).interval("500ms");

    @AfterAll
    static void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void aTwoValueSweepReturnsTwoRowsWithTheSweptValueAndItWasApplied() {
        Table t = Ckpt.sweep(BASE, "writebuffer.size", "2mb", "16mb");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.columnNames()).contains("writebuffer.size", "median_checkpointed_bytes", "p50_duration_ms");
        assertThat(t.stringColumn("writebuffer.size").asList()).containsExactly("2mb", "16mb");
        for (int i = 0; i < 2; i++) {
            assertThat(t.numberColumn("checkpoints").getDouble(i)).isGreaterThanOrEqualTo(2);
        }
        Run last = Ckpt.lastRun();
        assertThat(last.appliedOptions()).containsEntry("CFOptions \"value\".write_buffer_size", String.valueOf(16 << 20));
    }

    @Test
    void nativeMetricsAreSampledDuringTheRun() {
        // Flink refreshes native metrics every 5 s and its REST API serves them from there: a 12 s run has 2 samples
        Run r = Ckpt.run(BASE.seconds(12).rocksdbMetrics("estimate-live-data-size", "total-sst-files-size")
                .name("metrics"));
        Table m = r.metrics();
        assertThat(m.rowCount()).isGreaterThanOrEqualTo(4);
        // none is read before Flink's first refresh (it serves 0 until then)
        assertThat(m.longColumn("t_ms").min()).isGreaterThan(5_000);
        Table live = m.where(m.stringColumn("metric").isEqualTo("estimate-live-data-size"));
        assertThat(live.rowCount()).isGreaterThanOrEqualTo(2);
        // RocksDB's own estimate of live data is in the range of the state Flink checkpointed.
        double lastLive = live.longColumn("value").getLong(live.rowCount() - 1);
        assertThat(lastLive).isBetween(0.3 * r.finalStateBytes(), 3.0 * r.finalStateBytes());
        assertThat(r.dir().resolve("metrics.csv")).isRegularFile();
    }

    @Test
    void badRocksDbInputFailsClearlyAndALaterRunWorks() {
        assertThatThrownBy(() -> BASE.rocksdb("writebuffer.sise", "8mb"))
                .isInstanceOf(CkptException.class)
                .hasMessageContaining("writebuffer.sise").hasMessageContaining("state.backend.rocksdb.writebuffer.size");
        assertThatThrownBy(() -> BASE.rocksdb("writebuffer.size", "8 potatoes"))
                .isInstanceOf(CkptException.class).hasMessageContaining("MemorySize");
        assertThatThrownBy(() -> BASE.rocksdb("compaction.style", "FAST"))
                .isInstanceOf(CkptException.class).hasMessageContaining("LEVEL");
        assertThatThrownBy(() -> BASE.profile("FAST_DISK"))
                .isInstanceOf(CkptException.class).hasMessageContaining("FLASH_SSD_OPTIMIZED");
        assertThatThrownBy(() -> BASE.rocksdbMetrics("estimate-live-size"))
                .isInstanceOf(CkptException.class).hasMessageContaining("estimate-live-data-size");
        Run ok = Ckpt.run(BASE.seconds(1).profile("flash_ssd_optimized").name("after-bad-rocksdb"));
        assertThat(ok.status()).isEqualTo("FINISHED");
        assertThat(CheckpointTable.completed(ok.checkpoints()).rowCount()).isPositive();
    }
}
