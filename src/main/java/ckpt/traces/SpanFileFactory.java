package ckpt.traces;

import java.util.Properties;
import org.apache.flink.traces.reporter.TraceReporter;
import org.apache.flink.traces.reporter.TraceReporterFactory;

/** Named in the cluster configuration ({@code traces.reporter.ckpt.factory.class}); found by ServiceLoader. */
public final class SpanFileFactory implements TraceReporterFactory {
    @Override
    public TraceReporter createTraceReporter(Properties properties) {
        return new SpanFile();
    }
}
