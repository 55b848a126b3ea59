package ckpt.target;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * A session cluster someone else runs (standalone, Kubernetes session, YARN session), reached over its REST URL.
 * The tool did not start it and never stops it. Its TaskManagers may not see this machine's disk, so runs need an
 * explicit {@code checkpointDir} that both sides can read (a shared mount, S3, HDFS).
 */
public final class Remote extends Target {
    private final URI url;

    private Remote(URI url) {
        this.url = url;
    }

    /** Checks that a Flink REST API answers at the URL (GET /overview) before handing out the target. */
    public static Remote connect(String restUrl) {
        if (restUrl == null || restUrl.isBlank()) {
            throw new CkptException("cluster needs a REST URL, e.g. cluster(\"http://flink-jm:8081\")");
        }
        URI u;
        try {
            u = new URI(restUrl.trim());
        } catch (URISyntaxException e) {
            throw new CkptException("cluster URL '" + restUrl + "' is not a URL: " + e.getReason());
        }
        if (!"http".equals(u.getScheme()) || u.getHost() == null || u.getPort() < 0) {
            throw new CkptException("cluster URL '" + restUrl + "' — write http://HOST:PORT (Flink's REST port, 8081 by default)");
        }
        Remote r = new Remote(URI.create("http://" + u.getHost() + ":" + u.getPort()));
        JsonNode o = r.rest().get("overview");
        if (!o.has("slots-total")) {
            throw new CkptException(restUrl + " answers, but not like a Flink JobManager (no slots in /overview)");
        }
        return r;
    }

    @Override
    public String kind() {
        return "remote";
    }

    @Override
    public URI url() {
        return url;
    }

    @Override
    public boolean sharesDisk() {
        return false;
    }

    @Override
    public boolean running() {
        return true;
    }

    @Override
    public void prepare(Experiment e) {
        if (e.managedMemory() != null) {
            throw new CkptException("managedMemory is set by the cluster's own configuration on " + url
                    + " — drop managedMemory(…) for this target");
        }
        if (e.checkpointDir() == null) {
            throw new CkptException("a remote cluster needs a checkpoint folder both it and this shell can read — add "
                    + ".checkpointDir(\"s3://bucket/ckpt\" | \"hdfs://…\" | \"file:///shared/…\")");
        }
    }

    /**
     * A cluster someone else runs keeps its own TaskManager configuration: the run goes ahead only if it already
     * has the keys (read from its JobManager's configuration over REST). The embedded S3 server listens on this
     * machine's loopback, which a remote cluster cannot reach.
     */
    @Override
    public void prepare(Experiment e, Map<String, String> clusterKeys) {
        prepare(e);
        if (e.extras().embeddedS3()) {
            throw new CkptException("storage(\"s3\") is the S3 server inside this shell on 127.0.0.1, which " + url
                    + " cannot reach — use checkpointDir(\"s3://bucket/path\") with config(\"s3.endpoint\", …) for your store");
        }
        Map<String, String> config = new java.util.HashMap<>();
        for (JsonNode kv : rest().get("jobmanager/config")) {
            config.put(kv.path("key").asText(), kv.path("value").asText());
        }
        for (Map.Entry<String, String> k : clusterKeys.entrySet()) {
            if (k.getKey().startsWith("state.changelog.") && !k.getValue().equals(config.get(k.getKey()))) {
                throw new CkptException("mode changelog needs " + k.getKey() + ": " + k.getValue() + " in the"
                        + " configuration of the cluster at " + url + " (Flink reads it from the TaskManagers', not"
                        + " the job's); it has " + config.getOrDefault(k.getKey(), "none"));
            }
            if (OFF_UNLESS_SET.contains(k.getKey()) && k.getValue().equals("true")
                    && !satisfies(config, Map.of(k.getKey(), k.getValue()))) {
                throw new CkptException("localRecovery(true) needs " + k.getKey() + ": true in the configuration of"
                        + " the cluster at " + url + " (Flink reads it from the TaskManagers', not the job's); it has "
                        + config.getOrDefault(k.getKey(), "none"));
            }
        }
    }

    @Override
    public void stop() {
        throw new CkptException("the cluster at " + url + " was not started by this tool: it is not stopped from here");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Remote r && r.url.equals(url);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}
