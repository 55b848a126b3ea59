package ckpt.target;

import ckpt.error.CkptException;
import ckpt.io.PackageJar;
import ckpt.traces.SpanFile;
import ckpt.traces.SpanFileFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Flink reports a job's (re)start — restore, state download, initialization — only as a trace span. Clusters the
 * tool starts get {@link SpanFile} as their trace reporter, writing spans to a file the engine reads: in process for
 * the embedded cluster, as a plugin jar in the local cluster's JobManager. A remote cluster has no such reporter, so
 * its runs say restore durations are not reported.
 */
final class Traces {
    static final String NAME = "ckpt";
    private static Path pluginJar;

    private Traces() {
    }

    /** The reporter's configuration keys, writing spans to the file. */
    static Map<String, String> config(Path spanFile) {
        return Map.of("traces.reporter." + NAME + ".factory.class", SpanFileFactory.class.getName(),
                "traces.reporter." + NAME + "." + SpanFile.PATH, spanFile.toString());
    }

    /** The reporter as a plugin jar (its classes and the ServiceLoader entry), built once per JVM. */
    static synchronized Path pluginJar() {
        if (pluginJar == null) {
            try {
                Path jar = Files.createTempFile("ckpt-traces-", ".jar");
                jar.toFile().deleteOnExit();
                Files.write(jar, PackageJar.of(SpanFile.class, Map.of(
                        "META-INF/services/org.apache.flink.traces.reporter.TraceReporterFactory",
                        SpanFileFactory.class.getName() + "\n")));
                pluginJar = jar;
            } catch (IOException e) {
                throw new CkptException("cannot build the trace reporter plugin: " + e.getMessage());
            }
        }
        return pluginJar;
    }
}
