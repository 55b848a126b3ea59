package ckpt.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.apache.flink.state.rocksdb.RocksDBNativeMetricOptions;
import org.apache.flink.state.rocksdb.RocksDBOptions;
import org.apache.flink.state.rocksdb.sstmerge.RocksDBManualCompactionOptions;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class OptionCatalogTest {

    private static List<ConfigOption<?>> flinkOptions(Class<?> holder) throws IllegalAccessException {
        List<ConfigOption<?>> out = new ArrayList<>();
        for (Field f : holder.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == ConfigOption.class) {
                out.add((ConfigOption<?>) f.get(null));
            }
        }
        return out;
    }

    @Test
    void catalogHoldsEveryRocksDbOptionFlinkDefines() throws Exception {
        List<ConfigOption<?>> expected = new ArrayList<>();
        expected.addAll(flinkOptions(RocksDBOptions.class));
        expected.addAll(flinkOptions(RocksDBConfigurableOptions.class));
        expected.addAll(flinkOptions(RocksDBNativeMetricOptions.class));
        expected.addAll(flinkOptions(RocksDBManualCompactionOptions.class));
        expected.add(TaskManagerOptions.MANAGED_MEMORY_SIZE);
        expected.add(TaskManagerOptions.MANAGED_MEMORY_FRACTION);

        Table t = OptionCatalog.options();
        List<String> keys = t.stringColumn("key").asList();
        assertThat(keys).containsExactlyInAnyOrderElementsOf(expected.stream().map(ConfigOption::key).toList());
        assertThat(keys).contains("state.backend.rocksdb.writebuffer.size", "state.backend.rocksdb.thread.num",
                "state.backend.rocksdb.memory.managed", "state.backend.rocksdb.predefined-options",
                "state.backend.rocksdb.metrics.estimate-live-data-size", "taskmanager.memory.managed.size",
                "taskmanager.memory.managed.fraction", "state.backend.rocksdb.memory.fixed-per-slot");
        assertThat(t.columnNames()).containsExactly("key", "short_key", "group", "type", "default", "settable",
                "description", "note");
    }

    @Test
    void defaultsAreFlinksDefaultValues() {
        for (OptionInfo info : OptionCatalog.all()) {
            ConfigOption<?> o = info.option();
            if (info.defaultText().equals("(none)")) {
                assertThat(o.hasDefaultValue()).as(info.key()).isFalse();
            } else {
                // The text, read back by Flink's own parser, is exactly the option's default value.
                Object parsed = Configuration.fromMap(Map.of(info.key(), info.defaultText())).get(o);
                assertThat(Objects.equals(parsed, o.defaultValue())).as(info.key() + " = " + info.defaultText()).isTrue();
            }
        }
        Map<String, String> literal = new LinkedHashMap<>();
        literal.put("state.backend.rocksdb.writebuffer.size", "64 mb");
        literal.put("state.backend.rocksdb.thread.num", "2");
        literal.put("state.backend.rocksdb.writebuffer.count", "2");
        literal.put("state.backend.rocksdb.block.cache-size", "8 mb");
        literal.put("state.backend.rocksdb.compaction.style", "LEVEL");
        literal.put("state.backend.rocksdb.memory.managed", "true");
        literal.put("state.backend.rocksdb.memory.write-buffer-ratio", "0.5");
        literal.put("state.backend.rocksdb.predefined-options", "DEFAULT");
        literal.put("state.backend.rocksdb.localdir", "(none)");
        literal.put("taskmanager.memory.managed.size", "(none)");
        literal.put("taskmanager.memory.managed.fraction", "0.4");
        literal.forEach((k, v) -> assertThat(OptionCatalog.info(k).defaultText()).as(k).isEqualTo(v));
    }

    @Test
    void typesAndGroupsAreReadable() {
        assertThat(OptionCatalog.info("writebuffer.size").type()).isEqualTo("MemorySize");
        assertThat(OptionCatalog.info("thread.num").type()).isEqualTo("Integer");
        assertThat(OptionCatalog.info("memory.managed").type()).isEqualTo("Boolean");
        assertThat(OptionCatalog.info("compaction.filter.periodic-compaction-time").type()).isEqualTo("Duration");
        assertThat(OptionCatalog.info("compaction.style").type())
                .isEqualTo("CompactionStyle (LEVEL|UNIVERSAL|FIFO|NONE)");
        assertThat(OptionCatalog.info("compaction.style").allowed()).containsExactly("LEVEL", "UNIVERSAL", "FIFO", "NONE");
        assertThat(OptionCatalog.info("compression.per.level").type()).startsWith("List<CompressionType (")
                .contains("LZ4_COMPRESSION");
        assertThat(OptionCatalog.info("predefined-options").allowed())
                .containsExactly("DEFAULT", "SPINNING_DISK_OPTIMIZED", "SPINNING_DISK_OPTIMIZED_HIGH_MEM",
                        "FLASH_SSD_OPTIMIZED");

        assertThat(OptionCatalog.info("writebuffer.size").group()).isEqualTo("configurable");
        assertThat(OptionCatalog.info("memory.managed").group()).isEqualTo("memory");
        assertThat(OptionCatalog.info("taskmanager.memory.managed.size").group()).isEqualTo("memory");
        assertThat(OptionCatalog.info("predefined-options").group()).isEqualTo("options");
        assertThat(OptionCatalog.info("metrics.estimate-live-data-size").group()).isEqualTo("metrics");
        assertThat(OptionCatalog.info("writebuffer.size").shortKey()).isEqualTo("writebuffer.size");
        assertThat(OptionCatalog.info("taskmanager.memory.managed.size").shortKey())
                .isEqualTo("taskmanager.memory.managed.size");
    }

    @Test
    void descriptionsArePlainText() {
        for (OptionInfo info : OptionCatalog.all()) {
            assertThat(info.description()).as(info.key()).doesNotContain("<code>", "<br", "<a href", "<ul>", "%s")
                    .doesNotContain("\n");
        }
        // Built with Description.builder(): code elements, line breaks and a link.
        assertThat(OptionCatalog.info("log.level").description())
                .contains("If unset, Flink will use INFO_LEVEL. Note:")
                .contains("state.backend.rocksdb.log.dir");
        assertThat(OptionCatalog.info("compaction.level.use-dynamic-size").description())
                .contains("RocksDB's doc. (https://github.com/facebook/rocksdb/wiki/Leveled-Compaction");
        assertThat(OptionCatalog.info("writebuffer.size").description())
                .startsWith("The amount of data built up in memory");
    }

    @Test
    void filterMatchesKeyOrDescriptionIgnoringCase() {
        Table bloom = OptionCatalog.options("BLOOM");
        assertThat(bloom.rowCount()).isGreaterThanOrEqualTo(3).isLessThan(OptionCatalog.options().rowCount());
        assertThat(bloom.stringColumn("key").asList()).contains("state.backend.rocksdb.use-bloom-filter",
                "state.backend.rocksdb.bloom-filter.bits-per-key");
        for (int i = 0; i < bloom.rowCount(); i++) {
            String text = (bloom.stringColumn("key").get(i) + bloom.stringColumn("description").get(i)
                    + bloom.stringColumn("note").get(i)).toLowerCase();
            assertThat(text).contains("bloom");
        }
        // A word that appears only in a description.
        Table snappy = OptionCatalog.options("snappy");
        assertThat(snappy.stringColumn("key").asList()).containsExactly("state.backend.rocksdb.compression.per.level");
        assertThat(OptionCatalog.options("no-such-word-anywhere").rowCount()).isZero();
        assertThat(OptionCatalog.options(" ").rowCount()).isEqualTo(OptionCatalog.options().rowCount());
    }

    @Test
    void returnedTablesAreCopies() {
        Table t = OptionCatalog.options();
        int rows = t.rowCount();
        t.dropRows(0, 1, 2);
        assertThat(OptionCatalog.options().rowCount()).isEqualTo(rows);
    }

    @Test
    void shortAndFullKeysAreAccepted() {
        assertThat(OptionCatalog.validate("writebuffer.size", "8mb")).isEqualTo("state.backend.rocksdb.writebuffer.size");
        assertThat(OptionCatalog.validate("state.backend.rocksdb.writebuffer.size", "8 mb"))
                .isEqualTo("state.backend.rocksdb.writebuffer.size");
        assertThat(OptionCatalog.validate("  compaction.style ", " universal ")).isEqualTo(
                "state.backend.rocksdb.compaction.style");
        assertThat(OptionCatalog.validate("compression.per.level", "NO_COMPRESSION;LZ4_COMPRESSION"))
                .isEqualTo("state.backend.rocksdb.compression.per.level");
        assertThat(OptionCatalog.validate("predefined-options", "FLASH_SSD_OPTIMIZED"))
                .isEqualTo(OptionCatalog.profileKey());
        // Through the engine's Experiment, which calls validate.
        Experiment e = Experiment.defaults().rocksdb("writebuffer.size", "8mb");
        assertThat(e.rocksdb()).containsEntry("state.backend.rocksdb.writebuffer.size", "8mb");
    }

    @Test
    void everySettableOptionAcceptsItsOwnDefault() {
        for (OptionInfo info : OptionCatalog.all()) {
            if (info.settable() && !info.defaultText().equals("(none)")) {
                assertThat(OptionCatalog.validate(info.shortKey(), info.defaultText())).isEqualTo(info.key());
            }
        }
        assertThat(OptionCatalog.keys()).contains("state.backend.rocksdb.writebuffer.size")
                .doesNotContain("taskmanager.memory.managed.size", "state.backend.rocksdb.metrics.estimate-live-data-size",
                        "state.backend.rocksdb.memory.fixed-per-tm")
                .isSorted();
    }

    @Test
    void unknownKeySuggestsTheClosest() {
        assertThatThrownBy(() -> OptionCatalog.validate("writebuffer.sise", "8mb"))
                .isInstanceOf(CkptException.class)
                .hasMessage("unknown RocksDB option 'writebuffer.sise' — did you mean "
                        + "state.backend.rocksdb.writebuffer.size?");
        assertThatThrownBy(() -> OptionCatalog.validate("state.backend.rocksdb.thread.nums", "2"))
                .hasMessageContaining("did you mean state.backend.rocksdb.thread.num");
        assertThatThrownBy(() -> OptionCatalog.validate("cache", "1mb"))
                .hasMessageContaining("state.backend.rocksdb.block.cache-size");
        assertThatThrownBy(() -> OptionCatalog.validate("execution.checkpointing.interval", "1s"))
                .hasMessage("'execution.checkpointing.interval' is not a RocksDB option — other Flink keys go "
                        + "through config(key, value)");
        assertThatThrownBy(() -> OptionCatalog.validate("zzz", "1"))
                .hasMessage("unknown RocksDB option 'zzz' — rocksdbOptions() lists them all");
    }

    @Test
    void badValuesNameTheType() {
        assertThatThrownBy(() -> OptionCatalog.validate("writebuffer.size", "8 potatoes"))
                .isInstanceOf(CkptException.class)
                .hasMessage("state.backend.rocksdb.writebuffer.size: '8 potatoes' is not a MemorySize (e.g. 64mb)");
        assertThatThrownBy(() -> OptionCatalog.validate("thread.num", "two"))
                .hasMessage("state.backend.rocksdb.thread.num: 'two' is not an Integer (e.g. 2)");
        assertThatThrownBy(() -> OptionCatalog.validate("memory.managed", "yes"))
                .hasMessage("state.backend.rocksdb.memory.managed: 'yes' is not a Boolean (e.g. true or false)");
        assertThatThrownBy(() -> OptionCatalog.validate("compaction.filter.periodic-compaction-time", "3 fortnights"))
                .hasMessageContaining("is not a Duration");
        assertThatThrownBy(() -> OptionCatalog.validate("writebuffer.size", " "))
                .hasMessage("state.backend.rocksdb.writebuffer.size: value is empty — e.g. 64mb");
        assertThatThrownBy(() -> OptionCatalog.validate("writebuffer.size", null))
                .hasMessageContaining("needs a value");
    }

    @Test
    void enumErrorsListTheAllowedValues() {
        assertThatThrownBy(() -> OptionCatalog.validate("compaction.style", "FAST"))
                .hasMessage("state.backend.rocksdb.compaction.style: 'FAST' — allowed: LEVEL, UNIVERSAL, FIFO, NONE");
        assertThatThrownBy(() -> OptionCatalog.validate("compression.per.level", "lz4"))
                .hasMessageStartingWith("state.backend.rocksdb.compression.per.level: 'lz4' — a ';'-separated list of: "
                        + "NO_COMPRESSION, SNAPPY_COMPRESSION");
        assertThatThrownBy(() -> OptionCatalog.validate("predefined-options", "FAST"))
                .hasMessage("state.backend.rocksdb.predefined-options: 'FAST' — allowed: DEFAULT, "
                        + "SPINNING_DISK_OPTIMIZED, SPINNING_DISK_OPTIMIZED_HIGH_MEM, FLASH_SSD_OPTIMIZED");
        // Flink reads predefined-options with valueOf: lower case would fail at job start.
        assertThatThrownBy(() -> OptionCatalog.validate("predefined-options", "flash_ssd_optimized"))
                .hasMessageContaining("write FLASH_SSD_OPTIMIZED");
    }

    @Test
    void flinksOwnRangeChecksApplyAtSetTime() {
        assertThatThrownBy(() -> OptionCatalog.validate("thread.num", "0"))
                .hasMessage("state.backend.rocksdb.thread.num: '0' — must be larger than 0");
        assertThatThrownBy(() -> OptionCatalog.validate("writebuffer.count", "-1"))
                .hasMessageContaining("must be larger than 0");
        assertThatThrownBy(() -> OptionCatalog.validate("writebuffer.size", "0"))
                .hasMessageContaining("must be larger than 0");
        assertThatThrownBy(() -> OptionCatalog.validate("memory.write-buffer-ratio", "1.5"))
                .hasMessage("state.backend.rocksdb.memory.write-buffer-ratio: '1.5' — must be in (0, 1)");
        assertThatThrownBy(() -> OptionCatalog.validate("log.dir", "relative/logs"))
                .hasMessageContaining("is not absolute");
        assertThatThrownBy(() -> OptionCatalog.validate("localdir", "relative/dir"))
                .hasMessageContaining("Relative paths are not supported");
        assertThatThrownBy(() -> OptionCatalog.validate("compression.per.level", "LZ4_COMPRESSION;DISABLE_COMPRESSION_OPTION"))
                .hasMessageContaining("use NO_COMPRESSION");
        assertThat(OptionCatalog.validate("files.open", "-1")).endsWith("files.open");
    }

    @Test
    void optionsThatCannotBeSetPerRunAreRefused() {
        assertThatThrownBy(() -> OptionCatalog.validate("taskmanager.memory.managed.size", "2g"))
                .hasMessageStartingWith("taskmanager.memory.managed.size is a cluster-level option")
                .hasMessageContaining("managedMemory(")
                .hasMessageContaining("state.backend.rocksdb.memory.fixed-per-slot");
        assertThatThrownBy(() -> OptionCatalog.validate("memory.fixed-per-tm", "1g"))
                .hasMessageContaining("cluster-level");
        assertThatThrownBy(() -> OptionCatalog.validate("metrics.estimate-live-data-size", "true"))
                .hasMessage("state.backend.rocksdb.metrics.estimate-live-data-size is a native-metric switch — use "
                        + "rocksdbMetrics(\"estimate-live-data-size\") so the metric is also sampled");
        assertThatThrownBy(() -> OptionCatalog.validate("options-factory", "no.such.Factory"))
                .hasMessageContaining("no such class on the classpath");
        assertThatThrownBy(() -> OptionCatalog.validate("options-factory", "java.lang.String"))
                .hasMessageContaining("does not implement org.apache.flink.state.rocksdb.RocksDBOptionsFactory");
        assertThat(OptionCatalog.validate("options-factory", TestOptionsFactory.class.getName()))
                .isEqualTo("state.backend.rocksdb.options-factory");
    }

    @Test
    void validateAllChecksOptionsThatConstrainEachOther() {
        OptionCatalog.validateAll(Map.of("memory.write-buffer-ratio", "0.5", "memory.high-prio-pool-ratio", "0.1"));
        assertThatThrownBy(() -> OptionCatalog.validateAll(
                Map.of("memory.write-buffer-ratio", "0.9", "memory.high-prio-pool-ratio", "0.5")))
                .hasMessageContaining("do not fit together");
    }

    @Test
    void metricKeysAndNames() {
        assertThat(OptionCatalog.metricKey("estimate-live-data-size"))
                .isEqualTo("state.backend.rocksdb.metrics.estimate-live-data-size");
        assertThat(OptionCatalog.metricKey("state.backend.rocksdb.metrics.estimate-live-data-size"))
                .isEqualTo("state.backend.rocksdb.metrics.estimate-live-data-size");
        assertThat(OptionCatalog.metricKey("rocksdb.estimate-live-data-size"))
                .isEqualTo("state.backend.rocksdb.metrics.estimate-live-data-size");
        assertThat(OptionCatalog.metricKey("rocksdb.block_cache_hit"))
                .isEqualTo("state.backend.rocksdb.metrics.block-cache-hit");
        assertThatThrownBy(() -> OptionCatalog.metricKey("estimate-live-size"))
                .isInstanceOf(CkptException.class)
                .hasMessageStartingWith("unknown RocksDB native metric 'estimate-live-size' — did you mean "
                        + "estimate-live-data-size");
        assertThatThrownBy(() -> OptionCatalog.metricKey("qqq")).hasMessageContaining("e.g. estimate-live-data-size");
        assertThatThrownBy(() -> OptionCatalog.metricKey("column-family-as-variable"))
                .hasMessageContaining("naming switch");

        assertThat(OptionCatalog.metricNames()).contains("estimate-live-data-size", "total-sst-files-size",
                "block-cache-hit").doesNotContain("column-family-as-variable").isSorted();
        assertThat(OptionCatalog.metricNames()).hasSize((int) OptionCatalog.all().stream()
                .filter(i -> i.group().equals("metrics")).count() - 1);

        assertThat(OptionCatalog.gaugeNames("estimate-live-data-size")).containsExactly("rocksdb.estimate-live-data-size");
        assertThat(OptionCatalog.gaugeNames("compaction-read-bytes")).containsExactly("rocksdb.compact_read_bytes");
        assertThat(OptionCatalog.gaugeNames("num-files-at-level")).hasSize(7).contains("rocksdb.num-files-at-level0");
        Table m = OptionCatalog.metrics();
        assertThat(m.rowCount()).isEqualTo(OptionCatalog.metricNames().size());
        int row = m.stringColumn("metric").asList().indexOf("block-cache-hit");
        assertThat(m.stringColumn("scope").get(row)).isEqualTo("database");
        row = m.stringColumn("metric").asList().indexOf("estimate-live-data-size");
        assertThat(m.stringColumn("scope").get(row)).isEqualTo("column family");
        // The engine's Experiment goes through metricKey.
        assertThat(Experiment.defaults().rocksdbMetrics("estimate-live-data-size").rocksdbMetrics())
                .containsExactly("state.backend.rocksdb.metrics.estimate-live-data-size");
    }

    @Test
    void describeIsReadable() {
        String d = OptionCatalog.describe("block.cache-size");
        assertThat(d).startsWith("state.backend.rocksdb.block.cache-size\n").contains("default: 8 mb")
                .contains("note: ignored while memory is bounded");
    }
}
