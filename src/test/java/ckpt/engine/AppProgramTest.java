package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's application jar becomes a job graph under the experiment's configuration, or a one-line error. */
class AppProgramTest {
    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void build() throws Exception {
        jar = AppJars.build(dir, "acme.CountJob");
    }

    @Test
    void theJarsMainBuildsTheGraphWithTheExperimentsSettingsAndItsKeyedOperatorIsFound() {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofMillis(700));
        AppProgram.Built b = AppProgram.build(jar.toString(), null, List.of("--keys", "50"), conf, 2);
        // the main class from the manifest, our interval in the graph's checkpoint settings, the jar attached
        assertThat(b.job().getCheckpointingSettings().getCheckpointCoordinatorConfiguration().getCheckpointInterval())
                .isEqualTo(700);
        assertThat(b.job().getUserJars()).anyMatch(p -> p.getPath().endsWith("app.jar"));
        Map<String, String> keyed = KeyedVertices.of(b.streams(), b.job());
        assertThat(keyed.values()).containsExactly("sum-per-key");
        assertThat(b.job().getVertices()).hasSize(2); // numbers -> throttle | sum-per-key -> discard
    }

    @Test
    void badInputGetsOneLineNamingWhatWasWrong() {
        Configuration conf = new Configuration();
        assertThatThrownBy(() -> AppProgram.build(dir.resolve("nope.jar").toString(), null, List.of(), conf, 1))
                .isInstanceOf(CkptException.class).hasMessageContaining("nope.jar").hasMessageContaining("no such file");
        assertThatThrownBy(() -> AppProgram.build(jar.toString(), "acme.Missing", List.of(), conf, 1))
                .isInstanceOf(CkptException.class).hasMessageContaining("acme.Missing").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> AppProgram.build(jar.toString(), "acme.NoExecute", List.of(), conf, 1))
                .isInstanceOf(CkptException.class)
                .hasMessage("acme.NoExecute (app.jar): main returned without calling execute() — there is no Flink job to run");
        assertThatThrownBy(() -> AppProgram.build(jar.toString(), "acme.CountJob", List.of("--speed", "3"), conf, 1))
                .isInstanceOf(CkptException.class)
                .hasMessage("acme.CountJob (app.jar): main failed: IllegalArgumentException: unknown argument --speed");
    }
}
