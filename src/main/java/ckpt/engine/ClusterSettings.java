package ckpt.engine;

import ckpt.target.FlinkRest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.util.TimeUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster settings a run's watch depends on, read once from the JobManager's configuration as its REST API shows
 * it ({@code GET /jobmanager/config}). A key the API does not list has Flink's default. Clusters the tool starts set
 * them for measuring; a user's cluster may keep Flink's defaults, and the runner adapts to those.
 */
final class ClusterSettings {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterSettings.class);

    private final Map<String, String> config = new HashMap<>();

    ClusterSettings(FlinkRest rest) {
        try {
            for (JsonNode kv : rest.get("jobmanager/config")) {
                config.put(kv.path("key").asText(), kv.path("value").asText());
            }
        } catch (RuntimeException ex) {
            LOG.info("jobmanager config not read", ex);
        }
    }

    /** How often the JobManager fetches metrics (Flink's default: 10 s; clusters we start: 200 ms). */
    long metricFetchMillis() {
        return millis("metrics.fetcher.update-interval", 10_000);
    }

    /** How long the cluster caches checkpoint statistics (Flink's default: 3 s; clusters we start: 1 ms). */
    long statisticsCacheMillis() {
        return millis("rest.cache.checkpoint-statistics.timeout", 3_000);
    }

    /** Checkpoints the cluster keeps in its statistics history (web.checkpoints.history; Flink's default: 10). */
    long history() {
        String v = config.get("web.checkpoints.history");
        return v == null ? 10 : Integer.parseInt(v.trim());
    }

    /** A duration key in ms; Flink's default when the REST API does not list it. */
    private long millis(String key, long flinkDefault) {
        String v = config.get(key);
        return v == null ? flinkDefault : TimeUtils.parseDuration(v).toMillis();
    }
}
