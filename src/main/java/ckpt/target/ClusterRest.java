package ckpt.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The few REST reads the cluster itself needs while it starts and changes: {@code /overview}, {@code /taskmanagers}. */
final class ClusterRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http;

    ClusterRest(URI base) {
        this.base = base;
        // HTTP/1.1: Flink's REST server does not speak h2c, and the upgrade attempt costs a round trip.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
    }

    /**
     * The JSON body of {@code GET path} if the server answered 200; empty while it is not up (refused
     * connection, 503 during start, timeout).
     */
    Optional<JsonNode> get(String path) {
        try {
            HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(3)).GET().build();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The registered TaskManagers' ids (their resource ids), empty if the JobManager does not answer. */
    Optional<Set<String>> taskManagerIds() {
        return get("/taskmanagers").map(n -> {
            Set<String> ids = new LinkedHashSet<>();
            n.path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
            return ids;
        });
    }
}
