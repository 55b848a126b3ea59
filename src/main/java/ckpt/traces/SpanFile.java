package ckpt.traces;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.traces.Span;
import org.apache.flink.traces.reporter.TraceReporter;

/**
 * A Flink trace reporter that appends every span it receives to a file, one JSON object per line. Flink reports
 * how long a job's (re)start took only as a trace span ({@code JobInitialization}: restore, download and init
 * durations, restored bytes by location); this is how the engine gets it, from the embedded cluster and from the
 * JobManager JVM of a local cluster alike (loaded there as a plugin). Depends on Flink's metrics API alone and
 * writes its JSON by hand: a plugin sees no other library.
 */
public final class SpanFile implements TraceReporter {
    /** Reporter option naming the file. */
    public static final String PATH = "path";
    private Path file;

    @Override
    public void open(MetricConfig config) {
        String p = config.getString(PATH, null);
        file = p == null ? null : Path.of(p);
    }

    @Override
    public void close() {
    }

    @Override
    public synchronized void notifyOfAddedSpan(Span span) {
        if (file == null) {
            return;
        }
        StringBuilder sb = new StringBuilder(256).append('{');
        field(sb, "scope", span.getScope()).append(',');
        field(sb, "name", span.getName()).append(',');
        sb.append("\"start\":").append(span.getStartTsMillis()).append(",\"end\":").append(span.getEndTsMillis());
        sb.append(",\"attributes\":{");
        boolean first = true;
        for (Map.Entry<String, Object> a : span.getAttributes().entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            Object v = a.getValue();
            if (v instanceof Number n) {
                quote(sb, a.getKey()).append(':').append(n);
            } else {
                field(sb, a.getKey(), String.valueOf(v));
            }
        }
        sb.append("}}\n");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            w.write(sb.toString());
        } catch (IOException e) {
            // a reporter must not fail the JobManager; the engine then says the figure is not reported
        }
    }

    private static StringBuilder field(StringBuilder sb, String key, String value) {
        return quote(quote(sb, key).append(':'), value);
    }

    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (char c : (s == null ? "" : s).toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
