package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.target.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell against clusters of real JVMs: one it did not start, and one it started and was killed with. */
class ShellClusterTest {

    @Test
    void aReplayOnAClusterTheToolDidNotStartCompletesAndLeavesItRunning(@TempDir Path ckpts) throws Exception {
        // Their cluster keeps only 5 checkpoints in its statistics (Flink's default is 10): the run takes more.
        try (LocalCluster theirs = LocalCluster.start(1, 2, java.util.Map.of("web.checkpoints.history", "5"))) {
            Processes.Result r = Processes.run("", "--cluster", theirs.restUrl().toString(), "--replay",
                    "src/test/resources/notebooks/remote-smoke.jsh", "--param", "dir=" + ckpts.toUri());
            assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isZero();
            assertThat(r.stderr()).contains("target: remote · 1 TaskManager · 2 slots · Flink 2.3.0");
            assertThat(r.stdout()).contains("ran on remote").contains("status FINISHED");
            // its checkpoints went where the experiment said, and the cluster is still up and empty-handed
            try (Stream<Path> s = Files.walk(ckpts)) {
                assertThat(s.anyMatch(p -> p.getFileName().toString().equals("_metadata"))).isTrue();
            }
            assertThat(theirs.alive()).isTrue();
            // the short history was said, and every checkpoint Flink completed is in the run's table all the same
            assertThat(r.stdout() + r.stderr()).contains("keeps 5 checkpoints in its statistics history");
            Path run;
            try (Stream<Path> s = Files.list(Processes.home().resolve("target/test-runs"))) {
                run = s.filter(p -> p.getFileName().toString().endsWith("-remote")).sorted().reduce((a, b) -> b).orElseThrow();
            }
            var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("summary.json").toFile());
            assertThat(summary.path("checkpoints_completed").asLong()).isGreaterThan(5)
                    .isEqualTo(summary.path("flink_counts").path("completed").asLong());
            assertThat(ckpt.target.Remote.connect(theirs.restUrl().toString()).slots()).isEqualTo(2);
            // no spans on their cluster: the retained checkpoint's _metadata size came from gauges or the storage,
            // and it is the file's length
            Path metadata;
            try (Stream<Path> s = Files.walk(ckpts)) {
                metadata = s.filter(p -> p.getFileName().toString().equals("_metadata")).findFirst().orElseThrow();
            }
            long id = Long.parseLong(metadata.getParent().getFileName().toString().substring(4));
            var table = tech.tablesaw.api.Table.read().csv(run.resolve("checkpoints.csv").toFile());
            var rows = table.where(table.numberColumn("checkpoint_id").isEqualTo(id));
            assertThat(rows.rowCount()).as("chk-%d in checkpoints.csv", id).isOne();
            assertThat(rows.numberColumn("metadata_bytes").getDouble(0)).isEqualTo((double) Files.size(metadata));
            // the shell reads their storage: a checkpoint's _metadata is read once REST shows it completed, before
            // a newer one subsumes it (the runner looks every 100 ms in steady, checkpoints come every 300 ms)
            var completed = table.where(table.stringColumn("status").isEqualTo("COMPLETED"));
            assertThat(completed.numberColumn("metadata_bytes").countMissing())
                    .as("checkpoints without a _metadata size").isLessThanOrEqualTo(completed.rowCount() / 2);
        }
    }

    @Test
    void killingTheShellWithSigkillDuringARunLeavesNoFlinkJvm() throws Exception {
        String name = "killme" + System.nanoTime() % 100_000;
        // the notebook asks for the same shape: with the session's -D keys it reuses the cluster the shell started
        String script = "use(localCluster(1, 1))\n"
                + "var r = run(experiment().keys(20_000).seconds(120).interval(\"500ms\").name(\"" + name + "\"))\n";
        // -D reaches the cluster's config.yaml: here a JVM flag, which the TaskManager's command line then shows
        String flag = "-Dckpt.test.cliKey=" + name;
        Process shell = new ProcessBuilder(Processes.javaCommand("--local-cluster", "1x1", "-D",
                "env.java.opts.taskmanager=" + flag))
                .directory(Processes.home().toFile()).redirectErrorStream(true)
                .redirectOutput(Processes.home().resolve("target/test-logs/killme.out").toFile()).start();
        try (var in = shell.getOutputStream()) {
            in.write(script.getBytes(StandardCharsets.UTF_8));
        }
        List<ProcessHandle> jvms = List.of();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                // (a JVM's short-lived forked helper carries its command line too: count the parent only)
                jvms = shell.descendants().filter(ShellClusterTest::flinkJvm)
                        .filter(h -> !h.parent().map(ShellClusterTest::flinkJvm).orElse(false)).toList();
                if (jvms.size() == 2 && runInSteady(name)) {
                    break;
                }
                Thread.sleep(500);
            }
            assertThat(jvms).as("the shell's JobManager and TaskManager JVMs: %s", describe(jvms)).hasSize(2);
            assertThat(jvms.stream().map(ShellClusterTest::commandLine).filter(c -> c.contains("TaskManagerRunner")))
                    .singleElement().asString().contains(flag);
            assertThat(Files.readString(Processes.home().resolve("target/test-logs/killme.out")))
                    .contains("target: local cluster 1×1 with env.java.opts.taskmanager=" + flag + " (starting");
        } finally {
            shell.destroyForcibly(); // SIGKILL: no shutdown hook runs
            shell.waitFor(10, TimeUnit.SECONDS);
        }
        long gone = System.currentTimeMillis() + 20_000;
        while (jvms.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < gone) {
            Thread.sleep(200);
        }
        assertThat(jvms).noneMatch(ProcessHandle::isAlive);
        // the run it was measuring gets its summary, marked cut short, at the next start (here: called directly)
        assertThat(ckpt.engine.CutShort.repair()).anyMatch(id -> id.endsWith("-" + name));
        Path run;
        try (Stream<Path> s = Files.list(Processes.home().resolve("target/test-runs"))) {
            run = s.filter(p -> p.getFileName().toString().endsWith("-" + name)).findFirst().orElseThrow();
        }
        assertThat(Files.readString(run.resolve("summary.json"))).contains("CUT SHORT");
        assertThat(run.resolve("rocksdb-local")).doesNotExist();
    }

    private static String describe(List<ProcessHandle> handles) {
        StringBuilder sb = new StringBuilder();
        for (ProcessHandle h : handles) {
            sb.append(h.pid()).append(" parent ").append(h.parent().map(ProcessHandle::pid).orElse(-1L))
                    .append(flinkJvmName(h)).append("; ");
        }
        return sb.toString();
    }

    private static String flinkJvmName(ProcessHandle h) {
        try {
            String cmd = Files.readString(Path.of("/proc/" + h.pid() + "/cmdline"));
            return cmd.contains("TaskManagerRunner") ? " TaskManager" : " JobManager";
        } catch (java.io.IOException e) {
            return " gone";
        }
    }

    private static String commandLine(ProcessHandle h) {
        try {
            return Files.readString(Path.of("/proc/" + h.pid() + "/cmdline")).replace('\0', ' ');
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /** A JobManager or TaskManager JVM (read from /proc: the JDK leaves out command lines this long). */
    private static boolean flinkJvm(ProcessHandle h) {
        try {
            String cmd = Files.readString(Path.of("/proc/" + h.pid() + "/cmdline"));
            return cmd.split("\0", 2)[0].endsWith("/java") && cmd.contains("org.apache.flink.runtime.taskexecutor.TaskManagerRunner")
                    || cmd.contains("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The named run is measuring (its checkpoints.csv has a steady row). */
    private static boolean runInSteady(String name) throws Exception {
        Path runs = Processes.home().resolve("target/test-runs");
        if (!Files.isDirectory(runs)) {
            return false;
        }
        try (Stream<Path> s = Files.list(runs)) {
            for (Path d : s.filter(p -> p.getFileName().toString().endsWith("-" + name)).toList()) {
                Path csv = d.resolve("checkpoints.csv");
                if (Files.isRegularFile(csv) && Files.readString(csv).contains(",steady,")) {
                    return true;
                }
            }
        }
        return false;
    }
}
