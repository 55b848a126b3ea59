package ckpt.flink;

import ckpt.CkptException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;

/**
 * The one long-lived embedded Flink cluster of this JVM. Started on first use (so the shell's prompt is not
 * delayed by it), reused by every later run (so stats of earlier jobs stay queryable), closed at exit.
 */
public final class Cluster implements AutoCloseable {
    /** Task slots of the single TaskManager: the highest parallelism an experiment may ask for. */
    public static final int SLOTS = 4;
    /** Managed memory for the TaskManager; RocksDB sizes its block cache and write buffers from its slot's share. */
    public static final String MANAGED_MEMORY = "1g";

    private static Cluster shared;

    private static boolean hooked;

    private final MiniCluster mini;
    private final URI restAddress;
    private final Path tmpDir;
    private final String managedMemory;

    private Cluster(MiniCluster mini, URI restAddress, Path tmpDir, String managedMemory) {
        this.mini = mini;
        this.restAddress = restAddress;
        this.tmpDir = tmpDir;
        this.managedMemory = managedMemory;
    }

    /** The shared cluster, started if needed (with the default managed memory). */
    public static synchronized Cluster get() {
        return shared != null ? shared : get(MANAGED_MEMORY);
    }

    /**
     * The shared cluster with this much managed memory: a running cluster with another size is shut down and a
     * new one started (managed memory is fixed for a TaskManager's lifetime).
     */
    public static synchronized Cluster get(String managedMemory) {
        if (shared != null && !sameSize(shared.managedMemory, managedMemory)) {
            shutdown();
        }
        if (shared == null) {
            shared = start(managedMemory);
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(Cluster::shutdown, "ckpt-cluster-shutdown"));
            }
        }
        return shared;
    }

    private static boolean sameSize(String a, String b) {
        return org.apache.flink.configuration.MemorySize.parse(a).equals(org.apache.flink.configuration.MemorySize.parse(b));
    }

    /** Managed memory of this cluster's TaskManager, as configured (e.g. "1g"). */
    public String managedMemory() {
        return managedMemory;
    }

    /**
     * Starts the cluster in the background and loads what the first run would otherwise wait for (RocksDB's
     * native library, the job-building classes). The shell calls this once the prompt is up, so the user's
     * first {@code run(...)} starts warm without the prompt having waited for Flink.
     */
    public static Thread prewarm() {
        Thread t = new Thread(() -> {
            try {
                Cluster c = get();
                loadRocksDbLibrary(c.tmpDir);
                StateJob.build(Experiment.defaults().keys(10), new Configuration(), "prewarm");
            } catch (RuntimeException | LinkageError e) {
                org.slf4j.LoggerFactory.getLogger(Cluster.class).info("prewarm skipped", e);
            }
        }, "ckpt-prewarm");
        t.setDaemon(true);
        t.start();
        return t;
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
            org.slf4j.LoggerFactory.getLogger(Cluster.class).info("RocksDB library not pre-loaded", e);
        }
    }

    /** Whether the shared cluster is running (without starting it). */
    public static synchronized boolean running() {
        return shared != null;
    }

    /** Stops the shared cluster and removes its temporary files; a later {@link #get()} starts a new one. */
    public static synchronized void shutdown() {
        if (shared != null) {
            Cluster c = shared;
            shared = null;
            c.close();
        }
    }

    private static Cluster start(String managedMemory) {
        try {
            Path tmp = Files.createTempDirectory("ckpt-flink-");
            Configuration conf = new Configuration();
            conf.setString("rest.bind-address", "127.0.0.1");
            conf.setString("rest.address", "127.0.0.1");
            conf.setString("rest.bind-port", "0");
            // Default history is 10: older checkpoints would silently vanish from the statistics.
            conf.setString("web.checkpoints.history", "100000");
            conf.setString("io.tmp.dirs", tmp.toString());
            conf.setString("taskmanager.memory.managed.size", managedMemory);
            conf.setString("metrics.reporter.ckpt.factory.class", MetricsBoard.Factory.class.getName());
            conf.setString("metrics.reporter.ckpt.interval", "1 s");
            MiniClusterConfiguration mcc = new MiniClusterConfiguration.Builder()
                    .setConfiguration(conf)
                    .setNumTaskManagers(1)
                    .setNumSlotsPerTaskManager(SLOTS)
                    .build();
            MiniCluster mini = new MiniCluster(mcc);
            mini.start();
            URI rest = mini.getRestAddress().get(30, TimeUnit.SECONDS);
            return new Cluster(mini, rest, tmp, managedMemory);
        } catch (Exception e) {
            throw new CkptException("could not start the embedded Flink cluster: " + e.getMessage()
                    + " (details in " + System.getProperty("ckpt.log", "the log file") + ")", e);
        }
    }

    public MiniCluster mini() {
        return mini;
    }

    /** Temporary folder of this cluster (io.tmp.dirs: RocksDB's native library, blobs); removed on close. */
    public Path tmpDir() {
        return tmpDir;
    }

    /** The Flink web dashboard / REST address (127.0.0.1 on a free port). */
    public URI restAddress() {
        return restAddress;
    }

    @Override
    public void close() {
        try {
            mini.closeAsync().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Cluster.class).warn("cluster shutdown", e);
        }
        Files2.deleteRecursively(tmpDir);
    }
}
