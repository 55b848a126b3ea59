package ckpt.config;

import ckpt.error.CkptException;
import ckpt.text.Suggestions;
import ckpt.text.Visible;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.RestartStrategyOptions;

/**
 * Every Flink configuration option on the class path, found by reflection over Flink's own options classes (the
 * public static {@link ConfigOption} fields of classes named {@code *Options}, {@code *Config} or
 * {@code *Parameters} in Flink's jars — the rule Flink's own documentation generator uses), so the catalog cannot
 * drift from the Flink that runs the job. Built once, on first use (about a second).
 *
 * <p>{@link #validate} checks {@code experiment().config(key, value)}: an unknown key fails with "did you mean";
 * a value is parsed by Flink's own parser, and its message is the one shown. Keys under a few namespaces that
 * Flink reads by prefix (file-system plugins, Hadoop) cannot be listed and pass. Keys the cluster's processes read
 * only at their start (TaskManager memory, reporters, REST, …) are refused: a job cannot change them.
 */
public final class FlinkOptions {
    /** Namespaces whose keys are read by prefix (reporters by name, file-system plugins): not in any options class. */
    public static final List<String> OPEN_PREFIXES = List.of("metrics.reporter.", "traces.reporter.",
            "events.reporter.", "s3.", "s3a.", "s3n.", "s3p.", "gs.", "fs.", "oss.", "azure.", "flink.hadoop.",
            "hadoop.", "env.java.opts");

    private static final Pattern OPTIONS_CLASS = Pattern.compile(
            "org/apache/flink/(?!shaded/)[\\w/]*/[A-Z]\\w*(Options|Config|Parameters)\\.class");

    private FlinkOptions() {
    }

    /** The option for a key (also a deprecated or fallback key), if Flink on the class path has one. */
    public static Optional<ConfigOption<?>> find(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(Holder.OPTIONS.get(key.trim()));
    }

    /** How many keys the catalog knows (for the record and for tests). */
    public static int size() {
        return Holder.OPTIONS.size();
    }

    /**
     * Checks a Flink option for an experiment and returns the key as it should be stored (trimmed). An unknown
     * key fails with the closest known keys; a value Flink's parser refuses fails with Flink's message.
     */
    public static String validate(String key, String value) {
        String k = known(key, value);
        refuseProcessKey(k);
        return k;
    }

    /**
     * Checks a key for the configuration of a local cluster the tool starts ({@code localCluster(2, 2, config)}):
     * a known key with a value Flink's parser takes, as for {@link #validate}, but one the cluster's processes read
     * when they start — that is what a cluster's configuration is for. A job setting fails with the setter that
     * sets it per run, and a key the tool sets for every local cluster fails with the reason.
     */
    public static String validateClusterKey(String key, String value) {
        return validateClusterKey("localCluster(…, config)", key, value);
    }

    /**
     * As {@link #validateClusterKey(String, String)}, with the place the key came from leading each message
     * ({@code "localCluster(…, config)"}, or {@code "-D"} on bin/ckpt-repl's command line).
     */
    public static String validateClusterKey(String where, String key, String value) {
        String k;
        try {
            k = known(key, value);
        } catch (CkptException e) {
            // "config KEY 'VALUE': …" becomes "-D KEY 'VALUE': …"; other messages get the place in front
            String m = e.getMessage();
            throw new CkptException(m.startsWith("config ") ? where + m.substring("config".length()) : where + ": " + m);
        }
        String owned = TOOL_OWNED_CLUSTER_KEYS.entrySet().stream().filter(e -> k.startsWith(e.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (owned != null) {
            throw new CkptException(where + ": '" + k + "' is set by the tool for every local cluster ("
                    + owned + ") — leave it out");
        }
        if (!processKey(k)) {
            throw new CkptException(where + ": '" + k + "' is a job setting, not one of the cluster's"
                    + " processes — experiment().config(\"" + k + "\", \"" + Visible.line(value.trim())
                    + "\") sets it per run");
        }
        return k;
    }

    /**
     * Keys of a local cluster's configuration that the tool writes itself, by prefix, with why: a user's value would
     * break what the tool relies on.
     */
    static final Map<String, String> TOOL_OWNED_CLUSTER_KEYS = ownedClusterKeys();

    private static Map<String, String> ownedClusterKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        String loopback = "every server binds to 127.0.0.1, on ports the tool picks free";
        for (String k : List.of("jobmanager.rpc.address", "jobmanager.rpc.port", "jobmanager.bind-host",
                "taskmanager.host", "taskmanager.bind-host", "rest.address", "rest.bind-address", "rest.port",
                "rest.bind-port")) {
            m.put(k, loopback);
        }
        m.put("taskmanager.numberOfTaskSlots", "the shape: localCluster(taskManagers, slots)");
        m.put("io.tmp.dirs", "scratch space inside the cluster's folder, removed with it");
        m.put("traces.reporter.", "runs read restore and failover costs from its spans");
        m.put("env.java.default-opts.", "the JVM flags Flink needs on Java 17; env.java.opts.all adds yours");
        m.put("high-availability.", "a local cluster runs one JobManager without high availability");
        return Collections.unmodifiableMap(m);
    }

    /** A known key (or one under an open prefix) with a value Flink's parser takes; returns the key trimmed. */
    private static String known(String key, String value) {
        if (key == null || key.isBlank()) {
            throw new CkptException("config: the key is empty — e.g. config(\"execution.checkpointing.timeout\", \"10min\")");
        }
        String k = key.trim();
        if (value == null) {
            throw new CkptException("config(" + Visible.line(k) + ", value): value is null");
        }
        String v = value.trim();
        ConfigOption<?> option = Holder.OPTIONS.get(k);
        if (option == null) {
            if (OPEN_PREFIXES.stream().anyMatch(k::startsWith)) {
                return k;
            }
            List<String> near = Suggestions.closest(k, Holder.SPELLINGS, 3);
            throw new CkptException("unknown Flink option '" + Visible.line(k) + "'"
                    + (near.isEmpty() ? " — Flink " + org.apache.flink.runtime.util.EnvironmentInformation.getVersion()
                            + " has no such key" : " — did you mean " + Suggestions.orList(near) + "?"));
        }
        try {
            Configuration.fromMap(Map.of(k, v)).get(option);
        } catch (IllegalArgumentException e) {
            throw new CkptException("config " + k + " '" + Visible.line(v) + "': " + flinkMessage(e));
        }
        if (option.equals(RestartStrategyOptions.RESTART_STRATEGY)) {
            restartStrategy(v); // a string to Flink's parser, so an unknown one would only fail the job
        }
        return k;
    }

    /**
     * Namespaces of keys that a JobManager or TaskManager reads from its own configuration when the process starts
     * (memory, slots, network, RPC, REST, reporters, JVM options), never from a job's: set on a run, they would be
     * ignored without a word, and the run would measure a cluster other than the one the user meant.
     */
    static final List<String> PROCESS_PREFIXES = List.of("taskmanager.", "jobmanager.memory.", "jobmanager.rpc.",
            "jobmanager.bind-host", "rest.", "web.", "blob.", "pekko.", "high-availability.", "security.",
            "resourcemanager.", "slotmanager.", "metrics.reporter", "metrics.fetcher.", "metrics.scope.",
            "traces.reporter", "events.reporter", "env.java.", "io.tmp.dirs", "process.");
    /** Keys under those namespaces that Flink does read from the job (managed memory's split between uses). */
    private static final List<String> JOB_READ = List.of("taskmanager.memory.managed.consumer-weights",
            "taskmanager.runtime.");

    /** Whether the cluster's processes read the key at their start (and a job's configuration cannot set it). */
    static boolean processKey(String k) {
        return PROCESS_PREFIXES.stream().anyMatch(k::startsWith) && JOB_READ.stream().noneMatch(k::startsWith);
    }

    private static void refuseProcessKey(String k) {
        if (processKey(k)) {
            throw new CkptException("config(\"" + Visible.line(k) + "\", …): a setting of the cluster's processes —"
                    + " Flink reads it when a JobManager or TaskManager starts, never from a job's configuration,"
                    + " so a run cannot change it; " + (k.startsWith("taskmanager.memory.managed.")
                    ? "managedMemory(\"512m\") sets the managed memory of the clusters the tool starts"
                    : "set it in the configuration of the cluster you run on — for a local cluster the tool starts,"
                    + " localCluster(2, 2, Map.of(\"" + Visible.line(k) + "\", \"…\"))"));
        }
    }

    /** Flink's restart strategy type for a value of restart-strategy.type, or a one-line error naming the allowed. */
    public static RestartStrategyOptions.RestartStrategyType restartStrategy(String value) {
        try {
            return RestartStrategyOptions.RestartStrategyType.of(value.trim());
        } catch (IllegalArgumentException e) {
            List<String> allowed = new java.util.ArrayList<>();
            for (RestartStrategyOptions.RestartStrategyType t : RestartStrategyOptions.RestartStrategyType.values()) {
                allowed.add(t.getMainValue());
            }
            throw new CkptException("config " + RestartStrategyOptions.RESTART_STRATEGY.key() + " '"
                    + Visible.line(value) + "': allowed values are " + String.join(", ", allowed));
        }
    }

    /** Flink's message and, when it adds something, its cause's ("Could not parse value … : text cannot be…"). */
    private static String flinkMessage(Throwable e) {
        String m = String.valueOf(e.getMessage()).strip();
        Throwable c = e.getCause();
        if (c != null && c.getMessage() != null && !m.contains(c.getMessage().strip())) {
            m = m.replaceAll("\\.$", "") + ": " + c.getMessage().strip();
        }
        return Visible.line(m);
    }

    private static final class Holder {
        static final Map<String, ConfigOption<?>> OPTIONS = scan();
        /** key → key, what suggestions are drawn from. */
        static final Map<String, String> SPELLINGS = spellings();

        private static Map<String, String> spellings() {
            Map<String, String> out = new LinkedHashMap<>();
            OPTIONS.keySet().forEach(k -> out.put(k, k));
            return out;
        }
    }

    private static Map<String, ConfigOption<?>> scan() {
        Map<String, ConfigOption<?>> out = new LinkedHashMap<>();
        ClassLoader loader = FlinkOptions.class.getClassLoader();
        for (String jar : flinkJars(loader)) {
            try (JarFile jf = new JarFile(jar)) {
                for (JarEntry e : Collections.list(jf.entries())) {
                    if (OPTIONS_CLASS.matcher(e.getName()).matches()) {
                        String name = e.getName().substring(0, e.getName().length() - 6).replace('/', '.');
                        addOptions(name, loader, out);
                    }
                }
            } catch (IOException e) {
                // an unreadable jar holds no options we could check against
            }
        }
        return out;
    }

    private static void addOptions(String className, ClassLoader loader, Map<String, ConfigOption<?>> out) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            List<Field> fields = new ArrayList<>();
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) && Modifier.isPublic(mod) && f.getType() == ConfigOption.class) {
                    fields.add(f);
                }
            }
            for (Field f : fields) {
                ConfigOption<?> o = (ConfigOption<?>) f.get(null); // initializes the class: option holders only
                out.putIfAbsent(o.key(), o);
                for (FallbackKey fk : o.fallbackKeys()) {
                    out.putIfAbsent(fk.getKey(), o);
                }
            }
        } catch (Throwable t) {
            // a class needing what is not on the class path (an optional dependency): its options cannot apply
        }
    }

    /** The Flink jars on the class path, found through their manifests (independent of java.class.path). */
    private static List<String> flinkJars(ClassLoader loader) {
        List<String> out = new ArrayList<>();
        try {
            Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                URL u = manifests.nextElement();
                if (!u.getProtocol().equals("jar")) {
                    continue;
                }
                String file = ((JarURLConnection) u.openConnection()).getJarFileURL().getPath();
                String name = file.substring(file.lastIndexOf('/') + 1);
                if (name.startsWith("flink-") && name.endsWith(".jar")) {
                    out.add(java.net.URLDecoder.decode(file, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            // no jars found: every key will be unknown, which the message says
        }
        return out;
    }
}
