package ckpt.job;

import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that spends a fixed time on each record, like one writing to a slow database: once it cannot keep up,
 * its input buffers fill and the job backpressures, so checkpoint barriers queue behind in-flight records.
 */
final class SlowSink implements Sink<Long> {
    private static final long serialVersionUID = 1L;
    private final long nanosPerRecord;

    SlowSink(long nanosPerRecord) {
        this.nanosPerRecord = nanosPerRecord;
    }

    @Override
    public SinkWriter<Long> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(Long element, Context ctx) {
                // Sleeps until the deadline, also when parkNanos returns early.
                long until = System.nanoTime() + nanosPerRecord;
                for (long left = nanosPerRecord; left > 0; left = until - System.nanoTime()) {
                    LockSupport.parkNanos(left);
                }
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
