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
 */
public record Part(int index, long position) implements SourceSplit {

    @Override
    public String splitId() {
        return Integer.toString(index);
    }

    Part at(long newPosition) {
        return new Part(index, newPosition);
    }

    /** Part index and position as two numbers. */
    static final class Serializer implements SimpleVersionedSerializer<Part> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(Part p) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(12);
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeInt(p.index);
                out.writeLong(p.position);
            }
            return bytes.toByteArray();
        }

        @Override
        public Part deserialize(int version, byte[] serialized) throws IOException {
            try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(serialized))) {
                return new Part(in.readInt(), in.readLong());
            }
        }
    }
}
