package ckpt.target;

import ckpt.error.CkptException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Flink's REST API as JSON trees: the one way the engine reads a cluster, whichever target it is. Plain HTTP and
 * Jackson, so what the engine reads is exactly what {@code curl} shows; job submission, which needs Flink's
 * multipart upload, goes through {@code RestClusterClient} instead (see {@link Target#submit}).
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public FlinkRest(URI base) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
    }

    public URI base() {
        return base;
    }

    /**
     * Loads and initializes what the first request needs on this side (HTTP client, JSON, Flink's REST client
     * classes), so that a thread waiting for a cluster to start pays for it then, not after (~0.1 s of the first
     * run's critical path in a cold JVM).
     */
    public static void warmUp() {
        try {
            JSON.readTree(JSON.writeValueAsString(java.util.Map.of("warm", java.util.List.of(1, 2.5, "x"))));
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:1/")).GET().build();
            HTTP.version();
            Class.forName("org.apache.flink.client.program.rest.RestClusterClient", true,
                    FlinkRest.class.getClassLoader());
        } catch (IOException | ClassNotFoundException | LinkageError e) {
            // only a warm-up: the first real request will say what is wrong
        }
    }

    /** GET a path such as "jobs/abc/checkpoints"; a non-2xx answer is an error naming the URL and Flink's message. */
    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    /** GET that returns null on 404 (a job or checkpoint Flink no longer knows). */
    public JsonNode getOrNull(String path) {
        try {
            return get(path);
        } catch (Status s) {
            if (s.code == 404) {
                return null;
            }
            throw s;
        }
    }

    public JsonNode post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))), path);
    }

    public JsonNode patch(String path) {
        return send(HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.noBody()), path);
    }

    private URI uri(String path) {
        return base.resolve(path.startsWith("/") ? path.substring(1) : path);
    }

    private static String json(Object body) {
        try {
            return body == null ? "{}" : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /**
     * Sends, retrying for a few seconds while Flink answers 503: a cluster that has just (re)started is still electing
     * its leader, and its REST API says so.
     */
    private JsonNode send(HttpRequest.Builder request, String path) {
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try {
                return sendOnce(request, path);
            } catch (Status s) {
                if (s.code != 503 || System.currentTimeMillis() > deadline) {
                    throw s;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CkptException("interrupted while asking Flink REST " + uri(path));
            }
        }
    }

    private JsonNode sendOnce(HttpRequest.Builder request, String path) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CkptException("Flink REST at " + base + " does not answer (connection refused)");
        } catch (IOException e) {
            throw new CkptException("Flink REST " + uri(path) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CkptException("interrupted while asking Flink REST " + uri(path));
        }
        int code = response.statusCode();
        if (code / 100 != 2) {
            throw new Status(code, uri(path), firstError(response.body()));
        }
        try {
            String body = response.body();
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new CkptException("Flink REST " + uri(path) + " answered something that is not JSON");
        }
    }

    /** Flink answers errors as {"errors": ["…"]}; keep the first line of the first one. */
    private static String firstError(String body) {
        try {
            JsonNode errors = JSON.readTree(body).path("errors");
            if (errors.isArray() && !errors.isEmpty()) {
                String text = errors.get(0).asText();
                int nl = text.indexOf('\n');
                return nl < 0 ? text : text.substring(0, nl);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through
        }
        return body == null ? "" : body.strip();
    }

    /** A non-2xx answer, with its status code (callers handle 404 and 503). */
    public static final class Status extends CkptException {
        private final int code;

        Status(int code, URI uri, String message) {
            super("Flink REST " + uri + " answered " + code + (message.isEmpty() ? "" : ": " + message));
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
