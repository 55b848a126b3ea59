package ckpt.engine;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.rocksdb.OptionCatalog;
import ckpt.rocksdb.RocksDbOptionsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.metrics.View;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a run reads of RocksDB itself while the job runs: the native metrics the experiment asked for, sampled into
 * the run's metrics table, and RocksDB's own OPTIONS file, copied out of its working directory while it exists.
 */
final class RocksDbWatch {
    private static final Logger LOG = LoggerFactory.getLogger(RocksDbWatch.class);

    private final Experiment e;
    private final Recorder files;
    /** RocksDB's working directory when the job runs on this machine, else null. */
    private final Path localDir;
    private final Table metrics;
    private long lastSample;
    private boolean optionsCopied;

    RocksDbWatch(Experiment e, Recorder files, Path localDir) {
        this.e = e;
        this.files = files;
        this.localDir = localDir;
        this.metrics = Table.create("metrics", StringColumn.create(CheckpointTable.RUN), LongColumn.create("t_ms"),
                StringColumn.create("metric"), LongColumn.create("value"));
    }

    /** One row per sample and metric: run, ms since the job started, metric, value summed over subtasks. */
    Table metrics() {
        return metrics;
    }

    /**
     * One look: copies the OPTIONS file once steady has begun (RocksDB has opened with every option by then), and
     * samples the native metrics when they are due.
     *
     * @param now      this machine's clock
     * @param jmNow    the JobManager's clock
     * @param jobStart when the job started, on the JobManager's clock
     */
    void look(JobProbe probe, RunGraph graph, boolean steady, long now, long jmNow, long jobStart) {
        if (steady && !optionsCopied) {
            optionsCopied = copyOptionsFile();
        }
        sample(probe, graph, now, jmNow, jobStart);
    }

    /**
     * Samples the requested RocksDB native metrics (summed over column families and subtasks). Flink refreshes them
     * every {@value org.apache.flink.metrics.View#UPDATE_INTERVAL_SECONDS} s and serves 0 until the first refresh, so
     * samples start one refresh after the stateful task started and come at most once per refresh (or interval).
     */
    private void sample(JobProbe probe, RunGraph graph, long now, long jmNow, long jobStart) {
        long refresh = View.UPDATE_INTERVAL_SECONDS * 1000L;
        long taskStart = probe.vertexStart(graph.stateVertex());
        if (e.rocksdbMetrics().isEmpty() || taskStart < 0 || jmNow < taskStart + refresh + 500
                || now - lastSample < Math.max(refresh, e.interval().toMillis())) {
            return;
        }
        lastSample = now;
        List<String> vertices = graph.keyed.isEmpty() ? List.of(graph.stateVertex()) : List.copyOf(graph.keyed.keySet());
        for (String key : e.rocksdbMetrics()) {
            // Flink's gauge names differ from the option names (e.g. compaction-read-bytes registers
            // rocksdb.compact_read_bytes); the catalog knows the mapping.
            List<String> gauges = OptionCatalog.gaugeNames(key);
            Map<String, Long> found = new LinkedHashMap<>();
            for (String vertex : vertices) {
                probe.summed(vertex, gauges).forEach((g, v) -> found.merge(g, v, Long::sum));
            }
            found.forEach((gauge, sum) -> {
                metrics.stringColumn(CheckpointTable.RUN).append(e.displayName());
                metrics.longColumn("t_ms").append(jmNow - jobStart);
                metrics.stringColumn("metric").append(gauges.size() == 1
                        ? key.substring(key.lastIndexOf('.') + 1) : gauge.replace("rocksdb.", ""));
                metrics.longColumn("value").append(sum);
            });
        }
        files.csv("metrics.csv", metrics);
    }

    /** Copies RocksDB's own OPTIONS file out of its working directory while it still exists (this machine only). */
    private boolean copyOptionsFile() {
        Optional<Path> options = localDir != null && Files.isDirectory(localDir)
                ? RocksDbOptionsFile.latest(localDir) : Optional.empty();
        if (options.isEmpty()) {
            return localDir == null;
        }
        try {
            Files.copy(options.get(), files.dir().resolve("rocksdb-OPTIONS"), StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException ex) {
            LOG.warn("could not copy {}", options.get(), ex);
            return false;
        }
    }
}
