package ckpt.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import java.util.Arrays;
import java.util.Map;
import org.apache.flink.state.rocksdb.PredefinedOptions;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ProfilesTest {

    @Test
    void namesAreFlinksPredefinedOptions() {
        assertThat(Profiles.names()).containsExactly("DEFAULT", "SPINNING_DISK_OPTIMIZED",
                "SPINNING_DISK_OPTIMIZED_HIGH_MEM", "FLASH_SSD_OPTIMIZED");
        assertThat(Profiles.names())
                .isEqualTo(Arrays.stream(PredefinedOptions.values()).map(Enum::name).toList());
        assertThat(Profiles.KEY).isEqualTo("state.backend.rocksdb.predefined-options")
                .isEqualTo(OptionCatalog.profileKey());
    }

    @Test
    void validateReturnsTheCanonicalName() {
        assertThat(Profiles.validate("flash-ssd-optimized")).isEqualTo("FLASH_SSD_OPTIMIZED");
        assertThat(Profiles.validate(" Spinning_Disk_Optimized ")).isEqualTo("SPINNING_DISK_OPTIMIZED");
        assertThatThrownBy(() -> Profiles.validate("ssd"))
                .isInstanceOf(CkptException.class)
                .hasMessage("unknown RocksDB profile 'ssd' — allowed: DEFAULT, SPINNING_DISK_OPTIMIZED, "
                        + "SPINNING_DISK_OPTIMIZED_HIGH_MEM, FLASH_SSD_OPTIMIZED");
        assertThatThrownBy(() -> Profiles.validate(null)).hasMessageContaining("allowed: DEFAULT");
        assertThat(Profiles.settings("flash_ssd_optimized"))
                .isEqualTo(Map.of("state.backend.rocksdb.predefined-options", "FLASH_SSD_OPTIMIZED"));
        // What the lead's Experiment.profile(name) will do: set the canonical name through rocksdb().
        for (String name : Profiles.names()) {
            Experiment e = Experiment.defaults().rocksdb(Profiles.KEY, Profiles.validate(name.toLowerCase()));
            assertThat(e.rocksdb()).containsEntry(Profiles.KEY, name);
        }
    }

    @Test
    void optionsShowWhatEachProfileSets() {
        assertThat(Profiles.options("DEFAULT")).isEmpty();
        assertThat(Profiles.options("FLASH_SSD_OPTIMIZED")).isEqualTo(Map.of(
                "state.backend.rocksdb.thread.num", "4",
                "state.backend.rocksdb.files.open", "-1"));
        Map<String, String> high = Profiles.options("SPINNING_DISK_OPTIMIZED_HIGH_MEM");
        assertThat(high).containsEntry("state.backend.rocksdb.block.cache-size", "256 mb")
                .containsEntry("state.backend.rocksdb.block.blocksize", "128 kb")
                .containsEntry("state.backend.rocksdb.use-bloom-filter", "true")
                .containsEntry("state.backend.rocksdb.writebuffer.count", "4");
        // Every value a profile sets passes validation under its own key.
        for (String p : Profiles.names()) {
            Profiles.options(p).forEach((k, v) -> assertThat(OptionCatalog.validate(k, v)).isEqualTo(k));
        }
        Table t = Profiles.table();
        assertThat(t.columnNames()).containsExactly("key", "flink_default", "DEFAULT", "SPINNING_DISK_OPTIMIZED",
                "SPINNING_DISK_OPTIMIZED_HIGH_MEM", "FLASH_SSD_OPTIMIZED");
        int row = t.stringColumn("key").asList().indexOf("thread.num");
        assertThat(t.stringColumn("flink_default").get(row)).isEqualTo("2");
        assertThat(t.stringColumn("FLASH_SSD_OPTIMIZED").get(row)).isEqualTo("4");
        assertThat(t.stringColumn("DEFAULT").get(row)).isEmpty();
    }
}
