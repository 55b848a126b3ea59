package ckpt.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
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
    void keysTheClustersProcessesReadAtTheirStartAreRefused() {
        // valid keys and values, which a job's configuration would carry to no effect
        assertThatThrownBy(() -> Experiment.defaults().config("taskmanager.memory.managed.size", "512m"))
                .hasMessageEndingWith("so a run cannot change it; managedMemory(\"512m\") sets the managed memory of"
                        + " the clusters the tool starts");
        for (String[] kv : new String[][] {{"taskmanager.numberOfTaskSlots", "8"}, {"jobmanager.memory.process.size", "2g"},
                {"metrics.reporter.jmx.factory.class", "org.apache.flink.metrics.jmx.JMXReporterFactory"},
                {"rest.port", "9999"}, {"env.java.opts.all", "-Xss2m"}, {"web.checkpoints.history", "50"}}) {
            assertThatThrownBy(() -> Experiment.defaults().config(kv[0], kv[1]))
                    .isInstanceOf(CkptException.class)
                    .hasMessage("config(\"" + kv[0] + "\", …): a setting of the cluster's processes — Flink reads it"
                            + " when a JobManager or TaskManager starts, never from a job's configuration, so a run"
                            + " cannot change it; set it in the configuration of the cluster you run on — for a"
                            + " local cluster the tool starts, localCluster(2, 2, Map.of(\"" + kv[0] + "\", \"…\"))");
        }
        // job-level keys are kept, including a TaskManager-sounding one Flink reads from the job
        assertThat(Experiment.defaults().config("task.cancellation.timeout", "60 s")
                .config("taskmanager.memory.managed.consumer-weights", "OPERATOR:70,STATE_BACKEND:70").flinkConfig())
                .containsKeys("task.cancellation.timeout", "taskmanager.memory.managed.consumer-weights");
    }

    /** localCluster(n, m, config): the settings of the cluster's processes, and none that the tool writes itself. */
    @Test
    void aLocalClustersOwnConfigurationTakesTheProcessesKeysOnly() {
        assertThat(FlinkOptions.validateClusterKey(" taskmanager.memory.process.size ", "2g"))
                .isEqualTo("taskmanager.memory.process.size");
        assertThat(FlinkOptions.validateClusterKey("taskmanager.memory.network.fraction", "0.2"))
                .isEqualTo("taskmanager.memory.network.fraction");
        assertThat(FlinkOptions.validateClusterKey("env.java.opts.taskmanager", "-XX:+UseParallelGC"))
                .isEqualTo("env.java.opts.taskmanager");
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("rest.port", "9999")).isInstanceOf(CkptException.class)
                .hasMessage("localCluster(…, config): 'rest.port' is set by the tool for every local cluster (every"
                        + " server binds to 127.0.0.1, on ports the tool picks free) — leave it out");
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("taskmanager.numberOfTaskSlots", "8"))
                .hasMessageContaining("(the shape: localCluster(taskManagers, slots))");
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("traces.reporter.x.factory.class", "a.B"))
                .hasMessageContaining("is set by the tool");
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("task.cancellation.timeout", "60 s"))
                .hasMessage("localCluster(…, config): 'task.cancellation.timeout' is a job setting, not one of the"
                        + " cluster's processes — experiment().config(\"task.cancellation.timeout\", \"60 s\") sets it"
                        + " per run");
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("taskmanager.memory.process.size", "lots"))
                .hasMessageStartingWith("localCluster(…, config) taskmanager.memory.process.size 'lots': ");
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("taskmanager.memory.proces.size", "2g"))
                .hasMessageStartingWith("localCluster(…, config): unknown Flink option 'taskmanager.memory.proces.size'"
                        + " — did you mean");
        // bin/ckpt-repl --local-cluster 2x2 -D key=value: the same checks, said as the option the user typed
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("-D", "rest.port", "9999"))
                .hasMessageStartingWith("-D: 'rest.port' is set by the tool for every local cluster");
        assertThatThrownBy(() -> FlinkOptions.validateClusterKey("-D", "taskmanager.memory.process.size", "lots"))
                .hasMessageStartingWith("-D taskmanager.memory.process.size 'lots': ");
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
                .config("s3.endpoint", "http://127.0.0.1:9000")
                .config("taskmanager.memory.managed.consumer-weights", "OPERATOR:70,STATE_BACKEND:70,PYTHON:30")
                .config("state.savepoints.dir", "file:///tmp/x"); // a deprecated key Flink still reads
        assertThat(e.flinkConfig()).containsEntry("execution.checkpointing.aligned-checkpoint-timeout", "10min")
                .containsKey("s3.endpoint").containsKey("taskmanager.memory.managed.consumer-weights")
                .containsKey("state.savepoints.dir");
        // a deprecated name of a key the engine owns is refused like the key itself
        assertThatThrownBy(() -> Experiment.defaults().config("state.checkpoints.dir", "file:///tmp/x"))
                .hasMessageContaining("use checkpointDir(...)");
    }
}
