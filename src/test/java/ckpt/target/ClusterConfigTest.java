package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterConfigTest {
    @TempDir
    Path dir;

    @Test
    void configYamlReadsBackThroughFlinksLoaderExactlyAndTheCallerWins() throws Exception {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("taskmanager.memory.process.size", "2g"); // overrides ours
        extra.put("ckpt.probe.colon", "a: b");
        extra.put("ckpt.probe.hash", "#not a comment");
        extra.put("ckpt.probe.decimal", "0.10");
        extra.put("ckpt.probe.octal-looking", "010");
        extra.put("ckpt.probe.bool", "true");
        extra.put("ckpt.probe.quote", "it's 'quoted'");
        extra.put("ckpt.probe.empty", "");
        extra.put("ckpt.probe.list", "[a, b]");
        extra.put("ckpt.probe.opts", "-XX:+UseG1GC -Dx=y");
        Map<String, String> config = ClusterConfig.of(3, 18081, 16123, dir.resolve("tmp"), extra);
        Path conf = dir.resolve("conf");
        ClusterConfig.write(conf, config);

        Configuration read = GlobalConfiguration.loadConfiguration(conf.toString());
        Map<String, String> back = read.toMap();
        config.forEach((k, v) -> assertThat(back.get(k)).as(k).isEqualTo(v));
        assertThat(back).containsEntry("taskmanager.memory.process.size", "2g")
                .containsEntry("taskmanager.numberOfTaskSlots", "3").containsEntry("rest.port", "18081")
                .containsEntry("jobmanager.rpc.port", "16123").containsEntry("web.checkpoints.history", "100000")
                .containsEntry("rest.cache.checkpoint-statistics.timeout", "1 ms")
                .containsEntry("rest.cache.execution-graph.timeout", "20 ms");
        for (String k : List.of("jobmanager.rpc.address", "jobmanager.bind-host", "taskmanager.bind-host",
                "taskmanager.host", "rest.address", "rest.bind-address")) {
            assertThat(back).containsEntry(k, "127.0.0.1");
        }
        String yaml = Files.readString(conf.resolve("config.yaml"));
        assertThat(yaml).contains("\nrest.port: 18081\n", "\ntaskmanager.numberOfTaskSlots: 3\n");
        assertThat(conf.resolve("log4j.properties")).content().contains("${sys:log.file}");
    }

    @Test
    void theOpensAreThePomsList() throws Exception {
        String pom = Files.readString(Path.of(System.getProperty("user.dir"), "pom.xml"));
        Matcher m = Pattern.compile("<ckpt.opens>(.*?)</ckpt.opens>").matcher(pom);
        assertThat(m.find()).isTrue();
        assertThat(FlinkCommand.OPENS).containsExactly(m.group(1).trim().split("\\s+"));
    }

    @Test
    void theClusterClassPathHasFlinksJarsButNotTheProjectsCode() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("target/classes"));
        String cp = String.join(File.pathSeparator, classes.toString(), "/x/ckpt-repl.jar",
                "/m2/flink-runtime-2.3.0.jar", "", "/m2/jackson-core-2.18.2.jar", "/m2/some.zip");
        assertThat(FlinkCommand.classPath(cp)).isEqualTo("/m2/flink-runtime-2.3.0.jar" + File.pathSeparator
                + "/m2/jackson-core-2.18.2.jar");
        assertThatThrownBy(() -> FlinkCommand.classPath(classes.toString())).isInstanceOf(CkptException.class)
                .hasMessageContaining("flink-runtime");
        // and this JVM's real class path
        assertThat(FlinkCommand.classPath().split(File.pathSeparator)).allMatch(e -> e.endsWith(".jar"))
                .noneMatch(e -> e.contains("ckpt-repl"));
    }
}
