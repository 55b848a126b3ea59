package ckpt.flink;

import ckpt.CkptException;
import ckpt.rocksdb.OptionCatalog;
import ckpt.rocksdb.RocksDbOptionsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.IOMetrics;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Runs experiments on the shared cluster, one at a time, and lets the shell watch and stop the one in flight.
 *
 * <p>Set-up: a run folder, the job's configuration keys, submission. Measurement: poll Flink's checkpoint
 * statistics every 200 ms, write checkpoints.csv whenever one completes, push progress. Teardown: once the
 * steady phase has lasted {@code seconds} (and the checkpoint in flight then has finished), cancel the job —
 * cancellation keeps the last checkpoint on disk — then read the final statistics from the archived job,
 * walk the checkpoint folder, and write the summary.
 */
public final class Runs {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);
    private static final long POLL_MS = 200;

    private static volatile RunProgress.ProgressListener listener;
    private static volatile boolean cancelRequested;
    private static volatile boolean active;
    private static volatile Run last;
    /** Folder of the run in flight (null when none): cleanCheckpoints must never touch it. */
    private static volatile Path current;

    private Runs() {
    }

    /** Where progress goes; null restores the default (plain lines every few seconds). */
    public static void listener(RunProgress.ProgressListener l) {
        listener = l;
    }

    /**
     * Asks the run in flight to stop now: the job is cancelled and {@link #run} returns the checkpoints measured
     * so far (status CANCELLED). Returns false when no run is in flight.
     */
    public static boolean cancelCurrent() {
        if (!active) {
            return false;
        }
        cancelRequested = true;
        return true;
    }

    /** Whether a run is in flight. */
    public static boolean active() {
        return active;
    }

    /** The latest run of this JVM, finished or cancelled (null before the first). */
    public static Run last() {
        return last;
    }

    /** Runs the experiment, blocking until its steady phase is over; returns what was measured. */
    public static synchronized Run run(Experiment e) {
        if (e == null) {
            throw new CkptException("run needs an experiment, e.g. run(experiment().mode(\"full\"))");
        }
        OptionCatalog.validateAll(e.rocksdb());
        cancelRequested = false;
        active = true;
        // Start (or reuse) the cluster while the run folder and tables are set up: in a cold JVM both cost about a
        // second (Flink's RPC and web server; Tablesaw's one-time class-path scan) and there are two cores.
        CompletableFuture<Cluster> cluster = CompletableFuture.supplyAsync(() -> Cluster.get(e.managedMemory()));
        try {
            return new Execution(e, cluster).call();
        } finally {
            active = false;
            current = null;
            cancelRequested = false;
        }
    }

    /** One run from set-up to teardown. */
    private static final class Execution {
        private final Experiment e;
        private final Path dir;
        private final String id;
        private final Path checkpointRoot;
        private final Path localDir;
        private final Table metrics;
        private final ProgressPrinter fallback = new ProgressPrinter();
        private final CompletableFuture<Cluster> starting;
        private Cluster cluster;
        private JobID jobId;
        private long start;
        private long stopAt = -1;
        private long steadyEnd = -1;
        private long lastRecordsSeen;
        private long lastMetricSample;
        private boolean optionsCopied;
        private boolean gateCheckpointAsked;
        private int completedWritten = -1;
        private List<Long> tableState;
        private Table checkpoints;

        Execution(Experiment e, CompletableFuture<Cluster> starting) {
            this.e = e;
            this.starting = starting;
            this.dir = RunFiles.newRunDir(e.displayName());
            this.id = dir.getFileName().toString();
            current = dir;
            this.checkpointRoot = dir.resolve("checkpoints").toAbsolutePath();
            this.localDir = dir.resolve("rocksdb-local").toAbsolutePath();
            this.metrics = Table.create("metrics", StringColumn.create("run"), LongColumn.create("t_ms"),
                    StringColumn.create("metric"), LongColumn.create("value"));
            this.checkpoints = CheckpointTable.empty(e.displayName());
        }

        Run call() {
            RunFiles.writeJson(dir.resolve("experiment.json"), RunFiles.describe(e));
            RunFiles.writeJson(dir.resolve("environment.json"), environment());
            long t0 = System.nanoTime();
            try {
                cluster = starting.join();
            } catch (java.util.concurrent.CompletionException ce) {
                throw ce.getCause() instanceof RuntimeException re ? re : ce;
            }
            progress("starting", 0, 0);
            LOG.info("timing {}: cluster ready after {} ms", id, (System.nanoTime() - t0) / 1_000_000);
            MiniCluster mini = cluster.mini();
            Board.Live live = Board.open(id);
            String status = "FINISHED";
            String failure = null;
            AccessExecutionGraph finalGraph = null;
            try {
                StreamGraph graph = StateJob.build(e, jobConfiguration(), id);
                jobId = new JobID();
                graph.setJobId(jobId);
                start = System.currentTimeMillis();
                mini.submitJob(graph).get(60, TimeUnit.SECONDS);
                LOG.info("run {} submitted as job {}", id, jobId);
                failure = watch(mini, live);
                if (failure != null) {
                    status = "FAILED: " + failure;
                } else if (cancelRequested) {
                    status = "CANCELLED";
                }
                long t1 = System.nanoTime();
                stop(mini);
                long t2 = System.nanoTime();
                finalGraph = mini.getArchivedExecutionGraph(jobId).get(30, TimeUnit.SECONDS);
                LOG.info("timing {}: watch ended {} ms after submit; stop {} ms; archived graph {} ms", id,
                        System.currentTimeMillis() - start - (System.nanoTime() - t1) / 1_000_000,
                        (t2 - t1) / 1_000_000, (System.nanoTime() - t2) / 1_000_000);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                status = "CANCELLED";
                stopQuietly(mini);
            } catch (Exception ex) {
                Throwable root = rootCause(ex);
                failure = root.getClass().getSimpleName() + ": " + root.getMessage();
                status = "FAILED: " + failure;
                LOG.warn("run {} failed", id, ex);
                stopQuietly(mini);
            } finally {
                Board.close(id);
            }
            long t3 = System.nanoTime();
            Run run = finish(finalGraph, live, status);
            LOG.info("timing {}: finish (stats, disk walk, files) {} ms", id, (System.nanoTime() - t3) / 1_000_000);
            last = run;
            if (failure != null) {
                throw new CkptException("run " + e.displayName() + " failed: " + failure
                        + " — what was measured is in " + dir + " (lastRun() has it)");
            }
            return run;
        }

        /** Versions and machine facts, with the managed memory this run's cluster really has. */
        private Map<String, String> environment() {
            Map<String, String> env = Environment.describe();
            env.put("managed_memory", cluster != null ? cluster.managedMemory() : e.managedMemory());
            return env;
        }

        private Configuration jobConfiguration() {
            Configuration c = new Configuration();
            e.flinkConfig().forEach(c::setString);
            e.rocksdb().forEach(c::setString);
            e.rocksdbMetrics().forEach(k -> c.setString(k, "true"));
            c.setString("pipeline.name", "ckpt-" + id);
            c.setString("state.backend.type", e.mode().backend());
            c.setString("execution.checkpointing.incremental", String.valueOf(e.mode().incremental()));
            c.setString("execution.checkpointing.dir", checkpointRoot.toUri().toString());
            c.setString("execution.checkpointing.interval", e.interval().toMillis() + " ms");
            c.setString("execution.checkpointing.min-pause", e.minPause().toMillis() + " ms");
            c.setString("execution.checkpointing.timeout", e.timeout().toMillis() + " ms");
            // One at a time: the warm-up gate and the phase boundaries rely on checkpoints not overlapping.
            c.setString("execution.checkpointing.max-concurrent-checkpoints", "1");
            c.setString("execution.checkpointing.num-retained", String.valueOf(e.retained()));
            c.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
            c.setString("restart-strategy.type", "fixed-delay");
            c.setString("restart-strategy.fixed-delay.attempts", "3");
            c.setString("restart-strategy.fixed-delay.delay", "3 s");
            c.setString("state.backend.rocksdb.localdir", localDir.toString());
            return c;
        }

        /** Polls until the steady phase is over, the user cancels, or the job dies. Returns a failure or null. */
        private String watch(MiniCluster mini, Board.Live live) throws Exception {
            while (true) {
                AccessExecutionGraph g = mini.getExecutionGraph(jobId).get(30, TimeUnit.SECONDS);
                JobStatus state = g.getState();
                CheckpointStatsSnapshot stats = g.getCheckpointStatsSnapshot();
                long now = System.currentTimeMillis();
                gate(mini, live, stats, now);
                long steadyStart = live.steadyStartMillis;
                refresh(stats, steadyStart);
                sample(now, steadyStart);
                if (state.isGloballyTerminalState()) {
                    Throwable cause = g.getFailureInfo() == null ? null
                            : g.getFailureInfo().getException().deserializeError(Runs.class.getClassLoader());
                    return "job ended early (" + state + ")" + (cause == null ? "" : ": " + rootCause(cause).getMessage());
                }
                if (cancelRequested) {
                    steadyEnd = now;
                    return null;
                }
                long deadline = steadyStart < 0 ? -1 : steadyStart + e.seconds() * 1000L;
                if (deadline >= 0 && now >= deadline) {
                    steadyEnd = deadline;
                    // Let the checkpoint that was triggered inside the steady window finish (bounded by its timeout).
                    if (!StatsTable.inProgressBefore(stats, deadline) || now > deadline + e.timeout().toMillis()) {
                        return null;
                    }
                }
                String phase = steadyStart >= 0 ? "steady" : "warmup";
                progress(phase, live.warmupDone.get(), steadyStart < 0 ? 0 : Math.min(now - steadyStart,
                        e.seconds() * 1000L));
                // Poll faster while the source waits at the gate: every ms there is dead time in the run.
                Thread.sleep(live.warmupEndMillis >= 0 && !live.gate.isDone() ? 20 : POLL_MS);
            }
        }

        /**
         * Warm-up → steady: as soon as the source has written its warm-up records, ask for a checkpoint (rather
         * than wait for the next periodic one); open the gate when a checkpoint triggered after warm-up ended has
         * completed — it holds the whole warm state.
         */
        private void gate(MiniCluster mini, Board.Live live, CheckpointStatsSnapshot stats, long now) {
            long warmupEnd = live.warmupEndMillis;
            if (warmupEnd < 0 || live.gate.isDone()) {
                return;
            }
            if (!gateCheckpointAsked) {
                gateCheckpointAsked = true;
                mini.triggerCheckpoint(jobId, org.apache.flink.core.execution.CheckpointType.CONFIGURED)
                        .whenComplete((id, err) -> {
                            if (err != null) {
                                LOG.info("gate checkpoint not taken ({}); waiting for a periodic one", err.getMessage());
                            }
                        });
            }
            for (var c : stats.getHistory().getCheckpoints()) {
                if (c.getStatus() == org.apache.flink.runtime.checkpoint.CheckpointStatsStatus.COMPLETED
                        && c.getTriggerTimestamp() >= warmupEnd) {
                    live.steadyStartMillis = now;
                    live.gate.complete(null);
                    LOG.info("timing {}: warm-up written at +{} ms, gate opened at +{} ms", id, warmupEnd - start, now - start);
                    return;
                }
            }
        }

        /**
         * Rebuilds the table when a checkpoint finished or a phase boundary moved (not on every poll: a long run
         * has thousands of rows), and writes checkpoints.csv when one completed.
         */
        private void refresh(CheckpointStatsSnapshot stats, long steadyStart) {
            var counts = stats.getCounts();
            List<Long> state = List.of(counts.getNumberOfCompletedCheckpoints(), counts.getNumberOfFailedCheckpoints(),
                    steadyStart, steadyEnd);
            if (!state.equals(tableState)) {
                tableState = state;
                checkpoints = StatsTable.build(stats, e.displayName(), e.mode(), phases(steadyStart));
            }
            int completed = (int) counts.getNumberOfCompletedCheckpoints();
            if (completed != completedWritten) {
                completedWritten = completed;
                RunFiles.writeCsv(dir.resolve("checkpoints.csv"), checkpoints);
            }
            if (steadyStart >= 0 && !optionsCopied) {
                optionsCopied = copyOptionsFile();
            }
        }

        private StatsTable.Phases phases(long steadyStart) {
            return new StatsTable.Phases(start, steadyStart, steadyEnd, stopAt);
        }

        /** Records the stateful operator's input counter (for progress) and the requested RocksDB native metrics. */
        private void sample(long now, long steadyStart) {
            // Both the task and its head operator register "numRecordsIn" with the same count: one per subtask.
            Map<Integer, Long> perSubtask = new java.util.HashMap<>();
            for (MetricsBoard.Entry en : MetricsBoard.find(jobId.toString(), "numRecordsIn")) {
                Number v = en.value();
                if (en.task().contains(StateJob.STATE_NAME) && v != null) {
                    perSubtask.merge(en.subtask(), v.longValue(), Math::max);
                }
            }
            long records = perSubtask.values().stream().mapToLong(Long::longValue).sum();
            lastRecordsSeen = Math.max(lastRecordsSeen, records);
            if (e.rocksdbMetrics().isEmpty() || now - lastMetricSample < e.interval().toMillis()) {
                return;
            }
            lastMetricSample = now;
            for (String key : e.rocksdbMetrics()) {
                // Flink's gauge names differ from the option names (e.g. compaction-read-bytes registers
                // rocksdb.compact_read_bytes); the catalog knows the mapping. Summed over column families and subtasks.
                List<String> gauges = OptionCatalog.gaugeNames(key);
                for (String gauge : gauges) {
                    List<MetricsBoard.Entry> found = MetricsBoard.find(jobId.toString(), gauge);
                    if (found.isEmpty()) {
                        continue;
                    }
                    long sum = 0;
                    for (MetricsBoard.Entry en : found) {
                        Number v = en.value();
                        sum += v == null ? 0 : v.longValue();
                    }
                    metrics.stringColumn("run").append(e.displayName());
                    metrics.longColumn("t_ms").append(now - start);
                    metrics.stringColumn("metric").append(gauges.size() == 1
                            ? key.substring(key.lastIndexOf('.') + 1) : gauge.replace("rocksdb.", ""));
                    metrics.longColumn("value").append(sum);
                }
            }
            RunFiles.writeCsv(dir.resolve("metrics.csv"), metrics);
        }

        /** Copies RocksDB's own OPTIONS file out of the working directory while it still exists. */
        private boolean copyOptionsFile() {
            Optional<Path> options = localDir.toFile().isDirectory() ? RocksDbOptionsFile.latest(localDir) : Optional.empty();
            if (options.isEmpty()) {
                return false;
            }
            try {
                Files.copy(options.get(), dir.resolve("rocksdb-OPTIONS"), StandardCopyOption.REPLACE_EXISTING);
                return true;
            } catch (IOException ex) {
                LOG.warn("could not copy {}", options.get(), ex);
                return false;
            }
        }

        private void stop(MiniCluster mini) throws Exception {
            stopAt = System.currentTimeMillis();
            if (steadyEnd < 0) {
                steadyEnd = stopAt;
            }
            progress("stopping", 0, 0);
            try {
                mini.cancelJob(jobId).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException ex) {
                LOG.info("cancel of {}: {}", jobId, ex.getMessage());
            }
            mini.requestJobResult(jobId).get(120, TimeUnit.SECONDS);
        }

        private void stopQuietly(MiniCluster mini) {
            if (jobId == null) {
                return;
            }
            try {
                stop(mini);
            } catch (Exception ex) {
                LOG.warn("could not stop job {}", jobId, ex);
            }
        }

        private Run finish(AccessExecutionGraph finalGraph, Board.Live live, String status) {
            long steadyStart = live.steadyStartMillis;
            // Warm-up = submission until the source had written every warm-up record (the gate is not counted).
            long warmupEnd = live.warmupEndMillis >= 0 ? live.warmupEndMillis
                    : (stopAt >= 0 ? stopAt : System.currentTimeMillis());
            long records = lastRecordsSeen;
            if (finalGraph != null) {
                checkpoints = StatsTable.build(finalGraph.getCheckpointStatsSnapshot(), e.displayName(), e.mode(),
                        phases(steadyStart));
                // Flink's per-attempt I/O metrics of the finished job are the figure of record; the live sample
                // only stands in when the job could not be read back.
                long io = recordsIn(finalGraph);
                records = io > 0 ? io : records;
            }
            Path jobDir = jobId == null ? null : checkpointRoot.resolve(jobId.toString());
            DiskUsage disk = DiskWalk.settled(jobDir);
            Files2.deleteRecursively(localDir);
            Run run = new Run(id, e, dir, jobDir, jobId == null ? "" : jobId.toString(), status, checkpoints,
                    metrics, records, start == 0 ? 0 : warmupEnd - start,
                    steadyStart < 0 ? 0 : Math.max(0, steadyEnd - steadyStart), disk, environment(),
                    AppliedOptions.read(dir.resolve("rocksdb-OPTIONS"), jobDir));
            RunFiles.writeCsv(dir.resolve("checkpoints.csv"), checkpoints);
            if (metrics.rowCount() > 0) {
                RunFiles.writeCsv(dir.resolve("metrics.csv"), metrics);
            }
            RunFiles.writeJson(dir.resolve("summary.json"), RunFiles.summary(run));
            return run;
        }

        /** Records into the stateful operator, from Flink's per-attempt I/O metrics of the finished job. */
        private static long recordsIn(AccessExecutionGraph g) {
            long sum = 0;
            for (AccessExecutionJobVertex v : g.getAllVertices().values()) {
                if (!v.getName().contains(StateJob.STATE_NAME)) {
                    continue;
                }
                for (AccessExecutionVertex t : v.getTaskVertices()) {
                    IOMetrics io = t.getCurrentExecutionAttempt().getIOMetrics();
                    if (io != null) {
                        sum += io.getNumRecordsIn();
                    }
                }
            }
            return sum;
        }

        private void progress(String phase, long warmupDone, long steadyMillis) {
            Table done = CheckpointTable.completed(checkpoints);
            int n = done.rowCount();
            long lastDuration = n == 0 ? -1 : done.longColumn(CheckpointTable.DURATION_MS).getLong(n - 1);
            long state = n == 0 ? -1 : done.longColumn(CheckpointTable.STATE_BYTES).getLong(n - 1);
            long ckpted = n == 0 ? -1 : done.longColumn(CheckpointTable.CHECKPOINTED_BYTES).getLong(n - 1);
            String dashboard = cluster == null ? "" : cluster.restAddress().toString();
            RunProgress p = new RunProgress(e.displayName(), phase, warmupDone,
                    e.source() != null ? e.source().rowCount() : e.keys(), steadyMillis, e.seconds() * 1000L,
                    n, lastDuration, state, ckpted, dashboard);
            RunProgress.ProgressListener l = listener;
            try {
                if (l != null) {
                    l.onProgress(p);
                } else {
                    fallback.onProgress(p);
                }
            } catch (RuntimeException ex) {
                LOG.warn("progress listener failed", ex);
            }
        }
    }

    /**
     * Frees disk: removes the checkpoint data (the checkpoints/ folder) of every run under runs/ except the newest
     * {@code keep}; experiment, environment, checkpoints.csv and summary.json stay. Returns the bytes freed.
     */
    public static long cleanCheckpoints(int keep) {
        if (keep < 0) {
            throw new CkptException("keep must be ≥ 0, got " + keep);
        }
        Path root = RunFiles.root();
        if (!Files.isDirectory(root)) {
            return 0;
        }
        List<Path> runs;
        try (Stream<Path> s = Files.list(root)) {
            runs = new ArrayList<>(s.filter(p -> Files.isDirectory(p.resolve("checkpoints"))).sorted().toList());
        } catch (IOException ex) {
            throw new CkptException("cannot list " + root + ": " + ex.getMessage());
        }
        long freed = 0;
        for (int i = 0; i < runs.size() - keep; i++) {
            Path ckpts = runs.get(i).resolve("checkpoints");
            Path inFlight = current;
            if (inFlight != null && runs.get(i).toAbsolutePath().equals(inFlight.toAbsolutePath())) {
                continue;
            }
            try (Stream<Path> s = Files.walk(ckpts)) {
                freed += s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            } catch (IOException ex) {
                // counted what we could
            }
            Files2.deleteRecursively(ckpts);
        }
        return freed;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }

    /** The default listener: a plain line on phase changes and every 5 s, for runs outside the shell. */
    private static final class ProgressPrinter implements RunProgress.ProgressListener {
        private String lastPhase = "";
        private long lastPrint;

        @Override
        public void onProgress(RunProgress p) {
            long now = System.currentTimeMillis();
            if (lastPhase.isEmpty() && !p.dashboard().isEmpty()) {
                System.out.println("  Flink dashboard: " + p.dashboard());
            }
            if (p.phase().equals(lastPhase) && now - lastPrint < 5000) {
                return;
            }
            lastPhase = p.phase();
            lastPrint = now;
            System.out.println("  " + RunSummary.progressLine(p));
        }
    }
}
