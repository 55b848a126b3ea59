package ckpt.target;

import ckpt.error.CkptException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.bash.BashJavaUtils;
import org.apache.flink.runtime.util.bash.FlinkConfigLoader;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.flink.util.FlinkException;

/**
 * The JVM memory flags and dynamic properties Flink's scripts give a JobManager or TaskManager. The scripts get
 * them by running {@code BashJavaUtils GET_TM_RESOURCE_PARAMS|GET_JM_RESOURCE_PARAMS --configDir CONF} as a
 * separate JVM; this calls the very same Flink methods in this JVM (same config loader, same process spec, same
 * string generators), saving a JVM start per call. A test compares both outputs byte for byte.
 *
 * @param jvmLine the first result line, e.g. {@code -Xmx… -Xms… -XX:MaxDirectMemorySize=… -XX:MaxMetaspaceSize=…}
 * @param dynamicLine the second result line, {@code -D key=value …}
 */
record ResourceParams(String jvmLine, String dynamicLine) {

    /** What {@code BashJavaUtils GET_TM_RESOURCE_PARAMS --configDir confDir} computes. */
    static ResourceParams taskManager(Path confDir) {
        try {
            TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(load(confDir));
            return new ResourceParams(ProcessMemoryUtils.generateJvmParametersStr(spec),
                    TaskExecutorProcessUtils.generateDynamicConfigsStr(spec));
        } catch (IllegalConfigurationException e) {
            throw rejected("TaskManager", confDir, e);
        }
    }

    /** What {@code BashJavaUtils GET_JM_RESOURCE_PARAMS --configDir confDir} computes. */
    static ResourceParams jobManager(Path confDir) {
        try {
            Configuration conf = load(confDir);
            JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
            return new ResourceParams(JobManagerProcessUtils.generateJvmParametersStr(spec, conf),
                    JobManagerProcessUtils.generateDynamicConfigsStr(spec));
        } catch (IllegalConfigurationException e) {
            throw rejected("JobManager", confDir, e);
        }
    }

    private static Configuration load(Path confDir) {
        try {
            // The loader BashJavaUtils itself uses: config.yaml plus -D arguments (none here).
            return FlinkConfigLoader.loadConfiguration(new String[] {"--configDir", confDir.toString()});
        } catch (FlinkException e) {
            throw new CkptException("could not read " + confDir.resolve("config.yaml") + ": " + e.getMessage(), e);
        }
    }

    private static CkptException rejected(String role, Path confDir, Exception e) {
        String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new CkptException("Flink rejects the " + role + " memory settings in "
                + confDir.resolve("config.yaml") + ": " + why, e);
    }

    /** JVM arguments, split the way the scripts' unquoted {@code $JVM_ARGS} is split by the shell. */
    List<String> jvmArgs() {
        return words(jvmLine);
    }

    /** Entrypoint arguments ({@code -D}, {@code key=value}, …), split like the scripts' {@code $DYNAMIC_PARAMETERS}. */
    List<String> dynamicArgs() {
        return words(dynamicLine);
    }

    /** The lines BashJavaUtils prints on standard output, prefix included. */
    List<String> bashJavaUtilsLines() {
        return List.of(BashJavaUtils.EXECUTION_PREFIX + jvmLine, BashJavaUtils.EXECUTION_PREFIX + dynamicLine);
    }

    private static List<String> words(String line) {
        return line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+"));
    }
}
