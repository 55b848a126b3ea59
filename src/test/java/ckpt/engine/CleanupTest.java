package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanupTest {
    @AfterAll
    static void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void cleanCheckpointsFreesOldRunsDataAndKeepsTheirMeasurements(@TempDir Path runs) throws Exception {
        String before = System.getProperty("ckpt.runs");
        System.setProperty("ckpt.runs", runs.toString());
        try {
            Experiment tiny = Experiment.defaults().keys(5_000).seconds(1).interval("300ms");
            Run older = Runs.run(tiny.name("older"));
            Run newer = Runs.run(tiny.name("newer"));
            long olderBytes = EngineTest.walk(older.dir().resolve("checkpoints"));
            assertThat(olderBytes).isPositive();

            ckpt.model.Freed freed = Cleanup.cleanCheckpoints(1);

            assertThat(freed.bytes()).isEqualTo(olderBytes);
            assertThat(freed.runs()).isEqualTo(1);
            assertThat(older.dir().resolve("checkpoints")).doesNotExist();
            assertThat(older.dir().resolve("summary.json")).isRegularFile();
            assertThat(older.dir().resolve("checkpoints.csv")).isRegularFile();
            assertThat(Path.of(newer.checkpointDir())).isDirectory();
            assertThat(Cleanup.cleanCheckpoints(1).bytes()).isZero();
            assertThat(Files.list(runs).count()).isEqualTo(2);

            // keep = 0 while a run is in flight: the older runs go, the run in flight keeps its checkpoints
            var inFlight = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Runs.run(tiny.seconds(3).name("in-flight")));
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Runs.active() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1_500);
            Cleanup.cleanCheckpoints(0);
            Run r = inFlight.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo("FINISHED");
            assertThat(Path.of(r.checkpointDir())).isDirectory();
            assertThat(r.disk().totalBytes()).isPositive();
            assertThat(newer.dir().resolve("checkpoints")).doesNotExist();
        } finally {
            if (before == null) {
                System.clearProperty("ckpt.runs");
            } else {
                System.setProperty("ckpt.runs", before);
            }
        }
    }
}
