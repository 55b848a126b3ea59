package ckpt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.CkptException;
import ckpt.model.Experiment;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.state.rocksdb.RocksDBConfigurableOptions;
import org.junit.jupiter.api.Test;

/** experiment().config(key, value) against Flink's own ConfigOptions, found by reflection on the class path. */
class FlinkOptionsTest {
    @Test
    void theCatalogHoldsFlinksOptionsFromEveryJar() {
        // flink-core, flink-runtime, flink-statebackend-rocksdb: options of three jars, by their own constants
        for (String key : new String[] {CheckpointingOptions.CHECKPOINTING_INTERVAL.key(),
                StateBackendOptions.STATE_BACKEND.key(), TaskManagerOptions.MANAGED_MEMORY_SIZE.key(),
                RestOptions.BIND_ADDRESS.key(), RocksDBConfigurableOptions.MAX_BACKGROUND_THREADS.key()}) {
            assertThat(FlinkOptions.find(key)).as(key).isPresent();
        }
        assertThat(FlinkOptions.size()).isGreaterThan(500);
    }

    @Test
    void badValuesFailWithFlinksParserMessage() {
        assertThatThrownBy(() -> Experiment.defaults().config("execution.checkpointing.aligned-checkpoint-timeout", "abc"))
                .isInstanceOf(CkptException.class)
                .hasMessageStartingWith("config execution.checkpointing.aligned-checkpoint-timeout 'abc': Could not parse value 'abc'")
                .hasMessageContaining("not a valid ISO-8601 duration");
        assertThatThrownBy(() -> Experiment.defaults().config("taskmanager.memory.managed.size", "lots"))
                .hasMessageStartingWith("config taskmanager.memory.managed.size 'lots': ");
        assertThatThrownBy(() -> Experiment.defaults().config("execution.checkpointing.tolerable-failed-checkpoints", "1.5"))
                .hasMessageContaining("1.5");
    }

    @Test
    void unknownKeysAreRefusedWithDidYouMean() {
        assertThatThrownBy(() -> Experiment.defaults().config("execution.checkpointing.intervall", "5s"))
                .hasMessage("unknown Flink option 'execution.checkpointing.intervall' — did you mean "
                        + "execution.checkpointing.interval?");
        assertThatThrownBy(() -> Experiment.defaults().config("no.such.thing", "1"))
                .hasMessageStartingWith("unknown Flink option 'no.such.thing'");
        assertThatThrownBy(() -> Experiment.defaults().config(" ", "1")).hasMessageStartingWith("config: the key is empty");
    }

    @Test
    void goodValuesAndOpenNamespacesAreKept() {
        Experiment e = Experiment.defaults().config(" execution.checkpointing.aligned-checkpoint-timeout ", " 10min ")
                .config("metrics.reporter.jmx.factory.class", "org.apache.flink.metrics.jmx.JMXReporterFactory")
                .config("state.savepoints.dir", "file:///tmp/x"); // a deprecated key Flink still reads
        assertThat(e.flinkConfig()).containsEntry("execution.checkpointing.aligned-checkpoint-timeout", "10min")
                .containsKey("metrics.reporter.jmx.factory.class").containsKey("state.savepoints.dir");
        // a deprecated name of a key the engine owns is refused like the key itself
        assertThatThrownBy(() -> Experiment.defaults().config("state.checkpoints.dir", "file:///tmp/x"))
                .hasMessageContaining("use checkpointDir(...)");
    }
}
