package ckpt.target;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.graph.ExecutionPlan;

/**
 * A Flink cluster runs go to. Three kinds — the embedded MiniCluster (the default), a local standalone cluster of
 * real JVMs, and a session cluster someone else runs — and the engine treats them alike: it submits a job with its
 * jar and reads everything back over Flink's REST API.
 */
public abstract class Target implements AutoCloseable {
    /**
     * Settings every cluster the tool starts gets, because the engine reads everything over REST: the checkpoint
     * history must hold every checkpoint of a run (Flink keeps 10 by default and drops older ones from its
     * statistics), and Flink's REST caches must be short — by default job details are 3 s old, checkpoint statistics
     * 3 s, metrics up to 10 s, which would delay every phase change the runner waits for. Checkpoint statistics are
     * only the runner's to ask for, and cheap to rebuild for one job's checkpoints: no cache, so the run's final
     * read need not wait one out. Metrics are fetched from every TaskManager at most every 200 ms: each fetch costs
     * them CPU. (At 100 ms the S3 benchmark's median incremental checkpoint once took 143–168 ms against 80 ms at
     * 200 ms; a later run at 200 ms took 162 ms, so that figure swings as much by itself. 200 ms stays: it is the
     * cheaper of the two, and the runner times its last looks around it.)
     */
    static final Map<String, String> STARTED_CLUSTER_KEYS = Map.of(
            "web.checkpoints.history", "100000",
            "rest.cache.checkpoint-statistics.timeout", "1 ms",
            "rest.cache.execution-graph.timeout", "20 ms",
            "metrics.fetcher.update-interval", "200 ms",
            // The ResourceManager batches slot requests for 50 ms by default (a fleet of jobs arriving together
            // shares one matching pass). One job at a time gains nothing from it, and every run lost the 50 ms
            // between the JobMaster's request and the slots' allocation (seen in the JobManager's log).
            "slotmanager.requirement-check.delay", "0 ms");

    private RestClusterClient<String> client;
    private URI clientUrl;

    /** "embedded", "local" or "remote". */
    public abstract String kind();

    /** The REST (and dashboard) URL; starts the cluster the tool owns if it is not running yet. */
    public abstract URI url();

    /**
     * Whether the cluster's processes see this machine's files, so a {@code file://} folder inside the run's folder
     * is a valid checkpoint directory. A remote cluster needs {@code experiment().checkpointDir(…)}.
     */
    public abstract boolean sharesDisk();

    /**
     * Whether the cluster's processes read this machine's clock, so the JobManager's timestamps and the sources'
     * windows need no offset estimated over the network (and {@code QuickEnd} may compare them exactly).
     */
    public boolean sharesClock() {
        return false;
    }

    /** Stops a cluster the tool started; a cluster it did not start is never stopped. */
    public abstract void stop();

    /** Whether the cluster is up now (without starting it). */
    public abstract boolean running();

    /** Whether the tool is starting this target's cluster right now (a local cluster started in the background). */
    public boolean starting() {
        return false;
    }

    /**
     * Gets the cluster ready for this experiment before the run folder is written: starts it, or restarts one the
     * tool owns when the experiment needs another TaskManager shape (managed memory). Refuses what this target
     * cannot do, in one line.
     */
    public void prepare(Experiment e) {
        url();
    }

    /** Whether {@link #killTaskManager()} can work here: only a local cluster has processes the tool may kill. */
    public boolean canKillTaskManagers() {
        return false;
    }

    /**
     * {@link #prepare(Experiment)} for an experiment that also needs cluster-wide settings: Flink reads some keys
     * from the TaskManagers' own configuration, never from the job's — the S3 file system's endpoint and
     * credentials, the changelog's storage, local recovery. A cluster the tool starts is (re)started with them when
     * it lacks them (keeping what it had: settings only add up, so alternating runs do not restart it each time;
     * local recovery is switched off again for a run without it); a cluster someone else runs must have them
     * already.
     */
    public void prepare(Experiment e, Map<String, String> clusterKeys) {
        prepare(e);
    }

    /**
     * Why {@link #prepare(Experiment, Map)} would restart the running cluster for this run, in a few words for the
     * user (keys by name only: values may be credentials); empty when it would not (or the tool does not own it).
     */
    public java.util.Optional<String> restartFor(Experiment e, Map<String, String> clusterKeys) {
        return java.util.Optional.empty();
    }

    /**
     * The keys of {@code keys} that {@code config} does not set to their value (see {@link #satisfies}), in short:
     * {@code s3.*}, {@code state.changelog.*}, {@code local recovery} (a status line has room for no more).
     */
    static java.util.List<String> missing(Map<String, String> config, Map<String, String> keys) {
        return keys.keySet().stream().filter(k -> !satisfies(config, Map.of(k, keys.get(k)))).map(Target::group)
                .distinct().sorted().toList();
    }

    private static String group(String key) {
        if (OFF_UNLESS_SET.contains(key)) {
            return "local recovery";
        }
        for (String prefix : java.util.List.of("s3.", "fs.", "state.changelog.")) {
            if (key.startsWith(prefix)) {
                return prefix + "*";
            }
        }
        return key;
    }

    /** The restart line: what restarts, and the keys (and managed memory) it needs. */
    static java.util.Optional<String> restart(String cluster, java.util.List<String> keys, String memory) {
        java.util.List<String> why = new java.util.ArrayList<>();
        if (!keys.isEmpty()) {
            why.add("cluster-wide settings " + String.join(", ", keys));
        }
        if (memory != null) {
            why.add("managed memory " + memory);
        }
        return why.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(cluster + " for this run's "
                + String.join(" and ", why) + " (Flink reads them at a process's start)");
    }

    /** Cluster-wide keys that are off unless set (Flink's default): a cluster without them has them "false". */
    static final java.util.Set<String> OFF_UNLESS_SET = java.util.Set.of(
            org.apache.flink.configuration.CheckpointingOptions.LOCAL_BACKUP_ENABLED.key(),
            org.apache.flink.configuration.StateRecoveryOptions.LOCAL_RECOVERY.key());

    /** Whether every key is set to that value in {@code config}. */
    static boolean satisfies(Map<String, String> config, Map<String, String> keys) {
        return keys.entrySet().stream().allMatch(k -> k.getValue().equals(config.getOrDefault(k.getKey(),
                OFF_UNLESS_SET.contains(k.getKey()) ? "false" : null)));
    }

    /** Kills one TaskManager process (failover experiments); only a local cluster has processes to kill. */
    public String killTaskManager() {
        throw new CkptException("killing a TaskManager needs a localCluster(…) target — this run's target is "
                + describe());
    }

    /**
     * The file Flink's trace spans of this cluster are written to ({@code JobInitialization}: restore durations and
     * bytes), or empty when the cluster has no such reporter (a remote cluster).
     */
    public java.util.Optional<java.nio.file.Path> spanFile() {
        return java.util.Optional.empty();
    }

    /**
     * CPU milliseconds the JIT compilers of this target's JVMs have used so far, where this machine can see them
     * (this JVM for the embedded target, the members of a local cluster); -1 elsewhere. See {@link JitCpu}.
     */
    public long jitCpuMillis() {
        return -1;
    }

    /** Facts recorded with each run on this target (e.g. the embedded TaskManager's managed memory). */
    public java.util.Map<String, String> facts() {
        return java.util.Map.of();
    }

    public FlinkRest rest() {
        return new FlinkRest(url());
    }

    /**
     * Total task slots the cluster offers. Right after a start the TaskManagers may not have registered yet (the
     * REST API answers 0): wait for them a little, as a run would.
     */
    public int slots() {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            int slots = rest().get("overview").path("slots-total").asInt();
            if (slots > 0 || System.currentTimeMillis() > deadline) {
                return slots;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return slots;
            }
        }
    }

    /** One line: kind, TaskManagers × slots, Flink version, REST URL. */
    public String describe() {
        if (!running()) {
            return kind() + (starting() ? " · starting (runs wait for it)"
                    : " · not started yet (starts with the first run)");
        }
        JsonNode o = rest().get("overview");
        int tms = o.path("taskmanagers").asInt();
        int slots = o.path("slots-total").asInt();
        return String.format(Locale.ROOT, "%s · %d TaskManager%s · %d slot%s · Flink %s · %s", kind(), tms,
                tms == 1 ? "" : "s", slots, slots == 1 ? "" : "s", o.path("flink-version").asText("?"), url());
    }

    /**
     * Whether this is a cluster the tool started whose JVMs have not run a job yet. Such a cluster runs Flink's
     * code interpreted for its first job, and the engine gives it a throwaway job before the first measured one.
     * A cluster the tool did not start is never cold to us: its JVMs are the user's, as they are.
     */
    public boolean cold() {
        return false;
    }

    /** Records that a job has run on the cluster (see {@link #cold}). */
    public void warmed() {
    }

    /**
     * Starts (or connects to) the cluster and makes a first request through each client a run uses — the engine's
     * REST reader and Flink's submission client — so their classes are loaded before the first run needs them.
     */
    public void warmUp() {
        rest().get("overview");
        try {
            client().listJobs().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(Target.class).info("submission client not warmed", e);
        }
    }

    /** Submits a job (its user jars travel with it) through Flink's REST client; returns its id. */
    public synchronized JobID submit(ExecutionPlan graph) {
        try {
            return client().submitJob(graph).get(120, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            String why = t.getMessage() == null ? t.getClass().getSimpleName() : firstLine(t.getMessage());
            throw new CkptException("Flink at " + url() + " refused the job: " + why, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CkptException("interrupted while submitting to " + url());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new CkptException("Flink at " + url() + " did not accept the job within 120 s");
        }
    }

    private synchronized RestClusterClient<String> client() {
        URI u = url();
        if (client == null || !u.equals(clientUrl)) {
            closeClient();
            Configuration c = new Configuration();
            c.set(RestOptions.ADDRESS, u.getHost());
            c.set(RestOptions.PORT, u.getPort());
            try {
                client = new RestClusterClient<>(c, kind());
                clientUrl = u;
            } catch (Exception e) {
                throw new CkptException("cannot create a REST client for " + u + ": " + e.getMessage(), e);
            }
        }
        return client;
    }

    protected synchronized void closeClient() {
        if (client != null) {
            client.close();
            client = null;
        }
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    @Override
    public void close() {
        closeClient();
    }

    @Override
    public String toString() {
        return describe();
    }
}
