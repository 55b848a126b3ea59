package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Ctrl-C twice: the shell first asks the run to stop, then interrupts the thread running it. The run must still
 * stop the job and wait for Flink to say it is cancelled before it measures the disk and removes RocksDB's working
 * folder — an interrupt flag left set made those waits end at once, with Flink still cancelling.
 */
class StopTest {
    @AfterAll
    static void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void aSecondInterruptDuringTheStopStillStopsTheJobBeforeMeasuring() throws Exception {
        Thread[] runner = new Thread[1];
        CompletableFuture<Run> running = new CompletableFuture<>();
        runner[0] = new Thread(() -> {
            try {
                running.complete(Runs.run(Experiment.defaults().keys(20_000).seconds(60).interval("300ms")
                        .name("interrupted"), Embedded.get()));
            } catch (Throwable t) {
                running.completeExceptionally(t);
            }
        });
        runner[0].start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!Runs.active() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(3_000); // in steady
        assertThat(Runs.cancelCurrent()).isTrue();
        runner[0].interrupt(); // the second Ctrl-C
        Run r = running.get(60, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo("CANCELLED");
        // Flink finished cancelling before the run measured anything
        String state = Embedded.get().rest().get("jobs/" + r.jobId() + "/status").path("status").asText();
        assertThat(state).isEqualTo("CANCELED");
        assertThat(r.disk().readable()).isTrue();
        assertThat(r.disk().totalBytes()).isEqualTo(EngineTest.walk(Path.of(r.checkpointDir())));
        assertThat(r.dir().resolve("rocksdb-local")).doesNotExist();
        assertThat(r.dir().resolve("summary.json")).isRegularFile();
        // the interrupt is given back to the thread afterwards, as the shell expects
        runner[0].join(10_000);
        assertThat(runner[0].isAlive()).isFalse();
    }
}
