package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.util.bash.BashJavaUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flink's memory derivation in this JVM gives exactly what Flink's BashJavaUtils prints as a process. */
class ResourceParamsTest {
    @TempDir
    Path dir;

    @Test
    void inProcessOutputEqualsTheBashJavaUtilsProcessByteForByte() throws Exception {
        for (Map<String, String> extra : List.of(Map.<String, String>of(), Map.of(
                "taskmanager.memory.process.size", "2g", "taskmanager.memory.managed.size", "300m",
                "jobmanager.memory.process.size", "900m", "taskmanager.cpu.cores", "1.5"))) {
            Path conf = dir.resolve("conf" + extra.size());
            ClusterConfig.write(conf, ClusterConfig.of(2, 1, 2, dir.resolve("tmp"), extra));

            ResourceParams tm = ResourceParams.taskManager(conf);
            ResourceParams jm = ResourceParams.jobManager(conf);
            assertThat(tm.bashJavaUtilsLines()).isEqualTo(bashJavaUtils("GET_TM_RESOURCE_PARAMS", conf));
            assertThat(jm.bashJavaUtilsLines()).isEqualTo(bashJavaUtils("GET_JM_RESOURCE_PARAMS", conf));

            assertThat(tm.jvmArgs()).hasSize(4).anyMatch(a -> a.startsWith("-Xmx")).anyMatch(a -> a.startsWith("-Xms"))
                    .anyMatch(a -> a.startsWith("-XX:MaxDirectMemorySize=")).anyMatch(a -> a.startsWith("-XX:MaxMetaspaceSize="));
            assertThat(tm.dynamicArgs()).contains("-D", "taskmanager.numberOfTaskSlots=2")
                    .anyMatch(a -> a.startsWith("taskmanager.cpu.cores="));
            assertThat(jm.jvmArgs()).anyMatch(a -> a.startsWith("-Xmx"));
            if (!extra.isEmpty()) {
                assertThat(tm.dynamicArgs()).contains("taskmanager.memory.managed.size=314572800b",
                        "taskmanager.cpu.cores=1.5");
            } else {
                // without a CPU setting Flink falls back to the slot count, as the scripts would see it
                assertThat(tm.dynamicArgs()).contains("taskmanager.cpu.cores=2.0");
            }
        }
    }

    @Test
    void aMemoryConfigurationFlinkRejectsIsOneLineNamingTheFile() {
        Path conf = dir.resolve("bad");
        ClusterConfig.write(conf, ClusterConfig.of(2, 1, 2, dir.resolve("tmp"),
                Map.of("taskmanager.memory.process.size", "100m")));
        assertThatThrownBy(() -> ResourceParams.taskManager(conf)).isInstanceOf(CkptException.class)
                .hasMessageStartingWith("Flink rejects the TaskManager memory settings in " + conf.resolve("config.yaml"))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    /** The real thing: {@code java -cp CP BashJavaUtils COMMAND --configDir CONF}, its prefixed stdout lines. */
    private List<String> bashJavaUtils(String command, Path conf) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(FlinkCommand.java(), "-Dlog.file=" + dir.resolve("bash-java-utils.log"),
                "-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"),
                "-classpath", FlinkCommand.classPath(), BashJavaUtils.class.getName(), command, "--configDir",
                conf.toString()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        List<String> lines = out.lines().filter(l -> l.startsWith(BashJavaUtils.EXECUTION_PREFIX)).toList();
        assertThat(lines).as(out).hasSize(2);
        return lines;
    }
}
