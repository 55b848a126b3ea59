package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One real cluster (1 JobManager + 2 TaskManagers × 2 slots) shared by the tests in order: starting one costs
 * seconds. The last test replaces it with a 1 × 1 cluster through {@link LocalCluster#shared} and stops that.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalClusterTest {
    private static LocalCluster cluster;
    private static ClusterRest rest;
    private static final List<String> names = new ArrayList<>();

    @BeforeAll
    static void start() {
        cluster = LocalCluster.shared(2, 2);
        rest = new ClusterRest(cluster.restUrl());
        names.add(cluster.name());
        System.out.println("cluster start: " + cluster.startTime().toMillis() + " ms");
    }

    @AfterAll
    static void stopAll() throws Exception {
        LocalCluster.stopShared();
        if (cluster != null) {
            cluster.stop();
        }
        for (String name : names) {
            assertThat(Proc.pgrep(name)).as("processes still running for %s", name).isEmpty();
        }
    }

    @Test
    @Order(1)
    void aStandaloneClusterOfFlinksOwnEntrypointsWithTheMemoryFlagsFlinksScriptsDerive() throws Exception {
        JsonNode overview = rest.get("/overview").orElseThrow();
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(2);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
        assertThat(overview.path("flink-version").asText()).isEqualTo("2.3.0");
        assertThat(rest.taskManagerIds().orElseThrow()).containsExactlyInAnyOrder("taskmanager-1", "taskmanager-2");
        assertThat(cluster.describe()).matches(
                "local cluster · 2 TaskManagers × 2 slots · Flink 2\\.3\\.0 · http://127\\.0\\.0\\.1:\\d+")
                .endsWith(":" + cluster.restUrl().getPort()).isEqualTo(cluster.toString());
        assertThat(cluster.alive()).isTrue();
        assertThat(cluster.startTime()).isPositive();

        // One JVM per member, each Flink's own entrypoint, with the flags BashJavaUtils derives and the opens.
        List<ProcessHandle> jvms = cluster.processes();
        assertThat(jvms).hasSize(3).allMatch(ProcessHandle::isAlive);
        Path conf = cluster.dir().resolve("conf");
        ResourceParams jm = ResourceParams.jobManager(conf);
        ResourceParams tm = ResourceParams.taskManager(conf);
        List<String> jmCmd = commandLine(jvms.get(0));
        assertThat(jmCmd.get(0)).isEqualTo(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(jmCmd).contains(FlinkCommand.JOBMANAGER_MAIN, "--configDir", conf.toString())
                .containsAll(jm.jvmArgs()).containsAll(jm.dynamicArgs()).containsAll(FlinkCommand.OPENS)
                .contains("-Dlog.file=" + cluster.logDir().resolve("jobmanager.log"));
        for (ProcessHandle h : jvms.subList(1, 3)) {
            List<String> tmCmd = commandLine(h);
            assertThat(tmCmd).contains(FlinkCommand.TASKMANAGER_MAIN).containsAll(tm.jvmArgs())
                    .containsAll(tm.dynamicArgs()).containsAll(FlinkCommand.OPENS);
            assertThat(String.join(" ", tmCmd)).contains("-Xmx", "-XX:MaxDirectMemorySize=", "taskmanager.cpu.cores=");
            // The cluster's class path holds jars only: no target/classes, no ckpt.* code.
            String cp = tmCmd.get(tmCmd.indexOf("-classpath") + 1);
            assertThat(cp).contains("flink-runtime-2.3.0.jar").doesNotContain("target/classes")
                    .doesNotContain("test-classes");
            for (String entry : cp.split(":")) {
                assertThat(Path.of(entry)).isRegularFile();
            }
        }

        // Flink's own view: the managed memory it derived is what each TaskManager reports.
        String managed = tm.dynamicArgs().stream().filter(a -> a.startsWith("taskmanager.memory.managed.size="))
                .findFirst().orElseThrow().replaceAll("\\D", "");
        rest.get("/taskmanagers").orElseThrow().path("taskmanagers").forEach(t -> {
            assertThat(t.path("slotsNumber").asInt()).isEqualTo(2);
            assertThat(t.path("memoryConfiguration").path("managedMemory").asText()).isEqualTo(managed);
        });

        // And the JobManager read our config.yaml.
        Map<String, String> jmConfig = new java.util.HashMap<>();
        rest.get("/jobmanager/config").orElseThrow()
                .forEach(e -> jmConfig.put(e.path("key").asText(), e.path("value").asText()));
        assertThat(jmConfig).containsEntry("web.checkpoints.history", "100000")
                .containsEntry("jobmanager.bind-host", "127.0.0.1").containsEntry("taskmanager.numberOfTaskSlots", "2")
                .containsEntry("rest.port", Integer.toString(cluster.restUrl().getPort()));
        assertThat(Files.readString(conf.resolve("config.yaml"))).contains("metrics.fetcher.update-interval: 200 ms");
    }

    @Test
    @Order(2)
    void everyListeningSocketOfEveryClusterJvmIsOnLoopbackWhileAJobRuns() throws Exception {
        // The detector itself: a wildcard listener in this JVM is reported as not loopback.
        try (ServerSocket wildcard = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            assertThat(Proc.listeners(ProcessHandle.current().pid()))
                    .anyMatch(l -> l.port() == wildcard.getLocalPort() && !l.loopback());
        }
        // A running job opens the servers a job adds (here the collect sink's socket on a TaskManager).
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createRemoteEnvironment(
                cluster.restUrl().getHost(), cluster.restUrl().getPort());
        env.setParallelism(2);
        try (CloseableIterator<Long> it = env.fromSequence(0, Long.MAX_VALUE).executeAndCollect("loopback-probe")) {
            Set<Long> got = new TreeSet<>();
            for (int i = 0; i < 10; i++) {
                got.add(it.next());
            }
            assertThat(got).hasSize(10);

            StringBuilder found = new StringBuilder();
            List<Proc.Listener> all = new ArrayList<>();
            Set<String> kinds = new TreeSet<>();
            for (ClusterProcess m : members()) {
                List<Proc.Listener> ls = Proc.listeners(m.pid());
                Map<Integer, String> known = serversInLog(m.log());
                List<String> named = new ArrayList<>();
                for (Proc.Listener l : ls) {
                    String kind = known.getOrDefault(l.port(), "unidentified");
                    kinds.add(kind);
                    named.add(kind + " " + l);
                }
                found.append(m.name()).append(" (pid ").append(m.pid()).append("): ").append(String.join(", ", named))
                        .append("; ");
                all.addAll(ls);
            }
            System.out.println("listening sockets: " + found);
            assertThat(all).as("listening sockets of the cluster JVMs: %s", found).allMatch(Proc.Listener::loopback);
            // Every kind of server was seen (so each was checked): an empty scan must not pass.
            assertThat(kinds).as(found.toString()).contains("REST", "RPC", "BLOB server", "metric query service",
                    "netty shuffle", "collect sink");
            assertThat(found.toString()).contains("REST 127.0.0.1:" + cluster.restUrl().getPort(),
                    "RPC 127.0.0.1:" + cluster.configuration().get("jobmanager.rpc.port"));
        }
    }

    /** Which server listens on which port, from the lines Flink logs when it opens them. */
    private static Map<Integer, String> serversInLog(Path log) throws Exception {
        Map<String, String> patterns = Map.of(
                "Actor system started at pekko\\.tcp://flink@[^:]+:(\\d+)", "RPC",
                "Actor system started at pekko\\.tcp://flink-metrics@[^:]+:(\\d+)", "metric query service",
                "Started BLOB server at [^:]+:(\\d+)", "BLOB server",
                "Rest endpoint listening at [^:]+:(\\d+)", "REST",
                "Listening on SocketAddress /[^:]+:(\\d+)", "netty shuffle",
                "Collect sink server established, address = \\S*:(\\d+)", "collect sink");
        String text = Files.readString(log);
        Map<Integer, String> ports = new java.util.HashMap<>();
        patterns.forEach((regex, kind) -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(text);
            while (m.find()) {
                ports.put(Integer.parseInt(m.group(1)), kind);
            }
        });
        return ports;
    }

    @Test
    @Order(3)
    void logsAndOutputGoToFilesUnderTheLogsFolderNeverToTheTerminal() throws Exception {
        Path logs = cluster.logDir();
        assertThat(logs.getParent()).isEqualTo(Path.of(System.getProperty("ckpt.log")).toAbsolutePath().getParent());
        assertThat(logs.getFileName().toString()).isEqualTo(cluster.name());
        assertThat(Files.readString(logs.resolve("jobmanager.log"))).contains("Starting StandaloneSessionClusterEntrypoint");
        for (String tm : List.of("taskmanager-1", "taskmanager-2")) {
            assertThat(Files.readString(logs.resolve(tm + ".log"))).contains("Starting TaskManager with ResourceID: " + tm);
            assertThat(logs.resolve(tm + ".out")).exists();
        }
        // Each JVM's stdout and stderr are its .out file (not the terminal, not our pipes).
        List<ProcessHandle> jvms = cluster.processes();
        List<String> members = List.of("jobmanager", "taskmanager-1", "taskmanager-2");
        for (int i = 0; i < jvms.size(); i++) {
            String out = logs.resolve(members.get(i) + ".out").toRealPath().toString();
            assertThat(Proc.fdTarget(jvms.get(i).pid(), 1)).as(members.get(i) + " stdout").isEqualTo(out);
            assertThat(Proc.fdTarget(jvms.get(i).pid(), 2)).as(members.get(i) + " stderr").isEqualTo(out);
            assertThat(Proc.fdTarget(jvms.get(i).pid(), 0)).as(members.get(i) + " stdin").isEqualTo("/dev/null");
        }
        // Their watchdogs talk to us through pipes only; their own complaints go to the same .out file.
        for (ClusterProcess m : members()) {
            assertThat(Proc.fdTarget(m.watchdogPid(), 0)).startsWith("pipe:");
            assertThat(Proc.fdTarget(m.watchdogPid(), 1)).startsWith("pipe:");
            assertThat(Proc.fdTarget(m.watchdogPid(), 2)).isEqualTo(m.out().toRealPath().toString());
        }
        // The JVMs run in the cluster folder and find their plugins there.
        assertThat(Files.readString(logs.resolve("jobmanager.log"))).doesNotContain("plugins directory [plugins] does not exist");
    }

    @Test
    @Order(4)
    void terminalSignalsToTheProcessGroupDoNotStopTheCluster() throws Exception {
        // Ctrl-C, Ctrl-Z and a hang-up reach every process of the terminal's foreground group, ours included.
        List<Long> pids = new ArrayList<>();
        for (ClusterProcess p : members()) {
            pids.add(p.pid());
            pids.add(p.watchdogPid());
        }
        long[] all = pids.stream().mapToLong(Long::longValue).toArray();
        Proc.signal("INT", all);
        Proc.signal("HUP", all);
        Proc.signal("TSTP", all);
        Thread.sleep(1500);
        for (long pid : pids) {
            assertThat(Proc.state(pid)).as("state of pid %d", pid).isNotEmpty().isNotEqualTo("T").isNotEqualTo("Z");
        }
        assertThat(cluster.alive()).isTrue();
        assertThat(rest.get("/overview").orElseThrow().path("slots-total").asInt()).isEqualTo(4);
    }

    @Test
    @Order(5)
    void aKilledTaskManagerIsReplacedAndTheClusterAgainHasAllItsSlots() throws Exception {
        assertThat(cluster.taskManagerNames()).containsExactly("taskmanager-1", "taskmanager-2");
        long victim = cluster.processes().get(1).pid();
        long victimWatchdog = members().get(1).watchdogPid();
        TaskManagerEvent killed = cluster.killTaskManager(0);
        assertThat(killed.kind()).isEqualTo(TaskManagerEvent.Kind.KILLED);
        assertThat(killed.name()).isEqualTo("taskmanager-1");
        assertThat(killed.pid()).isEqualTo(victim);
        assertThat(ProcessHandle.of(victim)).isEmpty();
        assertThat(Proc.awaitGone(List.of(victimWatchdog), 5_000)).as("its watchdog ends too").isEmpty();
        assertThat(cluster.alive()).isFalse();
        assertThat(cluster.taskManagerNames()).containsExactly("taskmanager-2");
        assertThat(Files.readString(cluster.logDir().resolve("taskmanager-1.out"))).contains("Killed");

        TaskManagerEvent started = cluster.startTaskManager();
        assertThat(started.kind()).isEqualTo(TaskManagerEvent.Kind.STARTED);
        assertThat(started.name()).isEqualTo("taskmanager-3");
        System.out.println("replacement: " + started + " to register; the cluster was whole again "
                + java.time.Duration.between(killed.at(), java.time.Instant.now()).toMillis() + " ms after the kill");

        // startTaskManager returned once the JobManager listed exactly the live TaskManagers again
        JsonNode overview = rest.get("/overview").orElseThrow();
        assertThat(overview.path("taskmanagers").asInt()).isEqualTo(2);
        assertThat(overview.path("slots-total").asInt()).isEqualTo(4);
        assertThat(rest.taskManagerIds().orElseThrow()).containsExactlyInAnyOrder("taskmanager-2", "taskmanager-3");
        assertThat(cluster.alive()).isTrue();
        assertThat(cluster.awaitRegistered()).isLessThan(java.time.Duration.ofSeconds(1));
        assertThat(cluster.events()).extracting(e -> e.kind() + " " + e.name()).containsExactly(
                "STARTED taskmanager-1", "STARTED taskmanager-2", "KILLED taskmanager-1", "STARTED taskmanager-3");
        assertThat(cluster.events()).allMatch(e -> !e.done().isBefore(e.at()));
        assertThat(Registry.read(cluster.dir()).orElseThrow().processes())
                .extracting(Registry.Member::name).containsExactly("jobmanager", "taskmanager-2", "taskmanager-3");
        assertThatThrownBy(() -> cluster.killTaskManager(2)).hasMessageContaining("no TaskManager #2");
    }

    @Test
    @Order(6)
    void sharedReusesALiveClusterOfTheSameShapeAndReplacesOneOfAnotherShape() throws Exception {
        assertThat(LocalCluster.shared(2, 2)).isSameAs(cluster);
        List<ProcessHandle> old = cluster.processes();
        Path oldDir = cluster.dir();

        LocalCluster small = LocalCluster.shared(1, 1);
        names.add(small.name());
        assertThat(small).isNotSameAs(cluster);
        assertThat(old).noneMatch(ProcessHandle::isAlive);
        assertThat(cluster.alive()).isFalse();
        assertThat(cluster.describe()).endsWith(" · stopped");
        assertThat(oldDir).doesNotExist();
        assertThat(cluster.logDir().resolve("jobmanager.log")).exists();
        assertThat(small.describe()).matches("local cluster · 1 TaskManager × 1 slot · Flink 2\\.3\\.0 · http://127\\.0\\.0\\.1:\\d+");
        assertThat(new ClusterRest(small.restUrl()).get("/overview").orElseThrow().path("slots-total").asInt()).isEqualTo(1);
        System.out.println("cluster start (1 × 1): " + small.startTime().toMillis() + " ms");

        List<ProcessHandle> jvms = small.processes();
        small.stop();
        small.stop(); // idempotent
        assertThat(jvms).hasSize(2).noneMatch(ProcessHandle::isAlive);
        assertThat(Proc.pgrep(small.name())).isEmpty();
        assertThat(Proc.pgrep(cluster.name())).isEmpty();
        assertThat(small.dir()).doesNotExist();
        assertThat(small.alive()).isFalse();
        assertThatThrownBy(small::startTaskManager).hasMessageContaining("stopped");
    }

    /**
     * The clusters stopped above recorded the classes their JobManager and first TaskManager loaded (or an earlier
     * cluster of this suite did); a cluster started now maps those archives instead of loading each class again.
     */
    @Test
    @Order(7)
    void laterClustersStartFromTheClassDataSharingArchivesTheFirstOnesRecorded() throws Exception {
        try (var files = Files.list(Reaper.clustersDir().resolve("cds"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".jsa")))
                    .anyMatch(n -> n.startsWith("jobmanager-")).anyMatch(n -> n.startsWith("taskmanager-"));
        }
        LocalCluster next = LocalCluster.shared(1, 1);
        names.add(next.name());
        try {
            assertThat(next.processes()).hasSize(2).allSatisfy(h -> {
                String archive = commandLine(h).stream().filter(a -> a.startsWith("-XX:SharedArchiveFile="))
                        .findFirst().orElseThrow().substring("-XX:SharedArchiveFile=".length());
                // mapped, not merely named: -Xshare:auto would silently ignore an archive that does not fit
                assertThat(Files.readString(Path.of("/proc", Long.toString(h.pid()), "maps"))).contains(archive);
            });
            System.out.println("cluster start (1 × 1, from the archives): " + next.startTime().toMillis() + " ms");
        } finally {
            next.stop();
        }
    }

    /**
     * localCluster(n, m, config): the user's keys reach the cluster's config.yaml and the processes that read them
     * when they start — the TaskManager's memory as Flink derived it from them, its JVM options — and the run's
     * environment records them.
     */
    @Test
    @Order(8)
    void aClustersOwnConfigurationReachesItsProcesses() throws Exception {
        LocalTarget t = LocalTarget.of(1, 1, java.util.Map.of("taskmanager.memory.process.size", "1700m",
                "env.java.opts.taskmanager", "-Dckpt.test.mark=42"));
        try {
            LocalCluster c = t.cluster();
            names.add(c.name());
            ClusterRest rest = new ClusterRest(c.restUrl());
            String id = rest.get("/taskmanagers").orElseThrow().path("taskmanagers").get(0).path("id").asText();
            assertThat(rest.get("/taskmanagers/" + id).orElseThrow().path("memoryConfiguration")
                    .path("totalProcessMemory").asLong()).isEqualTo(1700L << 20);
            assertThat(c.processes()).anySatisfy(h -> assertThat(commandLine(h)).contains("-Dckpt.test.mark=42"));
            assertThat(t.describe()).matches("local · 1 TaskManager · 1 slot · Flink 2\\.3\\.0 · http://127\\.0\\.0\\.1:\\d+"
                    + " · env\\.java\\.opts\\.taskmanager=-Dckpt\\.test\\.mark=42 · taskmanager\\.memory\\.process\\.size=1700m");
            assertThat(t.facts()).containsEntry("cluster_config",
                    "{env.java.opts.taskmanager=-Dckpt.test.mark=42, taskmanager.memory.process.size=1700m}");
        } finally {
            t.stop();
        }
        assertThat(t.running()).isFalse();
    }

    private static List<ClusterProcess> members() {
        return cluster.members();
    }

    private static List<String> commandLine(ProcessHandle h) throws Exception {
        byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(h.pid()), "cmdline"));
        return List.of(new String(raw, java.nio.charset.StandardCharsets.UTF_8).split("\0"));
    }
}
