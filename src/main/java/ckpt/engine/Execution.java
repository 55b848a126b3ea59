package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.job.Phases;
import ckpt.model.CheckpointCounts;
import ckpt.model.CheckpointTable;
import ckpt.model.DiskUsage;
import ckpt.model.Experiment;
import ckpt.model.RecoveryTable;
import ckpt.model.Run;
import ckpt.model.RunProgress;
import ckpt.model.SubtaskTable;
import ckpt.model.StateOrigin;
import ckpt.model.Timeline;
import ckpt.model.UserJob;
import ckpt.model.Verification;
import ckpt.target.FlinkRest;
import ckpt.target.Target;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.flink.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.Table;

/**
 * One run from set-up to teardown, on any target, through Flink's REST API only.
 *
 * <p>Set-up: the run folder, the job's configuration, its jar, submission. Watch: every 100 ms read the job's
 * status, its checkpoint statistics and the source's phase gauges; ask for the checkpoint that closes warm-up as
 * soon as every source subtask has written its warm-up records; rewrite the files when a checkpoint finishes.
 * Teardown: when the steady window (on the JobManager's clock) is over and the checkpoint triggered inside it has
 * finished, cancel the job — cancellation keeps the last checkpoint — then read the final statistics, the record
 * counters of every attempt, the restarts, and the storage.
 */
final class Execution {
    private static final Logger LOG = LoggerFactory.getLogger(Execution.class);
    private static final long POLL_MS = 100;
    private static final long WARMUP_POLL_MAX_MS = 1000;
    private static final Set<String> TERMINAL = Set.of("FAILED", "CANCELED", "FINISHED", "SUSPENDED");

    private final Experiment e;
    private final Target target;
    private final Recorder files;
    private final String id;
    private final Path localDir;
    private final String checkpointRoot;
    private final BooleanSupplier cancelled;
    private final RunProgress.ProgressListener listener;
    /** RocksDB's native metrics and OPTIONS file, read while the job runs. */
    private final RocksDbWatch rocksDb;
    /** Storage-side figures per checkpoint: disk bytes, and the embedded S3 server's requests. */
    private final StorageSampler sampler;
    private FlinkRest rest;
    private String jobId;
    private JobProbe probe;
    private StatsReader stats;
    private Timeline bounds = Timeline.NONE;
    /**
     * JobManager clock minus ours: 0 where the cluster reads this machine's clock, else estimated from the "now"
     * Flink puts in its job details (off by up to half a request's time: tens of ms on a busy machine).
     */
    private long clockOffset;
    /** When to ask for the gate checkpoint; made once the cluster's metric fetch interval is known. */
    private GateAsk gateAsk;
    private Triggers triggers;
    private SteadyActions actions;
    private final Recoveries recoveries = new Recoveries();
    /** Checkpoint ids the runner asked FULL (Flink's REST API does not tell full from incremental). */
    private final java.util.Set<Long> forcedFull = new java.util.HashSet<>();
    private boolean historyWarned;
    /** Checkpoints the cluster keeps in its statistics history (web.checkpoints.history). */
    private long history = 10;
    /** The cluster settings the watch adapts to, read when first needed. */
    private ClusterSettings cluster;

    private ClusterSettings cluster() {
        if (cluster == null) {
            cluster = new ClusterSettings(rest);
        }
        return cluster;
    }
    private JobProbe.Phase phase = JobProbe.Phase.NONE;
    /** Steady records the source reported last (its position past warm-up, summed over subtasks). */
    private long steadyRecords;
    private Table checkpoints;
    private Table subtasks;
    private final RestartLog restarts;
    private RunGraph graph;
    private SourceEnd sourceEnd;
    /** Where the state comes from (a warm-up, a restore, the warm-state cache). */
    private final StateOrigin origin;
    private Verification verification = Verification.NONE;
    /** Where the run's wall time went, logged at the end (benchmarks read it). */
    private final StringBuilder marks = new StringBuilder();
    private final long created = System.nanoTime();
    private final long createdWall = System.currentTimeMillis();

    /** A moment on the JobManager's clock as a mark (ms since set-up on ours). */
    private void markAt(String what, long jmMillis) {
        if (jmMillis >= 0) {
            marks.append(' ').append(what).append('=').append(jmMillis - clockOffset - createdWall);
        }
    }

    private void mark(String what) {
        marks.append(' ').append(what).append('=').append((System.nanoTime() - created) / 1_000_000);
    }

    Execution(Experiment e, Target target, Recorder files, BooleanSupplier cancelled,
              RunProgress.ProgressListener listener, StateOrigin origin) {
        this.e = e;
        this.origin = origin;
        this.target = target;
        this.jit = new JitWatch(target);
        this.files = files;
        this.id = files.dir().getFileName().toString();
        this.cancelled = cancelled;
        this.listener = listener;
        Path dir = files.dir().toAbsolutePath();
        // Targets on this machine keep RocksDB's working files and (by default) the checkpoints in the run folder;
        // a remote cluster's TaskManagers use their own disks and the folder the experiment names.
        this.localDir = target.sharesDisk() ? dir.resolve("rocksdb-local") : null;
        this.checkpointRoot = ClusterNeeds.checkpointRoot(e, dir);
        this.sampler = new StorageSampler(e, checkpointRoot);
        this.rocksDb = new RocksDbWatch(e, files, localDir);
        this.checkpoints = CheckpointTable.empty(e.displayName());
        this.subtasks = SubtaskTable.empty(e.displayName());
        this.restarts = new RestartLog(e);
    }

    Path dir() {
        return files.dir();
    }

    Run call() {
        String status = "FINISHED";
        String failure = null;
        try {
            rest = target.rest();
            progress("starting");
            buildGraph();
            long t0 = System.nanoTime();
            mark("ready");
            long spansFrom = MetadataSizes.end(target.spanFile());
            jobId = target.submit(graph.job).toString();
            mark("submitted");
            jit.start();
            LOG.info("run {} submitted as job {} to {} in {} ms", id, jobId, target.url(), (System.nanoTime() - t0) / 1_000_000);
            probe = new JobProbe(rest, jobId);
            sampler.jobStarted(jobId);
            sampler.start(e.interval().toMillis());
            MetadataSizes sizes = new MetadataSizes(jobId, target.spanFile(), spansFrom).withStorage(jobDir());
            stats = new StatsReader(rest, jobId, sizes);
            triggers = new Triggers(rest, jobId);
            actions = new SteadyActions(e, target, triggers, checkpointRoot, forcedFull);
            checkHistory();
            gateAsk = new GateAsk(cluster().metricFetchMillis());
            quick = new QuickEnd(target.sharesClock(), !graph.job.getCheckpointingSettings()
                    .getCheckpointCoordinatorConfiguration().isUnalignedCheckpointsEnabled(),
                    e.faults().failAfter() != null || e.faults().killTaskManagerAfter() != null);
            failure = watch();
            if (failure != null) {
                status = "FAILED: " + failure;
            } else if (cancelled.getAsBoolean()) {
                status = "CANCELLED";
            }
        } catch (RuntimeException ex) {
            if (Thread.currentThread().isInterrupted() || cancelled.getAsBoolean()) {
                status = "CANCELLED"; // Ctrl-C, a second time: stop now, keep what was measured
            } else {
                failure = oneLine(ex);
                status = "FAILED: " + failure;
                LOG.warn("run {} failed", id, ex);
            }
        }
        // Stop and collect even when the user pressed Ctrl-C twice: the interrupt is put back only afterwards, so
        // the waits below are not cut short while Flink is still cancelling.
        boolean interrupted = Thread.interrupted();
        try {
            stop();
            Run run = finish(status);
            if (failure != null) {
                throw new FailedRun(run, "run " + e.displayName() + " failed: " + failure
                        + " — what was measured is in " + files.dir() + " (lastRun() has it)");
            }
            return run;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean fillCache;
    private boolean cacheAsked;
    /** The savepoint taken for the warm-state cache, committed at the end if it holds the warm state only. */
    private String cacheCandidate;

    /** This run fills the warm-state cache: its finished warm-up is saved for later runs of the same settings. */
    void fillWarmCache() {
        fillCache = true;
    }

    /** Builds the job on the client ({@link RunGraph}); needs no cluster, so it can run while one starts. */
    void buildGraph() {
        if (graph == null) {
            graph = RunGraph.build(e, id, files.dir(), checkpointRoot, localDir, origin);
            sourceEnd = new SourceEnd(e.code(), graph);
            mark("graph");
        }
    }

    /** Looks at the job and the time they took (logged with the marks: each look costs the cluster CPU). */
    private long lookNanos;
    private long looks;
    /**
     * Every task of the job has run. Until then a look reads the job's details and (once a second) its exception
     * history alone: the gauges and statistics have nothing to say before the tasks run (Flink triggers no
     * checkpoint before), and asking for them makes the JobManager fetch every TaskManager's metrics while those
     * deploy the tasks.
     */
    private boolean deployed;

    /**
     * The hidden throwaway job a new cluster runs first ({@link ClusterWarmUp}): nothing it measures is kept, so once
     * its window is over it stops at once. Waiting for its last checkpoint and its source's last records, as a run
     * does, took 0.2–1.8 s after the window on fresh JVMs (their first metric fetches are slow, and at 100 ms
     * intervals their checkpoints queue): half of the throwaway jobs in the benchmarks' logs waited that way.
     */
    private boolean throwaway() {
        return id.startsWith(".");
    }

    /** Polls until the steady phase is over, the user cancels, or the job dies. Returns a failure or null. */
    private String watch() {
        while (true) {
            if (e.code().harnessSource() && !quickTried && bounds.steadyEnd() >= 0
                    && System.currentTimeMillis() + clockOffset >= bounds.steadyEnd()) {
                // before this look: a look now would start the metric fetch too early for the usual end
                quickTried = true;
                if (awaitQuickEnd()) {
                    return null;
                }
            }
            long lookStart = System.nanoTime();
            long before = System.currentTimeMillis();
            JsonNode details = probe.refresh();
            if (!target.sharesClock()) {
                // half the request's time either way; where the cluster reads this machine's clock, it is 0
                clockOffset = details.path("now").asLong(before) - (before + System.currentTimeMillis()) / 2;
            }
            bounds = bounds.withJobStart(probe.startTime());
            String state = probe.status();
            if (!probe.vertices().isEmpty()) {
                deployed = deployed || !e.code().harnessSource() || probe.allRunning();
                if (deployed) {
                    observe();
                } else if (restarts.changed(probe, System.currentTimeMillis(), bounds.jobStart(), kills())) {
                    // a task that fails as it starts keeps the job from ever running whole: its failure ends the
                    // run (user code) or is recorded as a restart, as it would be once deployed
                    rebuild();
                }
            }
            if (state.equals("FINISHED") && !e.code().harnessSource()) {
                // an application that ends by itself ends the run (Flink drops a finished job's checkpoints)
                long end = details.path("end-time").asLong(System.currentTimeMillis() + clockOffset);
                if (bounds.steadyStart() >= 0 && end < bounds.steadyEnd()) {
                    bounds = bounds.withSteadyEnd(end);
                }
                LOG.info("run {}: the application finished by itself", id);
                return null;
            }
            if (TERMINAL.contains(state)) {
                return "job ended early (" + state + ")" + RestartLog.lastException(probe);
            }
            if (restarts.userFailure() != null) {
                return restarts.userFailure();
            }
            long jmNow = System.currentTimeMillis() + clockOffset;
            String stuck = stuckAtGate(jmNow);
            if (stuck != null) {
                return stuck;
            }
            if (cancelled.getAsBoolean()) {
                if (bounds.steadyStart() >= 0 && jmNow < bounds.steadyEnd()) {
                    bounds = bounds.withSteadyEnd(jmNow);
                }
                return null;
            }
            if (bounds.steadyEnd() >= 0 && jmNow >= bounds.steadyEnd() && (throwaway()
                    || (!stats.inProgressTriggeredBefore(bounds.steadyEnd() + Timeline.END_GRACE_MS + 1)
                    || jmNow > bounds.steadyEnd() + e.timeout().toMillis())
                    && sourceEnd.settled(probe, steadyRecords, bounds.steadyEnd(), jmNow))) {
                return null;
            }
            progress(bounds.steadyStart() >= 0 ? "steady" : !e.code().harnessSource() ? "starting"
                    : origin.restored() ? "restore" : "warmup");
            looks++;
            lookNanos += System.nanoTime() - lookStart;
            long untilEnd = bounds.steadyEnd() < 0 ? Long.MAX_VALUE : bounds.steadyEnd() - jmNow;
            // wake up after the end of the window (see lastLookOfWindow), and at once when the user cancels
            long wait = e.code().harnessSource() && untilEnd > 0 && untilEnd <= POLL_MS + METRIC_FETCH_MS
                    ? (quick.possible(restarts.count()) ? untilEnd + 1 : lastLookOfWindow(untilEnd))
                    : Math.min(untilEnd, pause(jmNow));
            long wake = System.currentTimeMillis() + Math.max(1, wait);
            for (long left = wake - System.currentTimeMillis(); left > 0 && !cancelled.getAsBoolean();
                 left = wake - System.currentTimeMillis()) {
                sleep(Math.min(left, POLL_MS));
            }
        }
    }

    /**
     * How long to wait before the next look. Each look costs the JobManager and, through the metric fetch, every
     * TaskManager some CPU, on the machine the job runs on: at one look per 100 ms a local 2 × 2 cluster's warm-up
     * wrote about 15 % fewer records per second. So while a long warm-up runs the runner looks rarely — at most
     * once a second, and at half the time the warm-up still needs, so it is on time to ask for the gate checkpoint
     * — fast while the source waits at the gate with no checkpoint on its way to open it, and once the window is
     * over, and every {@value #POLL_MS} ms during
     * steady, where each checkpoint is read and written out as soon as it completes.
     */
    private long pause(long jmNow) {
        if (bounds.steadyEnd() >= 0 && jmNow >= bounds.steadyEnd()) {
            return 20; // the window is over: the run ends as soon as the last checkpoint and the source settle
        }
        if (bounds.gate() >= 0 || !e.code().harnessSource()) {
            return POLL_MS;
        }
        if (phase.warm()) {
            // waiting at the gate: look fast only while the runner may have to ask for the checkpoint that opens
            // it; when one is on its way, fast looks only take CPU from the tasks starting and checkpointing
            return gateAsk.relying() ? POLL_MS : 20;
        }
        long left = phase.warmupMillisLeft(jmNow);
        // never so rarely that the cluster's statistics history could drop a checkpoint between two looks (near the
        // end, half the time left is short: a run that fills the warm-state cache takes its savepoint in time)
        long longest = Math.min(WARMUP_POLL_MAX_MS, history * e.interval().toMillis() / 2);
        return left < 0 ? POLL_MS : Math.max(20, Math.min(Math.max(POLL_MS, longest), left / 2));
    }

    /**
     * When, in the last looks' reach of the window's end, the next look should come. The run ends once Flink's
     * record counters show the source's last records in the stateful operator, and those counters are as old as the
     * JobManager's last metric fetch, which a look starts at most once per fetch interval (200 ms on clusters we
     * start). A look in the last 200 ms of the window would start a fetch that misses the end, and the one that
     * sees it could come up to 200 ms later. So the runner skips those looks, and looks first once the source's
     * last records have left its output buffer ({@link Phases#SOURCE_BUFFER_TIMEOUT_MS}): that look starts a fresh
     * fetch, and the next one, 20 ms later, reads it.
     */
    private static long lastLookOfWindow(long untilEnd) {
        return Math.max(untilEnd + DELIVERY_MS, METRIC_FETCH_MS + 10);
    }

    private QuickEnd quick;
    private boolean quickTried;

    /**
     * Right after the window: watches the checkpoint statistics alone (no look, so no metric fetch starts) until
     * the window's last checkpoint completes — then the run stops at once ({@link QuickEnd}) — or, when there is
     * none to wait for (not triggered by then, or triggered before the window's end), until the source's last
     * records have surely been sent; then the look that starts a fresh metric fetch comes as before
     * ({@link #lastLookOfWindow}). A long last checkpoint (a full one of a large state) is waited for here: the
     * usual end waits for it too.
     */
    private boolean awaitQuickEnd() {
        long end = bounds.steadyEnd();
        while (quick.possible(restarts.count()) && !cancelled.getAsBoolean()) {
            // the history alone: the cancel comes first, the finished checkpoints' subtask statistics after it
            stats.summary();
            if (quick.reached(stats, end)) {
                mark("quick-end");
                return true;
            }
            long since = System.currentTimeMillis() + clockOffset - end;
            if (!quick.pending(stats, end) && since >= DELIVERY_MS) {
                break;
            }
            sleep(since < 100 ? 5 : 20);
        }
        LOG.info("run {}: ends on the metrics: {}", id, quick.whyNot(restarts.count()));
        return false;
    }

    /** Flink's metric fetch interval on clusters we start (metrics.fetcher.update-interval). */
    private static final long METRIC_FETCH_MS = 200;
    /** After the window, how long the source's last records take to reach the stateful operator, with margin. */
    private static final long DELIVERY_MS = Phases.SOURCE_BUFFER_TIMEOUT_MS + 30;

    /**
     * Warm-up is written but no checkpoint completes to open the gate (every one fails or expires): the run can
     * never reach steady. Give up after 10 such failures, or after 10 timeouts' worth of waiting, and say why.
     */
    private String stuckAtGate(long jmNow) {
        if (bounds.warmupEnd() < 0 || bounds.gate() >= 0) {
            return null;
        }
        Table failed = checkpoints.where(checkpoints.stringColumn(CheckpointTable.STATUS).isEqualTo(CheckpointTable.FAILED)
                .and(checkpoints.instantColumn(CheckpointTable.TRIGGER_TIME).isAfter(
                        java.time.Instant.ofEpochMilli(bounds.warmupEnd()))));
        long waited = jmNow - bounds.warmupEnd();
        if (failed.rowCount() >= 10 || waited > Math.max(60_000, 10 * e.timeout().toMillis())) {
            String reason = failed.rowCount() == 0 ? "" : ": " + failed.stringColumn(CheckpointTable.FAILURE)
                    .get(failed.rowCount() - 1);
            return "warm-up was written, but no checkpoint completed after it in " + waited / 1000 + " s ("
                    + failed.rowCount() + " failed" + reason + ") — the state cannot be checkpointed within "
                    + "the timeout of " + TimeUtils.formatWithHighestUnit(e.timeout());
        }
        return null;
    }

    /** One look at the running job: phases, statistics, restarts, metrics. */
    private void observe() {
        phase = probe.phase();
        quick.saw(phase);
        long jmLook = System.currentTimeMillis() + clockOffset;
        if (gateAsk.now(phase.warm(), bounds.gate() >= 0 || phase.gate() >= 0, phase.warmupEndMax(), stats, jmLook)) {
            // Every source subtask has written its warm-up and no checkpoint came after it: ask for the one that
            // closes warm-up now rather than wait for the next periodic one (the source's coordinator opens the
            // gate when it completes). See GateAsk for why not when one came.
            mark("warm-seen");
            if (fillCache && !cacheAsked) {
                cacheAsked = true; // once: a second ask comes when the first did not open the gate, too late
                // the finished warm-up, as a native savepoint the next run of these settings restores instead
                triggers.savepoint(WarmCache.target(e), "NATIVE", jmLook,
                        r -> cacheCandidate = r.path("operation").path("location").asText(null));
            }
            triggers.checkpoint("CONFIGURED", jmLook, r -> { });
        }
        triggers.poll();
        if (bounds.steadyStart() >= 0) {
            steadyRecords = phase.steadyRecords();
        }
        if (phase.warm() && bounds.warmupEnd() < 0) {
            bounds = bounds.withWarmup(phase.warmupStartMin(), phase.warmupEndMax());
        }
        if (bounds.gate() < 0 && phase.gate() >= 0 && phase.steadyStart() >= 0) {
            bounds = bounds.withSteady(phase.gate(), phase.steadyStart(), e.seconds() * 1000L);
            readVerification();
            mark("gate-seen");
            // the warm-up's (or restore's) last line: whole, though the counter may not show it yet
            progress(origin.restored() ? "restore" : "warmup");
            LOG.info("timing {}: warm-up {} ms, gate checkpoint {} completed, steady from +{} ms", id,
                    bounds.warmupMillis(), phase.gate(), phase.steadyStart() - bounds.jobStart());
        }
        if (stats.gauges().length > 0) {
            stats.sampleMetadata(probe.jobMetrics(stats.gauges()));
        }
        boolean changed = stats.poll(probe.vertices());
        if (changed && !e.code().harnessSource() && bounds.gate() < 0) {
            startSteadyAtFirstCheckpoint();
        }
        long now = System.currentTimeMillis();
        if (changed | restarts.changed(probe, now, bounds.jobStart(), kills())) {
            rebuild();
        }
        if (!historyWarned && stats.missing() > 0) {
            historyWarned = true;
            String msg = stats.missing() + " checkpoint(s) aged out of Flink's statistics history before they could be"
                    + " read — raise web.checkpoints.history on " + target.url();
            LOG.warn(msg);
            System.err.println("  warning: " + msg);
        }
        recoveries.sample(now + clockOffset, phase);
        actions.tick(bounds, now + clockOffset, checkpoints);
        rocksDb.look(probe, graph, bounds.steadyStart() >= 0, now, now + clockOffset, bounds.jobStart());
    }

    /**
     * An application has no warm-up gate: its steady window starts when its first checkpoint completes (that one
     * holds whatever state start-up built) and lasts {@code seconds}.
     */
    private void startSteadyAtFirstCheckpoint() {
        rebuild();
        Table done = CheckpointTable.completed(checkpoints);
        if (done.rowCount() == 0) {
            return;
        }
        long first = done.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(0);
        long end = done.instantColumn(CheckpointTable.TRIGGER_TIME).get(0).toEpochMilli()
                + done.longColumn(CheckpointTable.DURATION_MS).getLong(0);
        bounds = bounds.withSteady(first, end, e.seconds() * 1000L);
        mark("gate-seen");
        LOG.info("timing {}: the application's first checkpoint {} completed; steady from +{} ms", id, first,
                end - bounds.jobStart());
    }

    /** When the runner killed TaskManagers (none before the steady actions exist). */
    private List<Long> kills() {
        return actions == null ? List.of() : actions.kills();
    }

    private void rebuild() {
        checkpoints = sampler.columns(stats.checkpoints(e.displayName(), e.mode(), bounds, forcedFull), bounds);
        subtasks = stats.subtasks(e.displayName(), e.mode(), bounds, probe.vertexNames());
        files.csv("checkpoints.csv", checkpoints);
        files.csv("subtasks.csv", subtasks);
        if (restarts.count() > 0) {
            files.csv("restarts.csv", restarts.table());
        }
    }

    /**
     * After a restore with the verification pass, once the gate opened (so every read-only record before it was
     * processed): the source's restored position against what the operator's state holds.
     */
    private void readVerification() {
        if (!origin.restored() || !e.recovery().verifyState() || e.source() != null || !e.code().builtIn()) {
            return;
        }
        Map<String, Long> v = probe.summed(graph.stateVertex(), List.of(Phases.VERIFIED_KEYS, Phases.VERIFIED_COUNT));
        verification = new Verification(phase.restoredRecords(), v.getOrDefault(Phases.VERIFIED_KEYS, -1L),
                v.getOrDefault(Phases.VERIFIED_COUNT, -1L));
        LOG.info("run {}: {}", id, verification);
    }

    /** The job's own folder under the checkpoint root: chk-N, shared, taskowned. */
    private URI jobDir() {
        return URI.create(checkpointRoot.endsWith("/") ? checkpointRoot : checkpointRoot + "/").resolve(jobId);
    }

    /** Cancels the job and waits until Flink says it is cancelled (bounded). */
    private void stop() {
        if (jobId == null) {
            return;
        }
        bounds = bounds.withStop(System.currentTimeMillis() + clockOffset);
        if (bounds.steadyStart() >= 0 && bounds.steadyEnd() > bounds.stopAt()) {
            bounds = bounds.withSteadyEnd(bounds.stopAt());
        }
        progress("stopping");
        mark("stop");
        try {
            if (!TERMINAL.contains(status())) {
                rest.patch("jobs/" + jobId + "?mode=cancel");
            }
            long deadline = System.currentTimeMillis() + 120_000;
            while (!TERMINAL.contains(status())) {
                if (System.currentTimeMillis() > deadline) {
                    LOG.warn("job {} still not cancelled after 120 s", jobId);
                    break;
                }
                sleep(10);
            }
        } catch (RuntimeException ex) {
            LOG.warn("could not stop job {}", jobId, ex);
        }
        probe.refresh();
        mark("stopped");
        jit.stop();
    }

    /** The JIT compilers' CPU over the run (see JitWatch). */
    private final JitWatch jit;

    /** The job's status straight from the dispatcher (GET /jobs/:id/status is not served from a cache). */
    private String status() {
        return rest.get("jobs/" + jobId + "/status").path("status").asText();
    }

    private Run finish(String status) {
        long t0 = System.nanoTime();
        long records = 0;
        Table recoveryTable = RecoveryTable.empty(e.displayName());
        Table savepointTable = ckpt.model.SavepointTable.empty(e.displayName());
        URI jobDir = null;
        CheckpointCounts counts = CheckpointCounts.NONE;
        Table fileTable = null;
        // The storage walk waits for two listings to agree (Flink discards subsumed files after the cancel); it
        // needs nothing the statistics below settle, so it runs beside them, unless a savepoint is still being
        // written or the warm-state cache is about to take one.
        java.util.concurrent.CompletableFuture<DiskUsage> walk = null;
        if (jobId != null && (triggers == null || triggers.idle()) && cacheCandidate == null) {
            URI dir = jobDir();
            URI changelog = ClusterNeeds.changelogDir(e, jobId);
            walk = java.util.concurrent.CompletableFuture.supplyAsync(() -> Storage.settled(dir, changelog));
        }
        if (jobId != null) {
            try {
                // Flink caches checkpoint statistics for a moment (rest.cache.checkpoint-statistics.timeout): read
                // until the history has settled, so the last checkpoints are in.
                if (historyFinal()) {
                    stats.poll(probe.vertices()); // the subtask statistics of the window's last checkpoints
                } else {
                    settleStatistics();
                }
                List<JsonNode> failures = probe.exceptions();
                restarts.read(failures, bounds.jobStart(), kills());
                sampler.settleRequests();
                rebuild();
                counts = stats.counts();
                // Without a failure every subtask ran one attempt, whose final counters the job's details (read
                // after the cancel) already sum; otherwise each attempt's, from the subtasks' histories.
                long[] perAttempt = failures.isEmpty() ? new long[] {probe.recordsIn(graph.stateVertex())}
                        : probe.recordsPerAttempt(graph.stateVertex());
                records = java.util.Arrays.stream(perAttempt).sum();
                if (quick != null && quick.used()) {
                    steadyFromCounters(perAttempt.length);
                }
                // a job that started fresh and never failed restored nothing: no need to read the spans
                List<Spans.Init> restores = origin.restored() || !failures.isEmpty()
                        ? Spans.restores(target.spanFile(), jobId) : List.of();
                recoveryTable = recoveries.build(e.displayName(), e.mode(), bounds, restores, failures, actions.kills(),
                        origin.restored(), perAttempt, verification.ran() ? verification.keys() : 0,
                        Math.max(1, (long) (e.steadyRate() * 0.05)));
                savepointTable = actions.table(e.displayName(), e.mode(), bounds.jobStart(), stats);
            } catch (RuntimeException ex) {
                LOG.warn("final statistics of {} not read", jobId, ex);
            }
            jobDir = jobDir();
        }
        if (triggers != null) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!triggers.idle() && System.currentTimeMillis() < deadline) {
                triggers.poll(); // a savepoint still being written, or a result Flink holds until we read it
                sleep(50);
            }
        }
        if (cacheCandidate != null) {
            commitWarmCache(cacheCandidate);
        }
        mark("settled");
        sampler.stop();
        DiskUsage disk = walk != null ? walk.join() : Storage.settled(jobDir, ClusterNeeds.changelogDir(e, jobId));
        mark("disk");
        if (disk.readable() && jobDir != null) {
            try {
                boolean filled = stats != null && stats.metadataFromStorage(CheckpointFiles.metadataLengths(jobDir));
                // a run that stopped right after its last checkpoint (QuickEnd) may have had no look at the storage
                // since: the settled listing after the stop is what that checkpoint left
                filled |= sampler.lastLook(disk.totalBytes(), checkpoints);
                if (filled) {
                    rebuild();
                }
                fileTable = CheckpointFiles.latest(jobDir).isPresent()
                        ? CheckpointFiles.of(jobDir, probe.vertexNames()) : null;
            } catch (RuntimeException ex) {
                LOG.warn("could not read the retained checkpoint of {}", jobId, ex);
            }
        }
        if (localDir != null) {
            ckpt.io.Files2.deleteRecursively(localDir);
        }
        Map<String, String> env = Environment.of(target);
        String jitNote = throwaway() ? null : jit.note(); // not for the hidden throwaway job
        if (jit.cpuMillis() >= 0) {
            env = new java.util.LinkedHashMap<>(env);
            env.put("jit_cpu_ms", Long.toString(jit.cpuMillis())); // submit → stopped, see JitWatch
            if (jitNote != null) {
                env.put("jit_note", jitNote); // kept with the run: its summary and report say it too
            }
        }
        Run run = new Run(id, e, target.describe(), files.dir(), jobDir, jobId == null ? "" : jobId, status,
                checkpoints, subtasks, counts, restarts.table(), rocksDb.metrics(), records, steadyRecords, bounds, disk,
                fileTable, env, disk.readable() ? AppliedOptions.read(files.dir().resolve("rocksdb-OPTIONS"), jobDir)
                : Map.of(), origin, recoveryTable, savepointTable, verification);
        sampler.close(files); // after the shell's last read of the storage (AppliedOptions reads it too)
        files.csv("checkpoints.csv", checkpoints);
        if (disk.orphanedFiles() > 0) {
            files.csv("orphans.csv", disk.orphans());
        }
        files.csv("metrics.csv", rocksDb.metrics()); // header only when no RocksDB metric was asked for
        if (recoveryTable.rowCount() > 0) {
            files.csv("recoveries.csv", recoveryTable);
        }
        if (savepointTable.rowCount() > 0) {
            files.csv("savepoints.csv", savepointTable);
        }
        files.json("summary.json", Recorder.summary(run));
        mark("finished");
        if (jitNote != null) {
            LOG.info("run {}: {}", id, jitNote);
            System.err.println("  note: " + jitNote);
        }
        markAt("job-start", bounds.jobStart());
        markAt("warm", bounds.warmupEnd());
        markAt("steady", bounds.steadyStart());
        markAt("window-end", bounds.steadyEnd());
        marks.append(" looks=").append(looks).append('×')
                .append(looks == 0 ? 0 : lookNanos / looks / 1_000_000).append("ms");
        LOG.info("timing {}: finish (stats, storage, files) {} ms; marks (ms since set-up):{}", id,
                (System.nanoTime() - t0) / 1_000_000, marks);
        return run;
    }

    /**
     * After a quick end ({@link QuickEnd}): the steady count from the source's final record counter, which Flink
     * keeps once the tasks have ended, and a check that the stateful operator took every record the source wrote.
     */
    private void steadyFromCounters(int attempts) {
        long out = probe.recordsOut(Phases.SOURCE_NAME);
        if (attempts > 1) {
            LOG.warn("run {}: a failover came after the quick end was chosen; the steady count is the source's last "
                    + "reported one ({})", id, steadyRecords);
            return;
        }
        long gauge = steadyRecords;
        steadyRecords = quick.steadyRecords(out);
        long in = probe.recordsIn(graph.stateVertex());
        LOG.info("run {}: quick end; steady records {} (source out {} + offset; last gauge {}), stateful in {}", id,
                steadyRecords, out, gauge, in);
        if (!e.code().kind().equals(UserJob.PIPELINE) && in < out) {
            LOG.warn("run {}: {} record(s) the source wrote never reached the stateful operator before the cancel",
                    id, out - in);
        }
    }

    /**
     * Keeps the cache's savepoint only if it came before the gate checkpoint: checkpoint ids follow trigger order, and
     * the sources begin steady only once the gate checkpoint has completed, so an earlier savepoint holds the warm
     * state and nothing else. A periodic checkpoint can open the gate before the runner has seen the warm-up end;
     * a savepoint after it would carry steady changes into every run that restores it.
     */
    private void commitWarmCache(String location) {
        try {
            stats.poll(probe.vertices()); // the savepoint's own history entry
        } catch (RuntimeException ex) {
            LOG.info("run {}: statistics not read for the cache's savepoint", id, ex);
        }
        long savepoint = stats.savepointId(location);
        if (savepoint >= 0 && bounds.gate() >= 0 && savepoint < bounds.gate()) {
            WarmCache.commit(e, location);
            LOG.info("run {}: warm state cached at {} (savepoint {}, gate {})", id, location, savepoint, bounds.gate());
        } else {
            LOG.info("run {}: warm state not cached: savepoint {} is not before the gate checkpoint {}", id, savepoint,
                    bounds.gate());
            WarmCache.discard(location);
        }
    }

    /**
     * After a quick end the history read that saw the window's last checkpoint complete is the job's last: nothing
     * was in progress, the cluster keeps no statistics cache, and the next periodic checkpoint was not due before
     * the cancel stopped the schedule.
     */
    private boolean historyFinal() {
        return quick != null && quick.used() && !stats.anyInProgress() && cluster().statisticsCacheMillis() <= 20
                && bounds.stopAt() < bounds.steadyEnd() + e.interval().toMillis() - 20;
    }

    /**
     * Reads the history once Flink's statistics cache has expired after the job stopped (so the last checkpoints
     * are in), and again while a checkpoint is still shown in progress.
     */
    private void settleStatistics() {
        long stopped = System.currentTimeMillis();
        long deadline = stopped + cluster().statisticsCacheMillis() + 2_000;
        sleep(Math.max(0, cluster().statisticsCacheMillis() + 5 - (System.currentTimeMillis() - stopped)));
        stats.poll(probe.vertices());
        while (stats.inProgressTriggeredBefore(Long.MAX_VALUE) && System.currentTimeMillis() < deadline) {
            sleep(Math.max(20, Math.min(cluster().statisticsCacheMillis(), 200)));
            stats.poll(probe.vertices());
        }
    }

    /**
     * A cluster whose statistics history is shorter than the run's checkpoint count drops the oldest ones while the
     * run goes on; the reader keeps each as it completes, but the user should know (and can raise the setting).
     */
    private void checkHistory() {
        history = cluster().history();
        long expected = (e.seconds() * 1000L + 5_000) / Math.max(1, e.interval().toMillis()) + 2;
        if (expected > history) {
            String msg = String.format(java.util.Locale.ROOT, "Flink at %s keeps %d checkpoints in its statistics history"
                    + " and this run takes about %d: each is read as it completes (every %d ms); raise"
                    + " web.checkpoints.history on that cluster to be safe", target.url(), history, expected, POLL_MS);
            LOG.warn(msg);
            System.err.println("  warning: " + msg);
        }
    }

    private void progress(String name) {
        Table done = CheckpointTable.completed(checkpoints);
        int n = done.rowCount();
        long lastDuration = n == 0 ? -1 : done.longColumn(CheckpointTable.DURATION_MS).getLong(n - 1);
        long state = n == 0 ? -1 : done.longColumn(CheckpointTable.STATE_BYTES).getLong(n - 1);
        long ckpted = n == 0 ? -1 : done.longColumn(CheckpointTable.CHECKPOINTED_BYTES).getLong(n - 1);
        long jmNow = System.currentTimeMillis() + clockOffset;
        long steadyMs = bounds.steadyStart() < 0 ? 0 : Math.min(jmNow - bounds.steadyStart(), e.seconds() * 1000L);
        long total = e.source() != null ? e.source().rowCount() : e.keys();
        // The gate opens only once every part has written its warm-up (or, restored, has its position back and,
        // if asked, verified its keys), so the warm state is whole then, whatever the counter says: it is only as
        // fresh as the JobManager's last metric fetch.
        long warmDone = bounds.gate() >= 0 && e.code().harnessSource() ? total : phase.warmupDone();
        RunProgress p = new RunProgress(e.displayName(), name, warmDone, total, Math.max(0, steadyMs),
                e.seconds() * 1000L,
                n, lastDuration, state, ckpted, target.running() ? target.url().toString() : "");
        try {
            listener.onProgress(p);
        } catch (RuntimeException ex) {
            LOG.warn("progress listener failed", ex);
        }
    }

    private static String oneLine(Throwable t) {
        if (t instanceof CkptException) {
            return t.getMessage();
        }
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + ": " + r.getMessage();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new CkptException("interrupted");
        }
    }

    /** A failed run: the message for the user, and what was measured before it failed. */
    static final class FailedRun extends CkptException {
        private final transient Run run;

        FailedRun(Run run, String message) {
            super(message);
            this.run = run;
        }

        Run run() {
            return run;
        }
    }
}
