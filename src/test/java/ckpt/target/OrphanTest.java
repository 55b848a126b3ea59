package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No cluster JVM outlives its owner: whether the owner exits or is SIGKILLed. */
class OrphanTest {

    /** A separate JVM that started a 1 × 1 cluster: its process, the cluster's name and JVM pids, its output files. */
    private record Owner(Process process, String cluster, List<Long> pids, Path stdout, Path stderr, String line) {
    }

    private static Owner startOwner(String mode) throws Exception {
        Path logs = Path.of(System.getProperty("ckpt.log")).toAbsolutePath().getParent();
        List<String> cmd = new ArrayList<>(List.of(FlinkCommand.java()));
        cmd.addAll(FlinkCommand.OPENS);
        cmd.add("-Dckpt.home=" + System.getProperty("ckpt.home"));
        cmd.add("-Dckpt.log=" + logs.resolve("owner-" + mode + ".log"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), OrphanOwner.class.getName(), mode));
        Path stdout = logs.resolve("owner-" + mode + ".stdout");
        Path stderr = logs.resolve("owner-" + mode + ".stderr");
        Process owner = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        String line = "";
        for (long end = System.currentTimeMillis() + 120_000; System.currentTimeMillis() < end && owner.isAlive(); ) {
            line = Files.readString(stdout);
            if (line.endsWith("\n")) {
                break;
            }
            Thread.sleep(100);
        }
        if (!line.endsWith("\n") && owner.isAlive()) {
            owner.destroyForcibly();
        }
        line = line.strip();
        assertThat(line).as("the owner's report (stderr: %s)", Files.readString(stderr)).startsWith("cluster cluster-");
        String[] parts = line.split(" ");
        List<Long> pids = Arrays.stream(parts, 2, parts.length).map(Long::parseLong).toList();
        assertThat(pids).hasSize(2);
        return new Owner(owner, parts[1], pids, stdout, stderr, line);
    }

    @Test
    void whenTheOwnerIsKilledWithSigkillItsClusterJvmsAreGoneWithinSeconds() throws Exception {
        Owner owner = startOwner("wait");
        assertThat(owner.pids()).allMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        Path dir = Reaper.clustersDir().resolve(owner.cluster());
        assertThat(Registry.read(dir).orElseThrow().ownerPid()).isEqualTo(owner.process().pid());

        long t0 = System.nanoTime();
        owner.process().destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(owner.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(owner.process().exitValue()).isEqualTo(137);
        List<Long> survivors = Proc.awaitGone(owner.pids(), 15_000);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("cluster JVMs gone " + ms + " ms after SIGKILL of their owner");
        assertThat(survivors).as("cluster JVMs alive 15 s after their owner was killed").isEmpty();
        assertThat(Proc.pgrep(owner.cluster())).isEmpty();

        // Nothing of the cluster reached the owner's stdout/stderr: only its own line.
        assertThat(Files.readString(owner.stdout())).isEqualTo(owner.line() + "\n");
        assertThat(Files.readString(owner.stderr())).isEmpty();

        // The registry stays behind (the owner had no chance to remove it); reaping finds nothing to stop and
        // removes the folder.
        assertThat(dir.resolve(Registry.FILE)).exists();
        List<ReapedCluster> reaped = LocalCluster.reapOrphans();
        assertThat(reaped).noneMatch(r -> r.cluster().equals(owner.cluster()));
        assertThat(dir).doesNotExist();
    }

    @Test
    void whenTheOwnerExitsNormallyItsShutdownHookStopsTheClusterAndRemovesItsFolder() throws Exception {
        Owner owner = startOwner("exit");
        assertThat(owner.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(owner.process().exitValue()).isZero();
        // The hook waited for the JVMs: they are gone when the owner is.
        assertThat(Proc.awaitGone(owner.pids(), 0)).isEmpty();
        assertThat(Proc.pgrep(owner.cluster())).isEmpty();
        assertThat(Reaper.clustersDir().resolve(owner.cluster())).doesNotExist();
        assertThat(Files.readString(owner.stdout())).isEqualTo(owner.line() + "\n");
        assertThat(Files.readString(owner.stderr())).isEmpty();
        Path jmLog = Path.of(System.getProperty("ckpt.log")).toAbsolutePath().getParent()
                .resolve(owner.cluster()).resolve("jobmanager.log");
        assertThat(Files.readString(jmLog)).contains("RECEIVED SIGNAL 15: SIGTERM");
    }

    @Test
    void reapOrphansStopsWhatADeadOwnerLeftAndNothingElse() throws Exception {
        Path clusters = Files.createDirectories(Path.of(System.getProperty("ckpt.home"), "reaper-test"));
        Process deadOwner = new ProcessBuilder("sleep", "600").start();
        long deadPid = deadOwner.pid();
        long deadStart = Registry.startMillis(deadOwner.toHandle());
        deadOwner.destroyForcibly();
        deadOwner.waitFor();
        Process leftover = new ProcessBuilder("sleep", "600").start();
        Process stranger = new ProcessBuilder("sleep", "600").start();
        Process mine = new ProcessBuilder("sleep", "600").start();
        try {
            long leftoverStart = Registry.startMillis(leftover.toHandle());
            write(clusters, "cluster-orphaned", new Registry("cluster-orphaned", deadPid, deadStart, "logs", List.of(
                    new Registry.Member("taskmanager-1", leftover.pid(), leftoverStart, -1),
                    // same pid, other start time: a recycled pid, not ours to kill
                    new Registry.Member("taskmanager-2", stranger.pid(), 12345L, -1))));
            ProcessHandle me = ProcessHandle.current();
            write(clusters, "cluster-owned", new Registry("cluster-owned", me.pid(), Registry.startMillis(me), "logs",
                    List.of(new Registry.Member("jobmanager", mine.pid(), Registry.startMillis(mine.toHandle()), -1))));

            Path deadSpans = Files.writeString(clusters.resolve("spans-" + deadPid + ".jsonl"), "{}\n");
            Path mySpans = Files.writeString(clusters.resolve("spans-" + me.pid() + ".jsonl"), "{}\n");

            List<ReapedCluster> reaped = Reaper.reap(clusters);

            assertThat(deadSpans).doesNotExist(); // a gone shell's trace spans: nobody reads them any more
            assertThat(mySpans).exists();

            assertThat(reaped).hasSize(1);
            assertThat(reaped.get(0).stopped()).containsExactly("taskmanager-1 (pid " + leftover.pid() + ")");
            assertThat(reaped.get(0).toString()).isEqualTo("stopped cluster-orphaned left by pid " + deadPid
                    + ": taskmanager-1 (pid " + leftover.pid() + ")");
            assertThat(leftover.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stranger.isAlive()).isTrue();
            assertThat(mine.isAlive()).isTrue();
            assertThat(clusters.resolve("cluster-orphaned")).doesNotExist();
            assertThat(clusters.resolve("cluster-owned").resolve(Registry.FILE)).exists();
        } finally {
            for (Process p : List.of(leftover, stranger, mine)) {
                p.destroyForcibly();
            }
            Reaper.deleteRecursively(clusters);
        }
    }

    private static void write(Path clusters, String name, Registry r) throws Exception {
        Path dir = Files.createDirectories(clusters.resolve(name));
        r.write(dir);
        assertThat(Registry.read(dir)).contains(r);
    }
}
