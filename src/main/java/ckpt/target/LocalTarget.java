package ckpt.target;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import java.net.URI;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;

/**
 * A real Flink standalone session cluster on this machine ({@link LocalCluster}: one JobManager JVM and one JVM per
 * TaskManager, started from Flink's own entrypoints), as a run target. Calling {@code localCluster(n, m)} again with
 * the same shape reuses the running cluster; another shape, or a run asking for another managed memory size,
 * replaces it. Its TaskManagers are real processes, so a run can kill one ({@code killTaskManagerAfter}).
 */
public final class LocalTarget extends Target {
    private final int taskManagers;
    private final int slots;
    private volatile LocalCluster cluster;

    /*
     * What the runs of this session asked of the local cluster so far: a managed memory size, and cluster-wide keys
     * (S3 endpoint, changelog storage, local recovery). They stay until a run asks otherwise. They belong to the
     * session, not to one LocalTarget, because this JVM runs one local cluster: a notebook's later
     * localCluster(2, 2) must reuse the cluster an S3 run restarted with its endpoint, not replace it with one
     * without (and the next run would not care about either). Guarded by LocalTarget.class.
     */
    private static String managedMemory;
    private static Map<String, String> clusterKeys = Map.of();

    /** The user's keys for the cluster's config.yaml (localCluster(n, m, config)), checked, sorted by key. */
    private final Map<String, String> userConfig;

    private LocalTarget(int taskManagers, int slots, Map<String, String> userConfig) {
        this.taskManagers = taskManagers;
        this.slots = slots;
        this.userConfig = userConfig;
    }

    /**
     * The keys given as {@code -D key=value} at the shell's start: every {@code localCluster(n, m)} of the session
     * uses them, so a notebook that asks for {@code localCluster(2, 2)} reuses the cluster {@code --local-cluster 2x2
     * -D …} started, keys and all, instead of replacing it with one without them.
     */
    private static volatile java.util.SortedMap<String, String> sessionKeys = java.util.Collections.emptySortedMap();

    /** Sets the session's keys ({@code -D}); checked here, so a refusal names the {@code -D}. */
    public static void sessionKeys(Map<String, String> keys) {
        sessionKeys = checked("-D", keys);
    }

    /** The session's keys ({@code -D} at the shell's start), sorted; empty without any. */
    public static Map<String, String> sessionKeys() {
        return sessionKeys;
    }

    /** The session's local cluster of this shape (with the session's {@code -D} keys), started now if need be. */
    public static LocalTarget of(int taskManagers, int slotsPerTaskManager) {
        return of(taskManagers, slotsPerTaskManager, sessionKeys);
    }

    /**
     * The session's local cluster of this shape and configuration, started now if it is not running. The keys go
     * into its config.yaml after the tool's ({@link ckpt.config.FlinkOptions#validateClusterKey}: settings of the
     * cluster's processes only, none the tool owns); another configuration is another cluster, as another shape is.
     */
    public static LocalTarget of(int taskManagers, int slotsPerTaskManager, Map<String, String> config) {
        if (taskManagers < 1 || taskManagers > 16 || slotsPerTaskManager < 1 || slotsPerTaskManager > 64) {
            throw new CkptException("localCluster(" + taskManagers + ", " + slotsPerTaskManager
                    + ") — use 1–16 TaskManagers with 1–64 slots each");
        }
        if (config == null) {
            throw new CkptException("localCluster(" + taskManagers + ", " + slotsPerTaskManager
                    + ", config): config is null — e.g. Map.of(\"taskmanager.memory.process.size\", \"2g\")");
        }
        LocalTarget t = new LocalTarget(taskManagers, slotsPerTaskManager, checked("localCluster(…, config)", config));
        t.url();
        return t;
    }

    /**
     * The user's keys for a local cluster's config.yaml, each checked ({@link
     * ckpt.config.FlinkOptions#validateClusterKey(String, String, String)}), sorted by key; a refusal names
     * {@code where} they came from.
     */
    public static java.util.SortedMap<String, String> checked(String where, Map<String, String> config) {
        java.util.SortedMap<String, String> checked = new java.util.TreeMap<>();
        config.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new CkptException(where + ": a " + (k == null ? "key" : "value of '" + k + "'") + " is null");
            }
            checked.put(ckpt.config.FlinkOptions.validateClusterKey(where, k, v), v.trim());
        });
        return java.util.Collections.unmodifiableSortedMap(checked);
    }

    /** Like {@link #of(int, int)}, but starts the cluster only when first needed (for --local-cluster at shell start). */
    public static LocalTarget lazy(int taskManagers, int slotsPerTaskManager) {
        return new LocalTarget(taskManagers, slotsPerTaskManager, sessionKeys); // checked when they were set
    }

    @Override
    public String kind() {
        return "local";
    }

    @Override
    public synchronized URI url() {
        LocalCluster c = cluster;
        if (c == null || !c.alive()) {
            starting = true;
            try {
                LocalCluster.addPlugin("ckpt-traces", Traces.pluginJar());
                c = LocalCluster.shared(taskManagers, slots, extraConfig());
                cluster = c;
            } finally {
                starting = false;
            }
        }
        return c.restUrl();
    }

    /** The one line of {@link Target#describe()}, with the user's cluster keys when there are any. */
    @Override
    public String describe() {
        // before it runs, the shape it will have (REST cannot say yet) and whether it is on its way
        String d = running() ? super.describe() : String.format(java.util.Locale.ROOT,
                "%s · %d TaskManager%s × %d slot%s · %s", kind(), taskManagers, taskManagers == 1 ? "" : "s", slots,
                slots == 1 ? "" : "s", starting() ? "starting (runs wait for it)"
                        : "not started yet (starts with the first run)");
        StringBuilder sb = new StringBuilder(d);
        userConfig.forEach((k, v) -> sb.append(" · ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** Set while url() starts the cluster; read without the lock, so target() answers during a start. */
    private volatile boolean starting;

    @Override
    public boolean starting() {
        return starting;
    }

    private Map<String, String> extraConfig() {
        Map<String, String> c = new java.util.LinkedHashMap<>(Traces.config(spans()));
        c.putAll(userConfig);
        synchronized (LocalTarget.class) {
            c.putAll(clusterKeys);
            if (managedMemory != null) {
                c.put("taskmanager.memory.managed.size", managedMemory);
            }
        }
        return c;
    }

    /** Where this JVM's local clusters write their trace spans (next to the clusters' folders). */
    private static java.nio.file.Path spans() {
        return Reaper.clustersDir().resolve("spans-" + ProcessHandle.current().pid() + ".jsonl");
    }

    @Override
    public java.util.Optional<java.nio.file.Path> spanFile() {
        return java.util.Optional.of(spans());
    }

    /** Like {@link #prepare(Experiment)}, restarting the cluster with the union when it lacks a key the run needs. */
    @Override
    public synchronized void prepare(Experiment e, Map<String, String> keys) {
        synchronized (LocalTarget.class) {
            if (!satisfies(clusterKeys, keys)) {
                Map<String, String> next = new java.util.LinkedHashMap<>(clusterKeys);
                next.putAll(keys);
                clusterKeys = Map.copyOf(next);
                cluster = null;
            }
        }
        prepare(e);
    }

    @Override
    public java.util.Optional<String> restartFor(Experiment e, Map<String, String> keys) {
        if (!running() && !starting()) {
            return java.util.Optional.empty(); // a start, not a restart (one the shell began counts: it is replaced)
        }
        synchronized (LocalTarget.class) {
            String want = e.managedMemory();
            return restart("the local cluster", missing(clusterKeys, keys), memoryDiffers(want)
                    ? (want == null ? "derived (taskmanager.memory.process.size)" : want) : null);
        }
    }

    /** Whether the running cluster's managed memory is not what a run asks for (guarded by LocalTarget.class). */
    private static boolean memoryDiffers(String want) {
        return want == null ? managedMemory != null
                : managedMemory == null || !MemorySize.parse(want).equals(MemorySize.parse(managedMemory));
    }

    @Override
    public boolean sharesDisk() {
        return true;
    }

    @Override
    public boolean sharesClock() {
        return true;
    }

    @Override
    public boolean running() {
        LocalCluster c = cluster;
        return c != null && c.alive();
    }

    /** Restarts the cluster with the experiment's managed memory when it asks for another size. */
    @Override
    public synchronized void prepare(Experiment e) {
        String want = e.managedMemory();
        synchronized (LocalTarget.class) {
            if (memoryDiffers(want)) {
                managedMemory = want;
                cluster = null;
            }
        }
        url();
    }

    @Override
    public long jitCpuMillis() {
        LocalCluster c = cluster;
        return c == null ? -1 : JitCpu.millis(c.processes().stream().map(ProcessHandle::pid).toList());
    }

    @Override
    public Map<String, String> facts() {
        LocalCluster c = cluster;
        if (c == null) {
            return Map.of();
        }
        Map<String, String> f = new java.util.LinkedHashMap<>();
        f.put("cluster_dir", c.dir().toString());
        f.put("cluster_logs", c.logDir().toString());
        String managed;
        synchronized (LocalTarget.class) {
            managed = managedMemory;
        }
        f.put("managed_memory", managed == null ? "derived (taskmanager.memory.process.size)" : managed);
        if (!userConfig.isEmpty()) {
            // what the user put into the cluster's config.yaml, so a run's figures trace back to it
            f.put("cluster_config", userConfig.toString());
        }
        return f;
    }

    @Override
    public boolean cold() {
        LocalCluster c = cluster;
        return c != null && c.alive() && !c.warm();
    }

    @Override
    public void warmed() {
        LocalCluster c = cluster;
        if (c != null) {
            c.markWarm();
        }
    }

    @Override
    public boolean canKillTaskManagers() {
        return true;
    }

    /**
     * SIGKILLs the first running TaskManager and starts a replacement in the background, so the job has slots to
     * come back to once Flink notices the loss (heartbeats: 10–20 s).
     */
    @Override
    public String killTaskManager() {
        LocalCluster c = cluster;
        if (c == null) {
            throw new CkptException("the local cluster is not running");
        }
        TaskManagerEvent killed = c.killTaskManager(0);
        Thread replace = new Thread(() -> {
            try {
                c.startTaskManager();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(LocalTarget.class).warn("replacement TaskManager", e);
            }
        }, "ckpt-replace-taskmanager");
        replace.setDaemon(true);
        replace.start();
        return killed.name();
    }

    /** The cluster's processes (tests and benchmarks look at them). */
    public LocalCluster cluster() {
        url();
        return cluster;
    }

    @Override
    public synchronized void stop() {
        closeClient();
        LocalCluster c = cluster;
        cluster = null;
        if (c != null) {
            c.stop();
        }
    }
}
