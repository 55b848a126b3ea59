package ckpt.flink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the job's source tells the runner how far it got. The embedded MiniCluster runs tasks in this JVM and
 * our job classes come from the application class loader, so a static map is shared by both sides.
 * Only phase boundaries and a progress count travel here; every measured figure comes from Flink.
 */
final class Board {
    /** Live facts about one run, written by the source's pacer, read by the runner. */
    static final class Live {
        final AtomicLong warmupDone = new AtomicLong();
        /** Completed by the runner once a checkpoint triggered after warm-up has completed. */
        final java.util.concurrent.CompletableFuture<Void> gate = new java.util.concurrent.CompletableFuture<>();
        volatile long warmupEndMillis = -1;
        volatile long steadyStartMillis = -1;
    }

    private static final Map<String, Live> LIVE = new ConcurrentHashMap<>();

    private Board() {
    }

    static Live open(String runId) {
        return LIVE.computeIfAbsent(runId, k -> new Live());
    }

    static void close(String runId) {
        LIVE.remove(runId);
    }
}
