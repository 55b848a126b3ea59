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
 *   <li><b>gate</b>: the source pauses on {@link Board.Live#gate}; the runner triggers a checkpoint at once and
 *       opens the gate when a checkpoint triggered after warm-up has completed. That checkpoint holds the whole
 *       warm state, so steady checkpoints measure churn only, not leftovers of the warm-up;</li>
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
        private long steadyStartNanos = -1;
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
            if (!live.gate.isDone()) {
                if (live.warmupEndMillis < 0) {
                    live.warmupEndMillis = System.currentTimeMillis();
                }
                return live.gate;
            }
            if (steadyStartNanos < 0) {
                steadyStartNanos = System.nanoTime();
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
    }
}
