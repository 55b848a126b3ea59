package ckpt.job;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.MetricGroup;

/**
 * Writes its parts' records: warm-up as fast as it can, then waits at the gate, then steady at its share of the
 * rate. The steady schedule is anchored at the coordinator's steady start, so after a failover the reader finds
 * itself behind (its position came back from the checkpoint) and catches up unthrottled, the way a real source
 * works off its lag — and {@link Phases#LAG} shows it.
 */
final class PartReader implements SourceReader<Tuple2<Long, Double>, Part> {
    /** Records per poll: big enough to be cheap, small enough to keep checkpoints and timers responsive. */
    private static final int BATCH = 512;

    private final JobPlan plan;
    private final SourceReaderContext context;
    private final List<State> parts = new ArrayList<>();
    private CompletableFuture<Void> available = new CompletableFuture<>();
    private boolean reported;
    private volatile long warmupDone;
    private volatile long warmupTotal;
    private volatile long warmupStart = -1;
    private volatile long warmupEnd = -1;
    private volatile long gate = -1;
    private volatile long steadyStart = -1;
    private long failAt = -1;
    /** The coordinator said go (and whether to verify the restored state first). */
    private boolean started;
    private boolean verifyRestored;
    private volatile long steadyRecords;
    private volatile long lag;
    private volatile long restoredRecords;
    /** Records this reader (this attempt) has emitted: warm-up, verification and steady alike. */
    private long emitted;
    /** Steady records minus emitted records, fixed from the gate on (see {@link Phases#STEADY_OFFSET}). */
    private volatile long steadyOffset;

    PartReader(JobPlan plan, SourceReaderContext context) {
        this.plan = plan;
        this.context = context;
        MetricGroup m = context.metricGroup();
        m.gauge(Phases.WARMUP_DONE, () -> warmupDone);
        m.gauge(Phases.WARMUP_TOTAL, () -> warmupTotal);
        m.gauge(Phases.WARMUP_START, () -> warmupStart);
        m.gauge(Phases.WARMUP_END, () -> warmupEnd);
        m.gauge(Phases.GATE, () -> gate);
        m.gauge(Phases.STEADY_START, () -> steadyStart);
        m.gauge(Phases.STEADY_RECORDS, () -> steadyRecords);
        m.gauge(Phases.LAG, () -> lag);
        m.gauge(Phases.RESTORED_RECORDS, () -> restoredRecords);
        m.gauge(Phases.STEADY_OFFSET, () -> steadyOffset);
    }

    /**
     * A part with its record generator and position; the gate and position its steady phase began with; and, after
     * a restore with the verification pass, how many of its keys are still to be read.
     */
    private static final class State {
        final Part part;
        final Records records;
        long position;
        long gate;
        long steadyBase;
        long toVerify;

        State(Part part, JobPlan plan) {
            this.part = part;
            this.records = new Records(plan, part.index());
            this.position = part.position();
            this.gate = part.gate();
            this.steadyBase = part.steadyBase();
            this.toVerify = 0;
        }

        /** Steady records written in this run's steady phase. */
        long steadyWritten() {
            return steadyBase < 0 ? 0 : position - steadyBase;
        }
    }

    @Override
    public void start() {
    }

    @Override
    public InputStatus pollNext(ReaderOutput<Tuple2<Long, Double>> output) {
        if (parts.isEmpty() || !started) {
            return waitFor(null);
        }
        long warmLeft = 0;
        if (warmupStart < 0) {
            warmupStart = System.currentTimeMillis();
        }
        for (State s : parts) {
            if (s.toVerify > 0) {
                // verification pass after a restore: one read-only record per key of the part
                long n = Math.min(BATCH, s.toVerify);
                for (long i = 0; i < n; i++) {
                    long k = s.records.size() - s.toVerify;
                    output.collect(org.apache.flink.api.java.tuple.Tuple2.of(s.records.at(k).f0, Phases.VERIFY));
                    s.toVerify--;
                }
                emitted += n;
                warmLeft += s.toVerify + 1;
                continue;
            }
            if (s.position < s.records.size()) {
                long n = Math.min(BATCH, s.records.size() - s.position);
                for (long i = 0; i < n; i++) {
                    output.collect(s.records.at(s.position++));
                }
                emitted += n;
                warmLeft += s.records.size() - s.position;
            }
        }
        warmupDone = parts.stream().mapToLong(s -> Math.min(s.position, s.records.size())).sum();
        if (warmLeft > 0) {
            return InputStatus.MORE_AVAILABLE;
        }
        if (!reported) {
            reported = true;
            warmupEnd = System.currentTimeMillis();
            context.sendSourceEventToCoordinator(new Phases.WarmupDone(
                    parts.stream().mapToInt(s -> s.part.index()).toArray()));
        }
        if (steadyStart < 0) {
            return waitFor(null);
        }
        if (failAt >= 0 && System.currentTimeMillis() >= failAt) {
            throw new Phases.InjectedFailure(failAt - steadyStart);
        }
        return steady(output);
    }

    /**
     * Emits what the schedule says is due by now; otherwise waits until the next record is due. Steady lasts
     * {@code steadyMillis} from the coordinator's steady start; then the reader idles, also when it is behind: the
     * records it wrote inside the window are the steady phase's, and its throughput is what was achieved.
     */
    private InputStatus steady(ReaderOutput<Tuple2<Long, Double>> output) {
        double rate = plan.steadyRate / plan.parts;
        long now = System.currentTimeMillis();
        long end = steadyStart + plan.steadyMillis;
        long quota = plan.partQuota();
        if (now >= end) {
            // The window is over: what was written is the steady phase, even if the reader fell behind.
            lag = 0;
            return waitFor(failAt >= 0 ? Math.max(1, failAt - now) : null);
        }
        long behind = 0;
        long soonestDue = Long.MAX_VALUE;
        boolean more = false;
        for (State s : parts) {
            if (s.records.size() == 0) {
                continue; // fewer keys than parts: this one has none to update
            }
            long written = s.steadyWritten();
            long due = rate <= 0 ? written + BATCH
                    : Math.min(quota, (long) ((now - steadyStart) * rate / 1000.0) + 1);
            long n = Math.min(BATCH, due - written);
            for (long i = 0; i < n; i++) {
                output.collect(s.records.at(s.position++));
            }
            emitted += Math.max(0, n);
            written += Math.max(0, n);
            behind += Math.max(0, due - written);
            more |= due - written > 0;
            if (rate > 0 && written < quota) {
                soonestDue = Math.min(soonestDue, steadyStart + (long) Math.ceil(written * 1000.0 / rate));
            }
        }
        steadyRecords = parts.stream().mapToLong(State::steadyWritten).sum();
        lag = rate <= 0 ? 0 : behind;
        if (more || rate <= 0) {
            return InputStatus.MORE_AVAILABLE;
        }
        if (failAt >= 0) {
            soonestDue = Math.min(soonestDue, failAt);
        }
        return waitFor(soonestDue == Long.MAX_VALUE ? null : Math.max(1, soonestDue - now));
    }

    /** Nothing to write now: become available again after {@code millis}, or on an event (null). */
    private InputStatus waitFor(Long millis) {
        if (available.isDone()) {
            available = new CompletableFuture<>();
        }
        if (millis != null) {
            CompletableFuture<Void> f = available;
            CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> f.complete(null));
        }
        return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<Part> snapshotState(long checkpointId) {
        List<Part> out = new ArrayList<>(parts.size());
        for (State s : parts) {
            out.add(new Part(s.part.index(), s.position, s.gate, s.steadyBase));
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<Part> splits) {
        for (Part p : splits) {
            State s = new State(p, plan);
            planVerification(s);
            parts.add(s);
            warmupTotal += s.records.size();
            restoredRecords += p.position();
        }
        reported = false;
        if (steadyStart >= 0) {
            // restored after a failover in steady: the gate event may have come before the parts
            steadyOffset = parts.stream().mapToLong(State::steadyWritten).sum() - emitted;
        }
        available.complete(null);
    }

    /** A part restored from another run's checkpoint is read key by key first, when the coordinator asked so. */
    private void planVerification(State s) {
        s.toVerify = verifyRestored && s.position > 0 && s.steadyBase >= -1 ? s.records.size() : 0;
    }

    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        if (event instanceof Phases.Start start) {
            started = true;
            verifyRestored = start.verify();
            parts.forEach(this::planVerification);
            available.complete(null);
        }
        if (event instanceof Phases.GateOpen open) {
            gate = open.checkpointId();
            steadyStart = open.steadyStartMillis();
            failAt = open.failAtMillis();
            for (State s : parts) {
                if (s.gate != open.checkpointId()) {
                    // this part's steady phase begins here (a fresh run, or one restored from another run)
                    s.gate = open.checkpointId();
                    s.steadyBase = Math.max(s.position, s.records.size());
                }
            }
            // Warm-up and verification are written before the gate opens, so from here on every emitted record is
            // a steady one and the two counts move together.
            steadyOffset = parts.stream().mapToLong(State::steadyWritten).sum() - emitted;
            available.complete(null);
        }
    }

    @Override
    public void close() {
        available.complete(null);
    }
}
