package ckpt.target;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default target: one long-lived MiniCluster in this JVM (one TaskManager, 4 slots). Started on first use —
 * or pre-warmed in the background once the shell's prompt is up — and reused by every later run, closed at exit.
 * Runs reach it exactly as they reach any other cluster: a submitted jar and the REST API on 127.0.0.1.
 */
public final class Embedded extends Target {
    /** Task slots of the single TaskManager. */
    public static final int SLOTS = 4;
    /** Managed memory of the TaskManager unless an experiment asks for another size. */
    public static final String MANAGED_MEMORY = "1g";
    private static final Logger LOG = LoggerFactory.getLogger(Embedded.class);
    private static final Embedded INSTANCE = new Embedded();
    private static final String TMP_PREFIX = "ckpt-flink-";

    private MiniCluster mini;
    private URI rest;
    private Path tmpDir;
    private String managedMemory;
    private boolean hooked;

    private Embedded() {
    }

    /** The one embedded target of this JVM (not started until a run or {@link #url()} needs it). */
    public static Embedded get() {
        return INSTANCE;
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public synchronized URI url() {
        if (mini == null) {
            start(managedMemory == null ? MANAGED_MEMORY : managedMemory);
        }
        return rest;
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
    public synchronized boolean running() {
        return mini != null;
    }

    /** Restarts the cluster when the experiment asks for another managed memory size: it is fixed per TaskManager. */
    @Override
    public synchronized void prepare(Experiment e) {
        String want = memoryFor(e);
        if (mini != null && memoryDiffers(want)) {
            LOG.info("restarting the embedded cluster with managed memory {}", want);
            stop();
        }
        if (mini == null) {
            start(want);
        }
    }

    /** Cluster-wide keys in force (sticky: a run that needs more restarts the cluster with the union). */
    private Map<String, String> clusterKeys = Map.of();

    /**
     * Like {@link #prepare(Experiment)}, and restarts the MiniCluster when it lacks cluster-wide keys the run needs
     * (file systems are re-initialized in this JVM with them, plugins included, before it starts again).
     */
    @Override
    public synchronized void prepare(Experiment e, Map<String, String> keys) {
        if (!satisfies(clusterKeys, keys)) {
            Map<String, String> next = new LinkedHashMap<>(clusterKeys);
            next.putAll(keys);
            LOG.info("restarting the embedded cluster with cluster-wide keys {}", next.keySet());
            stop();
            clusterKeys = Map.copyOf(next);
        }
        prepare(e);
    }

    @Override
    public synchronized java.util.Optional<String> restartFor(Experiment e, Map<String, String> keys) {
        if (mini == null) {
            return java.util.Optional.empty(); // a start, not a restart
        }
        String want = memoryFor(e);
        return restart("the embedded cluster", missing(clusterKeys, keys), memoryDiffers(want) ? want : null);
    }

    /** The managed memory a run asks for: its own, or the embedded default. */
    private static String memoryFor(Experiment e) {
        return e.managedMemory() == null ? MANAGED_MEMORY : e.managedMemory();
    }

    /** Whether the running TaskManager has another managed memory size than {@code want}. */
    private boolean memoryDiffers(String want) {
        return !MemorySize.parse(want).equals(MemorySize.parse(managedMemory));
    }

    /** Cluster-wide keys the running MiniCluster was started with (S3 endpoint, changelog storage). */
    public synchronized Map<String, String> clusterKeys() {
        return clusterKeys;
    }

    /** Managed memory of the running TaskManager, as configured (e.g. "1g"); the default when not running. */
    public synchronized String managedMemory() {
        return managedMemory == null ? MANAGED_MEMORY : managedMemory;
    }

    @Override
    public synchronized java.util.Optional<Path> spanFile() {
        return mini == null ? java.util.Optional.empty() : java.util.Optional.of(tmpDir.resolve("spans.jsonl"));
    }

    /** The MiniCluster's JobManager and TaskManagers are threads of this JVM: its compilers compile for them. */
    @Override
    public long jitCpuMillis() {
        return JitCpu.millis(java.util.List.of(ProcessHandle.current().pid()));
    }

    @Override
    public java.util.Map<String, String> facts() {
        return java.util.Map.of("managed_memory", managedMemory());
    }

    /** The MiniCluster itself, for tests that compare what REST says with Flink's in-process view. */
    public synchronized MiniCluster mini() {
        url();
        return mini;
    }

    /** io.tmp.dirs of the running cluster (RocksDB's native library, blobs); removed on stop. */
    public synchronized Path tmpDir() {
        url();
        return tmpDir;
    }

    @Override
    public synchronized void stop() {
        closeClient();
        if (mini != null) {
            MiniCluster m = mini;
            mini = null;
            try {
                m.closeAsync().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("embedded cluster shutdown", e);
            }
            deleteQuietly(tmpDir);
        }
    }

    private void start(String memory) {
        removeLeftovers();
        try {
            Path tmp = Files.createTempDirectory(TMP_PREFIX + ProcessHandle.current().pid() + "-");
            Configuration conf = new Configuration();
            // Every server on loopback: REST, RPC, BLOB (it binds to jobmanager.bind-host), data exchange.
            conf.setString("rest.bind-address", "127.0.0.1");
            conf.setString("rest.address", "127.0.0.1");
            conf.setString("rest.bind-port", "0");
            conf.setString("jobmanager.bind-host", "127.0.0.1");
            conf.setString("jobmanager.rpc.address", "127.0.0.1");
            conf.setString("taskmanager.bind-host", "127.0.0.1");
            conf.setString("taskmanager.host", "127.0.0.1");
            STARTED_CLUSTER_KEYS.forEach(conf::setString);
            Traces.config(tmp.resolve("spans.jsonl")).forEach(conf::setString);
            conf.setString("io.tmp.dirs", tmp.toString());
            conf.setString("taskmanager.memory.managed.size", memory);
            clusterKeys.forEach(conf::setString);
            // Flink's plugins (the S3 file system) for this JVM: the MiniCluster's tasks and the shell's own reads
            // of checkpoint storage share its file systems, as a TaskManager's entrypoint would set them up.
            ckpt.store.Plugins.initializeFileSystems(clusterKeys);
            MiniClusterConfiguration mcc = new MiniClusterConfiguration.Builder()
                    .setPluginManager(ckpt.store.Plugins.pluginManager(conf))
                    .setConfiguration(conf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(SLOTS)
                    .build();
            MiniCluster m = new MiniCluster(mcc);
            m.start();
            rest = m.getRestAddress().get(30, TimeUnit.SECONDS);
            mini = m;
            tmpDir = tmp;
            managedMemory = memory;
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "ckpt-embedded-shutdown"));
            }
        } catch (Exception e) {
            throw new CkptException("could not start the embedded Flink cluster: " + e.getMessage()
                    + " (details in " + System.getProperty("ckpt.log", "the log file") + ")", e);
        }
    }

    /** Also loads RocksDB's native library, which the first RocksDB task would otherwise wait for. */
    @Override
    public void warmUp() {
        super.warmUp();
        loadRocksDbLibrary(tmpDir());
    }

    /**
     * Flink loads RocksDB's native library once per JVM (a static flag) into io.tmp.dirs; doing it ahead of the
     * first job saves that job the extraction. The method is package-private in Flink, hence reflection; if it
     * moves, the first job simply loads it itself.
     */
    private static void loadRocksDbLibrary(Path tmp) {
        try {
            var m = Class.forName("org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend")
                    .getDeclaredMethod("ensureRocksDBIsLoaded", String.class);
            m.setAccessible(true);
            m.invoke(null, tmp.toString());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.info("RocksDB library not pre-loaded", e);
        }
    }

    /**
     * Removes temporary folders of embedded clusters whose JVM is gone (a shell killed with kill -9 cannot clean up
     * after itself): their names carry the owner's pid.
     */
    static void removeLeftovers() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> s = Files.list(tmp)) {
            s.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).forEach(p -> {
                String[] parts = p.getFileName().toString().substring(TMP_PREFIX.length()).split("-", 2);
                long pid;
                try {
                    pid = Long.parseLong(parts[0]);
                } catch (NumberFormatException e) {
                    pid = -1;
                }
                boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive && parts.length == 2) {
                    LOG.info("removing {} left by a session that is gone", p);
                    deleteQuietly(p);
                }
            });
        } catch (IOException e) {
            LOG.info("could not list {}", tmp, e);
        }
    }

    private static void deleteQuietly(Path p) {
        ckpt.io.Files2.deleteRecursively(p);
    }
}
