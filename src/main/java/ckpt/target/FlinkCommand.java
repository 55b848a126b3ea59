package ckpt.target;

import ckpt.error.CkptException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line of one cluster JVM, assembled the way Flink's {@code flink-daemon.sh} does it:
 * {@code java $JVM_ARGS $FLINK_ENV_JAVA_OPTS -Dlog.file=… -Dlog4j.configurationFile=… -classpath CP MAIN ARGS}.
 */
public final class FlinkCommand {
    static final String JOBMANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /** Flink on Java 17 needs these (the same list as the pom's ckpt.opens and bin/ckpt-repl). */
    static final List<String> OPENS = List.of("java.lang", "java.util", "java.lang.reflect", "java.io", "java.net",
                    "java.nio", "sun.nio.ch", "java.text", "java.time", "java.util.concurrent",
                    "java.util.concurrent.atomic", "java.util.concurrent.locks").stream()
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED").toList();

    private FlinkCommand() {
    }

    /** The same java binary as this JVM's. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * This JVM's class path without the project's own code: jobs reach the cluster as jars, so the cluster must
     * not find {@code ckpt.*} classes on its own class path (a job would then run with the wrong loader).
     * Directories (target/classes, target/test-classes) and the launcher's ckpt-repl.jar are dropped.
     */
    static String classPath() {
        return classPath(System.getProperty(LAUNCH_CLASS_PATH, System.getProperty("java.class.path", "")));
    }

    /**
     * The class path this JVM was launched with, as its entry point recorded it: the shell swaps
     * {@code java.class.path} for a moment while it builds JShell's compiler, and a cluster starting in the background
     * must not see that value.
     */
    public static final String LAUNCH_CLASS_PATH = "ckpt.launch.classpath";

    static String classPath(String parentClassPath) {
        List<String> kept = new ArrayList<>();
        for (String entry : parentClassPath.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path p = Path.of(entry);
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (Files.isDirectory(p) || !name.endsWith(".jar") || name.startsWith("ckpt-repl")) {
                continue;
            }
            kept.add(entry);
        }
        if (kept.stream().noneMatch(e -> Path.of(e).getFileName().toString().startsWith("flink-runtime-"))) {
            throw new CkptException("cannot start a local Flink cluster: flink-runtime is not on this JVM's class path");
        }
        return String.join(File.pathSeparator, kept);
    }

    /**
     * @param role {@code jobmanager} or {@code taskmanager}: selects {@code env.java.opts.<role>}
     * @param config the cluster's configuration (for {@code env.java.*} options)
     * @param args entrypoint arguments after the main class
     */
    static List<String> of(String mainClass, String role, ResourceParams params, Map<String, String> config,
            Path confDir, Path logFile, Path tmpDir, String classPath, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(java());
        cmd.addAll(params.jvmArgs());
        // FLINK_ENV_JAVA_OPTS: the default opts, then the user's, then the role's (config.sh's order).
        for (String key : List.of("env.java.default-opts.all", "env.java.opts.all", "env.java.opts." + role)) {
            String v = config.get(key);
            if (v != null && !v.isBlank()) {
                cmd.addAll(Arrays.asList(v.trim().split("\\s+")));
            }
        }
        cmd.add("-Djava.io.tmpdir=" + tmpDir);
        cmd.add("-Dlog.file=" + logFile);
        cmd.add("-Dlog4j.configuration=file:" + confDir.resolve("log4j.properties"));
        cmd.add("-Dlog4j.configurationFile=file:" + confDir.resolve("log4j.properties"));
        cmd.add("-classpath");
        cmd.add(classPath);
        cmd.add(mainClass);
        cmd.add("--configDir");
        cmd.add(confDir.toString());
        cmd.addAll(args);
        return cmd;
    }
}
