package ckpt.store;

import ckpt.error.CkptException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.LatencyBlobStore;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3 server in this JVM on 127.0.0.1: s3proxy's S3 front end over jclouds' filesystem store, so every object is
 * a file under {@link #baseDir()} ({@code <bucket>/<key>}). One per JVM, started on first use and stopped at exit;
 * the data stays (runs keep their checkpoints).
 *
 * <p>Two thin layers are added to s3proxy: a {@link RequestCounter} in front of its HTTP handler records every
 * request of a run ({@link #record}), and s3proxy's own {@code LatencyBlobStore} between the handler and the files
 * adds the run's latency and per-request bandwidth ({@link #limits}). s3proxy's own metrics ({@code /metrics},
 * Prometheus text) count the same requests by S3 operation: the tests hold the two against each other.
 */
public final class S3Store {
    public static final String BUCKET = "ckpt";
    static final String IDENTITY = "ckpt-repl";
    static final String CREDENTIAL = "ckpt-repl-secret";
    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);
    private static S3Store shared;

    private final Path baseDir;
    private final BlobStore files;
    private final S3Proxy proxy;
    private final URI endpoint;
    private volatile BlobStore front;
    private volatile StoreRequests recording;

    private S3Store(Path baseDir) throws Exception {
        this.baseDir = baseDir;
        Files.createDirectories(baseDir);
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", baseDir.toString());
        // ContextBuilder.newBuilder("filesystem") would load every provider on the class path; the API object does not.
        this.files = ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(p)
                .build(BlobStoreContext.class).getBlobStore();
        files.createContainerInLocation(null, BUCKET);
        this.front = files;
        this.proxy = S3Proxy.builder().blobStore(front).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .metricsEnabled(true).build();
        addFilter(proxy, new RequestCounter(() -> recording));
        // Each request asks the locator for its store, so the run's latency and bandwidth take effect at once.
        proxy.setBlobStoreLocator((identity, container, blob) -> new AbstractMap.SimpleEntry<>(CREDENTIAL, front));
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new CkptException("the embedded S3 server did not start within 10 s");
            }
            Thread.sleep(10);
        }
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        LOG.info("embedded S3 server on {} over {}", endpoint, baseDir);
    }

    /** The JVM's S3 server over {@code baseDir}, started now if needed. */
    public static synchronized S3Store shared(Path baseDir) {
        Path dir = baseDir.toAbsolutePath().normalize();
        if (shared != null && !shared.baseDir.equals(dir)) {
            shared.stop();
            shared = null;
        }
        if (shared == null) {
            try {
                shared = new S3Store(dir);
            } catch (CkptException e) {
                throw e;
            } catch (Exception e) {
                throw new CkptException("could not start the embedded S3 server: " + e.getMessage(), e);
            }
            S3Store s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "ckpt-s3-shutdown"));
        }
        return shared;
    }

    /** The running server, if any. */
    public static synchronized S3Store running() {
        return shared;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Where the objects are: {@code <baseDir>/<bucket>/<key>}. */
    public Path baseDir() {
        return baseDir;
    }

    /** The file holding an object of this store, or the folder holding a prefix ({@code s3://ckpt/a/b}). */
    public Path localPath(URI s3) {
        String key = s3.getPath() == null ? "" : s3.getPath().replaceFirst("^/+", "");
        return baseDir.resolve(s3.getAuthority()).resolve(key);
    }

    /**
     * What Flink's S3 file system ({@code flink-s3-fs-native}) needs to reach this server: path-style addresses
     * and none of AWS's chunked encoding and checksum headers, which S3-compatible servers do not all speak.
     */
    public Map<String, String> clientKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("s3.endpoint", endpoint.toString());
        m.put("s3.path-style-access", "true");
        m.put("s3.path.style.access", "true");
        m.put("s3.access-key", IDENTITY);
        m.put("s3.secret-key", CREDENTIAL);
        m.put("s3.region", "us-east-1");
        m.put("s3.chunked-encoding.enabled", "false");
        m.put("s3.checksum-validation.enabled", "false");
        return m;
    }

    /**
     * Latency added to every request and bandwidth allowed to each request's body (bytes per second; 0 =
     * unlimited), through s3proxy's {@code LatencyBlobStore}.
     */
    public synchronized void limits(Duration latency, long bytesPerSecond) {
        BlobStore inner = files;
        if ((latency != null && !latency.isZero()) || bytesPerSecond > 0) {
            Properties p = new Properties();
            String prefix = "s3proxy.latency-blobstore.";
            for (String op : new String[] {"put", "upload-part", "get", "metadata", "remove", "list",
                    "multipart-message", "copy"}) {
                if (latency != null && !latency.isZero()) {
                    p.setProperty(prefix + op + ".latency", Long.toString(latency.toMillis()));
                }
            }
            if (bytesPerSecond > 0) {
                // s3proxy's speed unit is bytes per millisecond
                long perMs = Math.max(1, bytesPerSecond / 1000);
                for (String op : new String[] {"put", "upload-part", "get"}) {
                    p.setProperty(prefix + op + ".speed", Long.toString(perMs));
                }
            }
            inner = latencyStore(files, LatencyBlobStore.parseLatencies(p), LatencyBlobStore.parseSpeeds(p));
        }
        front = inner;
    }

    /**
     * Puts the counter in front of s3proxy's handler: its Jetty server (shaded into s3proxy's jar) serves one servlet
     * context, to which a standard servlet filter can be added before it starts.
     */
    private static void addFilter(S3Proxy proxy, jakarta.servlet.Filter filter) {
        try {
            java.lang.reflect.Field f = S3Proxy.class.getDeclaredField("server");
            f.setAccessible(true);
            Object server = f.get(proxy);
            Object context = server.getClass().getMethod("getHandler").invoke(server);
            context.getClass().getMethod("addFilter", jakarta.servlet.Filter.class, String.class,
                    java.util.EnumSet.class).invoke(context, filter, "/*",
                    java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CkptException("s3proxy's server is not built the way this build expects: " + e, e);
        }
    }

    /** s3proxy builds its latency store in a package-private factory (its CLI's path); we call the same one. */
    private static BlobStore latencyStore(BlobStore files, Map<String, Long> latencies, Map<String, Long> speeds) {
        try {
            Method m = LatencyBlobStore.class.getDeclaredMethod("newLatencyBlobStore", BlobStore.class, Map.class,
                    Map.class);
            m.setAccessible(true);
            return (BlobStore) m.invoke(null, files, latencies, speeds);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new CkptException("s3proxy's latency store is not where this build expects it: " + e, e);
        }
    }

    /** Records every request from now into a new log (the previous recording stops). */
    public StoreRequests record() {
        StoreRequests r = new StoreRequests();
        recording = r;
        return r;
    }

    /** Stops recording into {@code r} (if it is still the current one). */
    public void stopRecording(StoreRequests r) {
        if (recording == r) {
            recording = null;
        }
    }

    public synchronized void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.info("embedded S3 server stop", e);
        }
    }
}
