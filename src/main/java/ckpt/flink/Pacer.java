package ckpt.flink;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;

/**
 * Paces the generator source through the experiment's phases:
 * <ol>
 *   <li><b>warm-up</b>: the first {@code warmupRecords} records go out unthrottled, so a large state fills as
 *       fast as the machine allows;</li>
 *   <li><b>gate</b>: the source pauses until a checkpoint that was triggered after warm-up ended has completed.
 *       That checkpoint holds the whole warm state, so steady checkpoints measure churn only, not leftovers of the
 *       warm-up. Checkpoint ids are sequential, so "triggered after" = an id above the first one completed
 *       after warm-up (notifications may skip ids; a larger id still counts);</li>
 *   <li><b>steady</b>: records at {@code steadyRate} per second (0 = unthrottled).</li>
 * </ol>
 * The source runs with parallelism 1, so there is exactly one limiter per run.
 */
final class Pacer implements RateLimiterStrategy<SourceSplit> {
    private static final long serialVersionUID = 1L;
    private static final CompletableFuture<Void> GO = CompletableFuture.completedFuture(null);

    private final String runId;
    private final long warmupRecords;
    private final double steadyRate;

    Pacer(String runId, long warmupRecords, double steadyRate) {
        this.runId = runId;
        this.warmupRecords = warmupRecords;
        this.steadyRate = steadyRate;
    }

    @Override
    public RateLimiter<SourceSplit> createRateLimiter(int parallelism) {
        return new Limiter(Board.open(runId));
    }

    private final class Limiter implements RateLimiter<SourceSplit> {
        private final Board.Live live;
        private long emitted;
        private long firstIdAfterWarmup = -1;
        private CompletableFuture<Void> gate;
        private long steadyStartNanos;
        private long steadyEmitted;

        Limiter(Board.Live live) {
            this.live = live;
        }

        @Override
        public CompletionStage<Void> acquire(int permits) {
            if (emitted < warmupRecords) {
                emitted += permits;
                if ((emitted & 1023) == 0 || emitted >= warmupRecords) {
                    live.warmupDone.set(Math.min(emitted, warmupRecords));
                }
                return GO;
            }
            if (gate == null) {
                live.warmupEndMillis = System.currentTimeMillis();
                gate = new CompletableFuture<>();
            }
            if (!gate.isDone()) {
                return gate;
            }
            if (steadyRate <= 0) {
                return GO;
            }
            // Records are due at steadyStart + n / rate; only wait when ahead of schedule by more than 1 ms.
            long dueNanos = steadyStartNanos + (long) (steadyEmitted * 1e9 / steadyRate);
            steadyEmitted += permits;
            long aheadNanos = dueNanos - System.nanoTime();
            if (aheadNanos <= 1_000_000) {
                return GO;
            }
            return CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(aheadNanos, TimeUnit.NANOSECONDS));
        }

        @Override
        public void notifyCheckpointComplete(long checkpointId) {
            if (gate == null || gate.isDone()) {
                return;
            }
            if (firstIdAfterWarmup < 0) {
                firstIdAfterWarmup = checkpointId;
            } else if (checkpointId > firstIdAfterWarmup) {
                steadyStartNanos = System.nanoTime();
                live.steadyStartMillis = System.currentTimeMillis();
                gate.complete(null);
            }
        }
    }
}
