package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watchdog on its own, with small shell programs standing in for a JVM. */
class ClusterProcessTest {
    @TempDir
    Path dir;

    private ClusterProcess start(String script, long graceSeconds) throws Exception {
        return ClusterProcess.start("probe", List.of("/bin/sh", "-c", script), dir, Map.of("PROBE", "x"),
                dir.resolve("probe.log"), dir.resolve("probe.out"), Duration.ofSeconds(graceSeconds));
    }

    @Test
    void closingThePipeStopsTheProcessWithSigterm() throws Exception {
        ClusterProcess p = start("echo \"in $(pwd) with $PROBE\"; exec sleep 600", 5);
        assertThat(p.alive()).isTrue();
        assertThat(p.pid()).isNotEqualTo(p.watchdogPid());
        assertThat(p.jvm().parent().map(ProcessHandle::pid)).contains(p.watchdogPid());
        // the shell writes its line before it execs; stopping earlier would race the echo
        Path out = dir.resolve("probe.out");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!(Files.exists(out) && Files.readString(out).contains(" with ")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long t0 = System.nanoTime();
        p.requestStop();
        assertThat(p.awaitExit(Duration.ofSeconds(5))).isTrue();
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
        assertThat(p.exitCode()).hasValue(128 + 15);
        assertThat(p.alive()).isFalse();
        assertThat(Files.readString(dir.resolve("probe.out"))).contains("in " + dir.toRealPath() + " with x");
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterTheGracePeriod() throws Exception {
        ClusterProcess p = start("trap '' TERM; while :; do sleep 0.2; done", 1);
        Thread.sleep(300); // let the trap be installed
        long t0 = System.nanoTime();
        p.requestStop();
        assertThat(p.awaitExit(Duration.ofSeconds(6))).isTrue();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(ms).isBetween(900L, 4_000L);
        assertThat(p.exitCode()).hasValue(128 + 9);
    }

    @Test
    void aProcessThatEndsByItselfReportsItsExitCodeAndItsWatchdogEnds() throws Exception {
        ClusterProcess p = start("sleep 0.5; exit 3", 5);
        assertThat(p.awaitExit(Duration.ofSeconds(5))).isTrue();
        assertThat(p.exitCode()).hasValue(3);
        assertThat(p.alive()).isFalse();
    }

    @Test
    void killSigkillsTheProcessItselfAndTheWatchdogFollows() throws Exception {
        ClusterProcess p = start("exec sleep 600", 5);
        long t0 = System.nanoTime();
        p.kill(Duration.ofSeconds(5));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
        assertThat(p.jvm().isAlive()).isFalse();
        assertThat(p.exitCode()).hasValue(128 + 9);
        assertThat(Proc.awaitGone(List.of(p.watchdogPid()), 5_000)).isEmpty();
    }
}
