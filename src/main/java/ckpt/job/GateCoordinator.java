package ckpt.job;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The source's coordinator (on the JobManager): hands out the parts and opens the gate between warm-up and steady.
 *
 * <p>The gate opens when a checkpoint completes whose trigger came after every part reported the end of its
 * warm-up. A reader reports only after writing its last warm-up record, and the barrier of a checkpoint reaches it
 * only after the trigger, so that checkpoint holds the whole warm state: steady checkpoints then measure churn,
 * not leftovers of the fill. The gate and the steady start are part of the coordinator's checkpoint, so a
 * failover during steady does not send the job back through warm-up.
 */
final class GateCoordinator implements SplitEnumerator<Part, GateCoordinator.State> {
    private final SplitEnumeratorContext<Part> context;
    private final int parts;
    private final long failAfter;
    private final List<Part> pending;
    private final BitSet warm = new BitSet();
    private long gate;
    private long steadyStart;
    /** First checkpoint triggered after all parts were warm (-1 = not yet). */
    private long candidate = -1;

    private final String runId;
    /** Restored from a checkpoint of another run (restore(run), the warm-state cache): readers verify first. */
    private final boolean foreign;
    private final boolean verify;

    /**
     * A coordinator of this run, or restored from a checkpoint. A checkpoint of another run (restore(run), a cached
     * warm state) brings its parts' positions but not its gate: this run waits for its own gate and steady phase.
     */
    GateCoordinator(SplitEnumeratorContext<Part> context, int parts, long failAfter, String runId, boolean verify,
                    State restored, boolean fresh) {
        this.context = context;
        this.parts = parts;
        this.failAfter = failAfter;
        this.runId = runId;
        this.verify = verify;
        this.pending = new ArrayList<>(restored.pending);
        boolean ours = runId.equals(restored.runId);
        this.foreign = !fresh && !ours;
        this.gate = ours ? restored.gate : -1;
        this.steadyStart = ours ? restored.steadyStart : -1;
    }

    static State fresh(int parts, String runId) {
        List<Part> all = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            all.add(new Part(i, 0));
        }
        return new State(-1, -1, all, runId);
    }

    /**
     * Warm-up is backlog in Flink's sense (FLIP-309): the source says so until the gate opens. The engine sets
     * {@code execution.checkpointing.interval-during-backlog} to 0, so no periodic checkpoint comes during warm-up,
     * and when the gate opens Flink schedules the next one a whole interval later: the first steady checkpoint
     * holds an interval of changes like the others. (Flink still fires the first periodic trigger it schedules
     * when every task is running; after a short warm-up that checkpoint opens the gate.)
     */
    @Override
    public void start() {
        context.setIsProcessingBacklog(gate < 0);
    }

    @Override
    public void handleSplitRequest(int subtask, String host) {
    }

    @Override
    public void addSplitsBack(List<Part> splits, int subtask) {
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtask) {
        context.sendEventToSourceReader(subtask, new Phases.Start(verify && foreign && gate < 0));
        int readers = context.currentParallelism();
        for (Iterator<Part> it = pending.iterator(); it.hasNext(); ) {
            Part p = it.next();
            if (p.index() % readers == subtask) {
                context.assignSplit(p, subtask);
                it.remove();
            }
        }
        if (gate >= 0) {
            context.sendEventToSourceReader(subtask, gateOpen(subtask));
        }
    }

    @Override
    public void handleSourceEvent(int subtask, SourceEvent event) {
        if (event instanceof Phases.WarmupDone done) {
            for (int p : done.parts()) {
                warm.set(p);
            }
        }
    }

    @Override
    public State snapshotState(long checkpointId) {
        if (gate < 0 && candidate < 0 && warm.cardinality() == parts) {
            candidate = checkpointId;
        }
        return new State(gate, steadyStart, pending, runId);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        if (gate < 0 && candidate >= 0 && checkpointId >= candidate) {
            gate = checkpointId;
            // One millisecond early, then the schedule restarts: Flink times periodic checkpoints on a relative clock
            // and stamps them with the wall clock, both cut to whole milliseconds, so the checkpoint a whole number
            // of intervals later could read 1 ms before steadyStart + n × interval. Anchored 1 ms early, a window of
            // whole intervals never ends after its last checkpoint was triggered, which the runner's quick end needs
            // (ckpt.engine.QuickEnd); the readers hear of the gate a millisecond or two later anyway.
            steadyStart = System.currentTimeMillis() - 1;
            context.setIsProcessingBacklog(false);
            for (int reader : context.registeredReaders().keySet()) {
                context.sendEventToSourceReader(reader, gateOpen(reader));
            }
        }
    }

    /**
     * The gate event for one reader. An injected failure goes only to subtask 0 in its first attempt: the
     * coordinator is rebuilt from its checkpoint after a failover and remembers nothing else, but the attempt
     * number of the reader that registers tells a restarted task from the first one.
     */
    private Phases.GateOpen gateOpen(int subtask) {
        boolean firstAttempt = context.registeredReadersOfAttempts().getOrDefault(subtask, java.util.Map.of())
                .keySet().stream().allMatch(a -> a == 0);
        long failAt = failAfter >= 0 && subtask == 0 && firstAttempt ? steadyStart + failAfter : -1;
        return new Phases.GateOpen(gate, steadyStart, failAt);
    }

    @Override
    public void close() {
    }

    /** What the coordinator checkpoints: the gate (or -1), the steady start, parts not yet handed out, the run. */
    record State(long gate, long steadyStart, List<Part> pending, String runId) {
        State {
            pending = List.copyOf(pending);
        }
    }

    static final class StateSerializer implements SimpleVersionedSerializer<State> {
        static final StateSerializer INSTANCE = new StateSerializer();

        @Override
        public int getVersion() {
            return 2;
        }

        @Override
        public byte[] serialize(State s) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeLong(s.gate);
                out.writeLong(s.steadyStart);
                out.writeInt(s.pending.size());
                for (Part p : s.pending) {
                    byte[] part = Part.Serializer.INSTANCE.serialize(p);
                    out.writeInt(part.length);
                    out.write(part);
                }
                out.writeUTF(s.runId);
            }
            return bytes.toByteArray();
        }

        @Override
        public State deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(serialized))) {
                long gate = in.readLong();
                long steadyStart = in.readLong();
                int n = in.readInt();
                List<Part> pending = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    if (version < 2) {
                        pending.add(new Part(in.readInt(), in.readLong()));
                    } else {
                        byte[] part = new byte[in.readInt()];
                        in.readFully(part);
                        pending.add(Part.Serializer.INSTANCE.deserialize(Part.Serializer.INSTANCE.getVersion(), part));
                    }
                }
                return new State(gate, steadyStart, pending, version < 2 ? "" : in.readUTF());
            }
        }
    }
}
