package ckpt.flink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * An in-process metric reporter: Flink hands it every metric it registers, and the engine reads the ones it
 * needs (RocksDB native metrics, the stateful operator's record counter) straight from the live objects.
 * No polling of REST, no numbers of our own making.
 */
public final class MetricsBoard implements MetricReporter {

    /** One registered metric: which job and subtask it belongs to and how to read it. */
    public record Entry(String jobId, String task, int subtask, String name, String identifier, Metric metric) {
        /** Current value as a number, or null when it is not numeric. */
        public Number value() {
            // RocksDB's native metrics are Views that Flink refreshes only every 5 s; refresh on read so a sample
            // taken once per checkpoint interval is current (update() asks RocksDB for the property now).
            if (metric instanceof org.apache.flink.metrics.View v) {
                try {
                    v.update();
                } catch (RuntimeException e) {
                    return null;
                }
            }
            if (metric instanceof Counter c) {
                return c.getCount();
            }
            if (metric instanceof Gauge<?> g) {
                Object v = g.getValue();
                if (v instanceof Number n) {
                    return n;
                }
                if (v instanceof String s) {
                    try {
                        return Long.parseLong(s.trim());
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    private static final Map<String, Entry> ENTRIES = new ConcurrentHashMap<>();

    /** Metrics of one job whose name matches exactly (e.g. "numRecordsIn" or "rocksdb.estimate-live-data-size"). */
    public static List<Entry> find(String jobId, String name) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : ENTRIES.values()) {
            if (e.jobId().equals(jobId) && e.name().equals(name)) {
                out.add(e);
            }
        }
        return out;
    }

    /** All metrics of one job whose identifier contains the text. */
    public static List<Entry> search(String jobId, String text) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : ENTRIES.values()) {
            if (e.jobId().equals(jobId) && e.identifier().contains(text)) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
        ENTRIES.clear();
    }

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Map<String, String> vars = group.getAllVariables();
        String job = vars.get("<job_id>");
        if (job == null) {
            return;
        }
        String identifier = group.getMetricIdentifier(name);
        int subtask = parseInt(vars.get("<subtask_index>"));
        ENTRIES.put(identifier, new Entry(job, vars.getOrDefault("<task_name>", ""), subtask,
                name, identifier, metric));
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        ENTRIES.remove(group.getMetricIdentifier(name));
    }

    private static int parseInt(String s) {
        try {
            return s == null ? -1 : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Named in the cluster configuration (metrics.reporter.ckpt.factory.class). */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new MetricsBoard();
        }
    }
}
