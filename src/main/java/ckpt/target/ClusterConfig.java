package ckpt.target;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.YamlParserUtils;

/**
 * The {@code conf/} folder of a local cluster: {@code config.yaml} (read by every cluster JVM and by Flink's memory
 * derivation) and {@code log4j.properties} (the cluster JVMs do not see the project's log4j2.xml).
 */
final class ClusterConfig {
    /**
     * JobManager process size. 1 GiB leaves ~448 MiB of heap after Flink's fixed shares (256 MiB metaspace,
     * 192 MiB overhead, 128 MiB off-heap): room for 100,000 checkpoints of statistics and the archived jobs.
     */
    static final String JOBMANAGER_PROCESS_SIZE = "1g";
    /**
     * TaskManager process size. 1600 MiB gives, by Flink's default fractions, ~461 MiB managed memory (~230 MiB per
     * slot with 2 slots, close to the embedded cluster's 256 MiB per slot, so RocksDB gets a comparable block cache
     * and write buffers), ~320 MiB task heap and ~115 MiB network buffers. Two of them plus the JobManager stay
     * under 5 GiB on a machine that others share.
     */
    static final String TASKMANAGER_PROCESS_SIZE = "1600m";

    static final String LOOPBACK = "127.0.0.1";

    private ClusterConfig() {
    }

    /**
     * The cluster's configuration: our defaults, then the caller's keys (the caller wins). Insertion order is kept
     * so the written file reads top-down: addresses, ports, memory, statistics.
     */
    static Map<String, String> of(int slots, int restPort, int rpcPort, Path tmpDir, Map<String, String> extra) {
        Map<String, String> c = new LinkedHashMap<>();
        // Every server of every cluster JVM binds to loopback. jobmanager.bind-host covers the JobManager's RPC
        // (Pekko), its BLOB server and its metric query service; taskmanager.bind-host covers the TaskManager's
        // RPC, its metric query service, the netty shuffle server and the collect sink's socket. The *.address
        // and *.host keys are what the processes advertise to each other.
        c.put("jobmanager.rpc.address", LOOPBACK);
        c.put("jobmanager.bind-host", LOOPBACK);
        c.put("taskmanager.host", LOOPBACK);
        c.put("taskmanager.bind-host", LOOPBACK);
        c.put("rest.address", LOOPBACK);
        c.put("rest.bind-address", LOOPBACK);
        // Fixed, known ports: the default RPC port 6123 and REST port 8081 collide with other clusters on this
        // machine. Every other server (BLOB, shuffle, TaskManager RPC, query service) uses a free port by default.
        c.put("rest.port", Integer.toString(restPort));
        c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        c.put("jobmanager.memory.process.size", JOBMANAGER_PROCESS_SIZE);
        c.put("taskmanager.memory.process.size", TASKMANAGER_PROCESS_SIZE);
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(slots));
        c.putAll(Target.STARTED_CLUSTER_KEYS);
        // A TaskManager that asks the ResourceManager before the JobManager's RPC is up waits this long before it
        // asks again (default 10 s). All JVMs start at once, so on a busy machine that happens now and then and
        // would add 10 s to the start.
        c.put("cluster.registration.error-delay", "1 s");
        // Scratch space (RocksDB's native library, BLOBs, working directories, spilled data) inside the cluster
        // folder, removed with it.
        c.put("io.tmp.dirs", tmpDir.toString());
        // Where Flink's distribution keeps the JVM flags it needs on Java 17; FlinkCommand passes them (and any
        // env.java.opts.* a caller adds) to each JVM, as Flink's scripts do.
        c.put("env.java.default-opts.all", String.join(" ", FlinkCommand.OPENS));
        c.putAll(extra);
        return c;
    }

    /** Writes {@code config.yaml} and {@code log4j.properties} into {@code confDir}. */
    static void write(Path confDir, Map<String, String> config) {
        try {
            Files.createDirectories(confDir);
            Files.writeString(confDir.resolve("config.yaml"), yaml(config));
            Files.writeString(confDir.resolve("log4j.properties"), LOG4J);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Flat YAML, one {@code key: value} per line. Values are rendered by Flink's own YAML writer, which quotes
     * whatever its reader would otherwise turn into something else ({@code 0.10}, {@code 'a: b'}, {@code true});
     * plain integers stay unquoted for the human reader (they read back identically).
     */
    static String yaml(Map<String, String> config) {
        StringBuilder b = new StringBuilder("# Written by ckpt-repl for a local cluster; read by Flink's entrypoints.\n");
        config.forEach((k, v) -> b.append(k).append(": ")
                .append(v.matches("0|[1-9][0-9]{0,17}") ? v : YamlParserUtils.toYAMLString(v)).append('\n'));
        return b.toString();
    }

    /** Flink's distribution log4j.properties, reduced to its main file appender (log.file is set per JVM). */
    private static final String LOG4J = """
            # Written by ckpt-repl: like Flink's conf/log4j.properties, one file per JVM (-Dlog.file).
            monitorInterval = 0
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            logger.pekko.name = org.apache.pekko
            logger.pekko.level = INFO
            logger.kafka.name = org.apache.kafka
            logger.kafka.level = INFO
            logger.hadoop.name = org.apache.hadoop
            logger.hadoop.level = WARN
            logger.zookeeper.name = org.apache.zookeeper
            logger.zookeeper.level = INFO
            logger.shaded_zookeeper.name = org.apache.flink.shaded.zookeeper3
            logger.shaded_zookeeper.level = INFO
            logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline
            logger.netty.level = OFF
            appender.main.name = MainAppender
            appender.main.type = File
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            """;
}
