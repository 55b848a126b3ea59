package ckpt.job;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * One part of the source's records and how far it got. The position is checkpointed with the reader's state, so
 * after a failover the source resumes where the restored checkpoint left it, not at the start of warm-up.
 *
 * @param index     which part (part j owns warm-up indices j, j+p, …)
 * @param position  records written so far (warm-up first, then steady)
 * @param gate      the gate under which steady began for this part (-1: not yet)
 * @param steadyBase the position at which that steady phase began: steady records are counted from there, so a run
 *                  restored from another run's checkpoint starts its own steady phase at its restored position
 */
public record Part(int index, long position, long gate, long steadyBase) implements SourceSplit {

    Part(int index, long position) {
        this(index, position, -1, -1);
    }

    @Override
    public String splitId() {
        return Integer.toString(index);
    }

    Part at(long newPosition) {
        return new Part(index, newPosition, gate, steadyBase);
    }

    /** Index, position, gate and steady base as numbers. */
    static final class Serializer implements SimpleVersionedSerializer<Part> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 2;
        }

        @Override
        public byte[] serialize(Part p) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(28);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(p.index);
                out.writeLong(p.position);
                out.writeLong(p.gate);
                out.writeLong(p.steadyBase);
            }
            return bytes.toByteArray();
        }

        @Override
        public Part deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(serialized))) {
                int index = in.readInt();
                long position = in.readLong();
                return version < 2 ? new Part(index, position) : new Part(index, position, in.readLong(), in.readLong());
            }
        }
    }
}
