package ckpt.target;

import ckpt.error.CkptException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.HeartbeatManagerOptions;

/**
 * A real Flink standalone session cluster on 127.0.0.1: one JobManager JVM
 * ({@code StandaloneSessionClusterEntrypoint}) and one JVM per TaskManager ({@code TaskManagerRunner}), started
 * from Flink's own entrypoints with the memory flags Flink's scripts would derive, and Flink's jars from this JVM's
 * class path (without the project's own classes: jobs reach the cluster as jars).
 *
 * <p>Layout: {@code ${ckpt.home:-.}/clusters/cluster-ID/} (every cluster JVM's working directory) holds
 * {@code conf/config.yaml}, {@code conf/log4j.properties}, scratch space {@code tmp/}, {@code plugins/} and
 * {@code cluster.json} (owner and pids, see {@link Registry}); it is removed when the cluster stops. Logs go next
 * to the session log ({@code -Dckpt.log}): {@code cluster-ID/jobmanager.log}, {@code taskmanager-N.log}, and each
 * JVM's stdout/stderr in {@code *.out}; they are kept. Nothing reaches the terminal.
 *
 * <p>No cluster JVM outlives its owner unseen: each runs under a watchdog tied to this JVM by a pipe
 * ({@link ClusterProcess}), a shutdown hook stops clusters at normal exit, and {@link #reapOrphans()} stops what a
 * dead owner's watchdogs could not.
 */
public final class LocalCluster implements AutoCloseable {
    /** Bound for the whole start: JVMs up, REST answering, every TaskManager's slots registered. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Bound for one added TaskManager to register. */
    static final Duration TASKMANAGER_TIMEOUT = Duration.ofSeconds(60);
    /** How long a JVM may take to stop after SIGTERM before it is SIGKILLed. */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** A member that records a class-data sharing archive writes it as it exits: a few seconds more. */
    static final Duration RECORDING_GRACE = Duration.ofSeconds(30);
    /** Each member's class-data sharing (by member name). */
    private final Map<String, ClusterCds> cdsOf = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PORT_ATTEMPTS = 3;

    private static final Set<LocalCluster> RUNNING = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static LocalCluster shared;

    private final String name;
    private final int taskManagers;
    private final int slots;
    private final Map<String, String> extraConfig;
    private final Map<String, String> config;
    private final Path dir;
    private final Path confDir;
    private final Path tmpDir;
    /** RocksDB's library, unpacked for the TaskManagers (null: each unpacks it itself). */
    private Path nativeDir;
    private final Path logDir;
    private final URI restUrl;
    private final ClusterRest rest;
    private final String classPath;
    private final List<ClusterProcess> liveTaskManagers = new CopyOnWriteArrayList<>();
    private final List<TaskManagerEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger taskManagerNumber = new AtomicInteger();
    private volatile ClusterProcess jobManager;
    private volatile ResourceParams taskManagerParams;
    private volatile Registry registry;
    private volatile String flinkVersion = "?";
    private volatile Duration startTime;
    /** Whether a job has run on these JVMs yet (the engine's throwaway warm-up job, or any run). */
    private volatile boolean warm;

    private LocalCluster(String name, int taskManagers, int slots, Map<String, String> extraConfig, Path dir,
            Path logDir) {
        this.name = name;
        this.taskManagers = taskManagers;
        this.slots = slots;
        this.extraConfig = Map.copyOf(extraConfig);
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.tmpDir = dir.resolve("tmp");
        this.logDir = logDir;
        this.classPath = FlinkCommand.classPath();
        int[] ports = freePorts(2);
        this.config = ClusterConfig.of(slots, ports[0], ports[1], tmpDir, extraConfig);
        this.restUrl = URI.create("http://" + config.get("rest.address") + ":" + config.get("rest.port"));
        this.rest = new ClusterRest(restUrl);
    }

    // ---------------------------------------------------------------------------------------------- starting

    /** {@link #start(int, int, Map)} without extra configuration. */
    public static LocalCluster start(int taskManagers, int slotsPerTaskManager) {
        return start(taskManagers, slotsPerTaskManager, Map.of());
    }

    /**
     * Starts a cluster and returns once REST answers and every TaskManager has registered its slots.
     *
     * @param extraConfig Flink keys written into config.yaml after ours (the caller wins), e.g.
     *                    {@code taskmanager.memory.managed.size} or {@code env.java.opts.taskmanager}
     * @throws CkptException with a one-line message naming the log file to read, if it does not come up in time;
     *                       whatever was started is stopped again
     */
    public static LocalCluster start(int taskManagers, int slotsPerTaskManager, Map<String, String> extraConfig) {
        if (taskManagers < 1 || slotsPerTaskManager < 1) {
            throw new CkptException("a local cluster needs at least 1 TaskManager with 1 slot, not "
                    + taskManagers + " × " + slotsPerTaskManager);
        }
        hookOnce();
        for (int attempt = 1; ; attempt++) {
            LocalCluster c = create(taskManagers, slotsPerTaskManager, extraConfig);
            try {
                c.launch();
                return c;
            } catch (PortTaken e) {
                c.stop();
                // Ports we picked were free a moment before: another process won the race, try new ones.
                // Ports the caller fixed would be taken again.
                boolean callersPorts = extraConfig.containsKey("rest.port")
                        || extraConfig.containsKey("jobmanager.rpc.port");
                if (attempt == PORT_ATTEMPTS || callersPorts) {
                    throw new CkptException(e.getMessage(), e);
                }
            } catch (RuntimeException | Error e) {
                c.stop();
                throw e;
            }
        }
    }

    /**
     * The cluster this JVM shares between runs: the running one if it has this shape and configuration and all its
     * JVMs are up, otherwise (after stopping the old one) a new one.
     */
    public static synchronized LocalCluster shared(int taskManagers, int slotsPerTaskManager) {
        return shared(taskManagers, slotsPerTaskManager, Map.of());
    }

    /** {@link #shared(int, int)} with extra configuration, which is part of the shape. */
    public static synchronized LocalCluster shared(int taskManagers, int slotsPerTaskManager,
            Map<String, String> extraConfig) {
        LocalCluster c = shared;
        if (c != null && c.taskManagers == taskManagers && c.slots == slotsPerTaskManager
                && c.extraConfig.equals(extraConfig) && c.alive()) {
            return c;
        }
        if (c != null) {
            c.stop();
        }
        shared = start(taskManagers, slotsPerTaskManager, extraConfig);
        return shared;
    }

    /** Stops the shared cluster, if any. */
    public static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    /**
     * Stops the JVMs of clusters whose owning JVM is no longer alive (it was killed before it could stop them) and
     * removes their folders. The shell calls this at start and prints what it returns.
     */
    public static List<ReapedCluster> reapOrphans() {
        return Reaper.reap(Reaper.clustersDir());
    }

    /** Plugin jars every cluster of this JVM gets, by plugin folder name (Flink loads one folder per plugin). */
    private static final Map<String, Path> PLUGINS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Installs a Flink plugin (a reporter, a file system) into every local cluster started from now on: the jar is
     * copied to {@code plugins/<folder>/} before the JVMs start, the way a distribution holds plugins.
     */
    public static void addPlugin(String folder, Path jar) {
        PLUGINS.put(folder, jar);
    }

    private static LocalCluster create(int taskManagers, int slots, Map<String, String> extraConfig) {
        String id = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        String name = "cluster-" + id;
        Path dir = Reaper.clustersDir().resolve(name);
        Path logDir = logsRoot().resolve(name);
        LocalCluster c = new LocalCluster(name, taskManagers, slots, extraConfig, dir, logDir);
        try {
            Files.createDirectories(c.tmpDir);
            Files.createDirectories(c.pluginsDir());
            for (Map.Entry<String, Path> p : PLUGINS.entrySet()) {
                Path folder = Files.createDirectories(c.pluginsDir().resolve(p.getKey()));
                Files.copy(p.getValue(), folder.resolve(p.getValue().getFileName()));
            }
            ckpt.store.Plugins.populate(c.pluginsDir()); // the S3 file system, as a distribution's plugins/
            c.nativeDir = NativeLibrary.rocksDb(dir.resolve("native")).orElse(null);
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new CkptException("cannot create the local cluster's folders " + dir + ", " + logDir + ": " + e);
        }
        // Registered before any JVM exists, so a crash mid-start still leaves a record to reap.
        c.registry = Registry.ownedByThisJvm(name, logDir, List.of());
        c.registry.write(dir);
        RUNNING.add(c);
        return c;
    }

    /** Next to the session log (-Dckpt.log), else ${ckpt.home:-.}/logs. */
    private static Path logsRoot() {
        String log = System.getProperty("ckpt.log");
        if (log != null && !log.isBlank()) {
            Path parent = Path.of(log).toAbsolutePath().getParent();
            if (parent != null) {
                return parent;
            }
        }
        return Path.of(System.getProperty("ckpt.home", ".")).resolve("logs").toAbsolutePath().normalize();
    }

    private void launch() {
        long t0 = System.nanoTime();
        ClusterConfig.write(confDir, config);
        ResourceParams jmParams = ResourceParams.jobManager(confDir);
        taskManagerParams = ResourceParams.taskManager(confDir);
        // All JVMs at once: TaskManagers retry registering until the JobManager is up.
        jobManager = spawn("jobmanager", FlinkCommand.JOBMANAGER_MAIN, jmParams, jmParams.dynamicArgs());
        updateRegistry();
        List<ClusterProcess> started = new ArrayList<>();
        for (int i = 0; i < taskManagers; i++) {
            started.add(spawnTaskManager());
        }
        awaitOverview(START_TIMEOUT);
        Instant ready = Instant.now();
        for (ClusterProcess tm : started) {
            events.add(new TaskManagerEvent(TaskManagerEvent.Kind.STARTED, tm.name(), tm.pid(), tm.started(), ready));
        }
        startTime = Duration.ofNanos(System.nanoTime() - t0);
    }

    private ClusterProcess spawnTaskManager() {
        String tm = "taskmanager-" + taskManagerNumber.incrementAndGet();
        List<String> args = new ArrayList<>(taskManagerParams.dynamicArgs());
        // Our name as Flink's resource id: REST's /taskmanagers then says which JVM is which.
        args.add("-D");
        args.add("taskmanager.resource-id=" + tm);
        ClusterProcess p = spawn(tm, FlinkCommand.TASKMANAGER_MAIN, taskManagerParams, args);
        liveTaskManagers.add(p);
        updateRegistry();
        return p;
    }

    private ClusterProcess spawn(String member, String mainClass, ResourceParams params, List<String> args) {
        Path log = logDir.resolve(member + ".log");
        Path out = logDir.resolve(member + ".out");
        String role = member.startsWith("taskmanager") ? "taskmanager" : "jobmanager";
        List<String> cmd = FlinkCommand.of(mainClass, role, params, config, confDir, log, tmpDir, classPath, args);
        if (role.equals("taskmanager") && nativeDir != null) {
            cmd.add(1, NativeLibrary.flag(nativeDir));
        }
        ClusterCds cds = ClusterCds.forMember(name, member, classPath);
        cmd.addAll(1, cds.flags());
        cdsOf.put(member, cds);
        try {
            // Flink finds plugins (e.g. S3 file systems, one folder each) in FLINK_PLUGINS_DIR: the cluster's own.
            Map<String, String> env = Map.of("FLINK_PLUGINS_DIR", pluginsDir().toString());
            return ClusterProcess.start(member, cmd, dir, env, log, out, cds.grace(GRACE, RECORDING_GRACE));
        } catch (IOException e) {
            throw new CkptException("could not start the local cluster's " + member + ": " + e.getMessage(), e);
        }
    }

    private synchronized void updateRegistry() {
        List<Registry.Member> members = new ArrayList<>();
        if (jobManager != null) {
            members.add(Registry.Member.of(jobManager));
        }
        liveTaskManagers.forEach(p -> members.add(Registry.Member.of(p)));
        registry = registry.with(members);
        try {
            registry.write(dir);
        } catch (UncheckedIOException e) {
            if (!stopped.get()) {
                throw e;
            } // else: the folder was removed by a concurrent stop(), as it should be
        }
    }

    /** Waits until /overview answers 200 with all TaskManagers and slots, failing early if a JVM exits. */
    private void awaitOverview(Duration bound) {
        long end = System.nanoTime() + bound.toNanos();
        String seen = "REST did not answer";
        while (true) {
            failIfAnyExited();
            Optional<JsonNode> o = rest.get("/overview");
            if (o.isPresent()) {
                JsonNode n = o.get();
                flinkVersion = n.path("flink-version").asText("?");
                int tms = n.path("taskmanagers").asInt();
                int total = n.path("slots-total").asInt();
                if (tms == taskManagers && total == taskManagers * slots) {
                    return;
                }
                seen = "REST saw " + tms + " of " + taskManagers + " TaskManagers, " + total + " of "
                        + taskManagers * slots + " slots";
            }
            if (System.nanoTime() > end) {
                throw new CkptException("local Flink cluster not ready after " + bound.toSeconds() + " s (" + seen
                        + "); see " + jobManager.log());
            }
            pause();
        }
    }

    private void failIfAnyExited() {
        if (stopped.get()) {
            throw new CkptException("local cluster " + name + " was stopped");
        }
        List<ClusterProcess> all = new ArrayList<>();
        all.add(jobManager);
        all.addAll(liveTaskManagers);
        for (ClusterProcess p : all) {
            if (!p.alive()) {
                p.awaitExit(Duration.ofSeconds(1)); // for the exit code the watchdog reports
                String code = p.exitCode().isPresent() ? " (exit code " + p.exitCode().getAsInt() + ")" : "";
                String head = "local Flink cluster " + name + ": the " + p.name() + " JVM exited" + code;
                Optional<String> taken = p == jobManager ? takenPort(p) : Optional.empty();
                if (taken.isPresent()) {
                    throw new PortTaken(head + ": " + taken.get() + " is taken; see " + p.log());
                }
                throw new CkptException(head + "; see " + p.log());
            }
        }
    }

    /**
     * Which of our ports the JobManager could not bind, from its log. They were free a moment before it started;
     * another process may have taken one since.
     */
    private Optional<String> takenPort(ClusterProcess p) {
        for (Path f : List.of(p.log(), p.out())) {
            try {
                String text = Files.exists(f) ? Files.readString(f) : "";
                if (text.contains("Could not start rest endpoint on any port")) {
                    return Optional.of("REST port " + config.get("rest.port"));
                }
                if (text.contains("BindException") || text.contains("Address already in use")) {
                    return Optional.of("RPC port " + config.get("jobmanager.rpc.port"));
                }
            } catch (IOException | UncheckedIOException ignored) {
                // unreadable: treated as another failure
            }
        }
        return Optional.empty();
    }

    /** The JobManager could not bind a port: with ports we picked, worth another attempt with new ones. */
    private static final class PortTaken extends CkptException {
        PortTaken(String message) {
            super(message);
        }
    }

    /**
     * Ports nobody listens on right now: the kernel's picks for port 0 on loopback, all held at once so that they
     * differ from each other.
     */
    private static int[] freePorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // it was only a probe
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CkptException("interrupted while waiting for the local Flink cluster");
        }
    }

    // ---------------------------------------------------------------------------------------------- failover

    /**
     * SIGKILLs the JVM of the {@code i}-th running TaskManager (0-based, in start order, see
     * {@link #taskManagerNames()}) and returns as soon as it is gone: the moment of the failure. The JobManager
     * notices by itself, through its heartbeats, as in a real failure (10–20 s with Flink's defaults);
     * {@link #awaitRegistered()} waits for that, {@link #startTaskManager()} too.
     */
    public synchronized TaskManagerEvent killTaskManager(int i) {
        if (i < 0 || i >= liveTaskManagers.size()) {
            throw new CkptException("no TaskManager #" + i + " in " + name + ": " + liveTaskManagers.size()
                    + " running " + taskManagerNames());
        }
        ClusterProcess tm = liveTaskManagers.get(i);
        Instant at = Instant.now();
        tm.kill(Duration.ofSeconds(10));
        TaskManagerEvent e = new TaskManagerEvent(TaskManagerEvent.Kind.KILLED, tm.name(), tm.pid(), at,
                Instant.now());
        liveTaskManagers.remove(tm);
        updateRegistry();
        events.add(e);
        return e;
    }

    /**
     * Starts one more TaskManager (e.g. to replace a killed one) and returns once the JobManager lists exactly the
     * running TaskManagers: the new one with its slots, and no killed one. The event's {@code done} is when the
     * new one's slots were first listed.
     */
    public synchronized TaskManagerEvent startTaskManager() {
        if (stopped.get()) {
            throw new CkptException("local cluster " + name + " is stopped");
        }
        ClusterProcess tm = spawnTaskManager();
        Instant registered = awaitExactlyTheLiveTaskManagers(tm.name(), tm.log());
        TaskManagerEvent e = new TaskManagerEvent(TaskManagerEvent.Kind.STARTED, tm.name(), tm.pid(), tm.started(),
                registered);
        events.add(e);
        return e;
    }

    /**
     * Waits until the JobManager lists exactly the TaskManagers whose JVMs run (after a kill: until Flink's
     * heartbeat has dropped the dead one), and returns how long that took.
     */
    public synchronized Duration awaitRegistered() {
        long t0 = System.nanoTime();
        awaitExactlyTheLiveTaskManagers(null, jobManager.log());
        return Duration.ofNanos(System.nanoTime() - t0);
    }

    /** @return when {@code newcomer} was first listed (now, if null) */
    private Instant awaitExactlyTheLiveTaskManagers(String newcomer, Path logToRead) {
        // A dead TaskManager is dropped at the latest after the heartbeat timeout (50 s by default).
        Duration heartbeat = Configuration.fromMap(config).get(HeartbeatManagerOptions.HEARTBEAT_TIMEOUT);
        Duration bound = TASKMANAGER_TIMEOUT.plus(heartbeat);
        long end = System.nanoTime() + bound.toNanos();
        Instant firstListed = newcomer == null ? Instant.now() : null;
        Set<String> want = Set.copyOf(taskManagerNames());
        Set<String> seen = Set.of();
        while (true) {
            failIfAnyExited();
            Optional<Set<String>> ids = rest.taskManagerIds();
            if (ids.isPresent()) {
                seen = ids.get();
                if (firstListed == null && seen.contains(newcomer)) {
                    firstListed = Instant.now();
                }
                if (seen.equals(want)) {
                    return firstListed;
                }
            }
            if (System.nanoTime() > end) {
                throw new CkptException("the JobManager of " + name + " lists TaskManagers " + seen + ", not " + want
                        + ", after " + bound.toSeconds() + " s; see " + logToRead);
            }
            pause();
        }
    }

    // ---------------------------------------------------------------------------------------------- stopping

    /**
     * Stops every JVM of the cluster (SIGTERM, SIGKILL after {@link #GRACE}) and removes the cluster's folder
     * (logs stay). Idempotent; safe from any thread, also while a start is waiting.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        List<ClusterProcess> all = new ArrayList<>(liveTaskManagers);
        if (jobManager != null) {
            all.add(jobManager);
        }
        all.forEach(ClusterProcess::requestStop);
        for (ClusterProcess p : all) {
            ClusterCds cds = cdsOf.get(p.name());
            if (!p.awaitExit((cds != null ? cds.grace(GRACE, RECORDING_GRACE) : GRACE).plusSeconds(5))) {
                p.forceStop();
                p.awaitExit(Duration.ofSeconds(5));
            }
            if (cds != null) {
                cds.settle(p.exitCode());
            }
        }
        Reaper.deleteRecursively(dir);
        RUNNING.remove(this);
        synchronized (LocalCluster.class) {
            if (shared == this) {
                shared = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void hookOnce() {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).parallelStream()
                    .forEach(LocalCluster::stop), "ckpt-local-cluster-shutdown"));
        }
    }

    // ---------------------------------------------------------------------------------------------- reading

    /** {@code http://127.0.0.1:PORT}: the REST API and web UI. */
    public URI restUrl() {
        return restUrl;
    }

    /** TaskManagers asked for at start (the cluster's shape). */
    public int taskManagers() {
        return taskManagers;
    }

    public int slotsPerTaskManager() {
        return slots;
    }

    /** The cluster's folder: {@code conf/config.yaml}, {@code tmp/}, {@code cluster.json}. Removed at stop. */
    public Path dir() {
        return dir;
    }

    /** Flink's plugins folder for this cluster's JVMs (one sub-folder per plugin, read at JVM start). */
    public Path pluginsDir() {
        return dir.resolve("plugins");
    }

    /** The folder with each JVM's Flink log ({@code *.log}) and stdout/stderr ({@code *.out}). Kept after stop. */
    public Path logDir() {
        return logDir;
    }

    /** The folder name, unique on this machine (also in every cluster JVM's command line). */
    public String name() {
        return name;
    }

    /** The configuration written to config.yaml (ours plus the caller's). */
    public Map<String, String> configuration() {
        return java.util.Collections.unmodifiableMap(config);
    }

    /** The Flink version the JobManager reports (REST {@code /overview}). */
    public String flinkVersion() {
        return flinkVersion;
    }

    /** From launching the first JVM until every slot was registered. */
    public Duration startTime() {
        return startTime;
    }

    /** Names of the running TaskManagers in start order; {@link #killTaskManager(int)} indexes this list. */
    public List<String> taskManagerNames() {
        return liveTaskManagers.stream().map(ClusterProcess::name).toList();
    }

    /** TaskManagers started and killed, in order (the initial ones included). */
    public List<TaskManagerEvent> events() {
        return List.copyOf(events);
    }

    /** The cluster's JVMs: the JobManager, then the TaskManagers not killed (alive or not: check each). */
    public List<ProcessHandle> processes() {
        return Stream.concat(Stream.ofNullable(jobManager), liveTaskManagers.stream())
                .map(ClusterProcess::jvm).toList();
    }

    /** The JobManager, then the running TaskManagers, with their watchdogs (for tests in this package). */
    List<ClusterProcess> members() {
        return Stream.concat(Stream.ofNullable(jobManager), liveTaskManagers.stream()).toList();
    }

    /** Whether a job has run on these JVMs yet. */
    public boolean warm() {
        return warm;
    }

    /** Records that a job has run on these JVMs: their first-job costs are paid. */
    public void markWarm() {
        warm = true;
    }

    /** Whether the JobManager and as many TaskManagers as the shape asks for are running. */
    public boolean alive() {
        return !stopped.get() && jobManager != null && jobManager.alive()
                && liveTaskManagers.size() == taskManagers && liveTaskManagers.stream().allMatch(ClusterProcess::alive);
    }

    /** One line, e.g. {@code local cluster · 2 TaskManagers × 2 slots · Flink 2.3.0 · http://127.0.0.1:40123}. */
    public String describe() {
        return "local cluster · " + taskManagers + (taskManagers == 1 ? " TaskManager" : " TaskManagers") + " × "
                + slots + (slots == 1 ? " slot" : " slots") + " · Flink " + flinkVersion + " · " + restUrl
                + (stopped.get() ? " · stopped" : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
