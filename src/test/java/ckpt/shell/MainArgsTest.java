package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * bin/ckpt-repl's command line: a wrong argument is refused in one line naming it, before any target starts (the
 * shell's main prints it with the usage and exits with 2). These all fail while parsing, so nothing is started.
 */
class MainArgsTest {

    @Test
    void aLocalClustersKeysAreCheckedBeforeItStarts() {
        assertThatThrownBy(() -> Main.run(new String[] {"--local-cluster", "1x1", "-D", "rest.port=9999"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-D: 'rest.port' is set by the tool for every local cluster (every server binds to"
                        + " 127.0.0.1, on ports the tool picks free) — leave it out");
        assertThatThrownBy(() -> Main.run(new String[] {"-Dexecution.checkpointing.timeout=10min", "--local-cluster", "2x2"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-D: 'execution.checkpointing.timeout' is a job setting, not one of the cluster's processes"
                        + " — experiment().config(\"execution.checkpointing.timeout\", \"10min\") sets it per run");
        assertThatThrownBy(() -> Main.run(new String[] {"--local-cluster", "2x2", "-D", "taskmanager.memory.proces.size=2g"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("-D: unknown Flink option 'taskmanager.memory.proces.size' — did you mean")
                .hasMessageContaining("taskmanager.memory.process.size");
        assertThatThrownBy(() -> Main.run(new String[] {"--local-cluster", "2x2", "-D", "taskmanager.memory.process.size=lots"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("-D taskmanager.memory.process.size 'lots': ");
    }

    @Test
    void aDWithoutKeyValueOrWithoutALocalClusterIsRefused() {
        assertThatThrownBy(() -> Main.run(new String[] {"--local-cluster", "2x2", "-D", "taskmanager.memory.process.size"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-D 'taskmanager.memory.process.size' — write -D key=value, e.g. -D"
                        + " taskmanager.memory.process.size=2g");
        assertThatThrownBy(() -> Main.run(new String[] {"--local-cluster", "2x2", "-D"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("-D needs a value");
        assertThatThrownBy(() -> Main.run(new String[] {"-D", "taskmanager.memory.process.size=2g"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-D sets a key of the local cluster the tool starts: it goes with --local-cluster TMSxSLOTS");
        assertThatThrownBy(() -> Main.run(new String[] {"--cluster", "http://127.0.0.1:1", "-D", "taskmanager.memory.process.size=2g"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-D sets a key of the local cluster the tool starts: it goes with --local-cluster TMSxSLOTS"
                        + " (a cluster you started keeps its own configuration)");
    }

    /** -D keys are the session's: a localCluster(n, m) without keys of its own (a notebook's) gets them. */
    @Test
    void theSessionsKeysGoToEveryLocalClusterWithoutKeysOfItsOwn() {
        try {
            ckpt.target.LocalTarget.sessionKeys(java.util.Map.of("taskmanager.memory.network.fraction", " 0.15 "));
            // before it runs, a --local-cluster target says its shape and the keys it will start with
            assertThat(ckpt.target.LocalTarget.lazy(1, 2).describe()).isEqualTo("local · 1 TaskManager × 2 slots"
                    + " · not started yet (starts with the first run) · taskmanager.memory.network.fraction=0.15");
            assertThatThrownBy(() -> ckpt.target.LocalTarget.sessionKeys(java.util.Map.of("rest.port", "1")))
                    .hasMessageStartingWith("-D: 'rest.port' is set by the tool");
        } finally {
            ckpt.target.LocalTarget.sessionKeys(java.util.Map.of());
        }
        assertThat(ckpt.target.LocalTarget.lazy(2, 2).describe()).endsWith("(starts with the first run)");
    }
}
