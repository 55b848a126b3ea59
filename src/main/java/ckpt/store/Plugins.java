package ckpt.store;

import ckpt.error.CkptException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.core.plugin.PluginManager;

/**
 * Flink's plugins (the S3 file system), laid out as a distribution lays them out: {@code plugins/<name>/<jar>}.
 * The build copies them to {@code target/plugins} (never onto the class path); every JVM loads them through
 * Flink's plugin class loaders: the local cluster's JVMs from {@code FLINK_PLUGINS_DIR}, this JVM (the embedded
 * MiniCluster, and the shell's own reads of checkpoint storage) through {@link #initializeFileSystems}, which
 * does what Flink's entrypoints do with {@code PluginUtils}.
 */
public final class Plugins {
    /** Overrides where the plugins folder is (default: {@code plugins/} next to the project's classes). */
    public static final String PROPERTY = "ckpt.plugins";
    private static Map<String, String> current;

    private Plugins() {
    }

    /** The plugins folder: -Dckpt.plugins, else {@code target/plugins} beside target/classes or the launcher jar. */
    public static Path dir() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Path.of(p).toAbsolutePath();
        }
        try {
            Path code = Path.of(Plugins.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.toAbsolutePath().getParent().resolve("plugins");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("target", "plugins").toAbsolutePath();
        }
    }

    /** Whether an S3 file system plugin ({@code plugins/s3-fs-*}) is there (the build puts one there). */
    public static boolean hasS3() {
        try (Stream<Path> s = Files.isDirectory(dir()) ? Files.list(dir()) : Stream.empty()) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith("s3-fs-"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * (Re)initializes Flink's file systems in this JVM with the plugins and the file system keys among these
     * ({@code s3.*}, {@code fs.*}), added to those already in force, unless nothing changes. File system settings are
     * process-wide in Flink, as they are for a TaskManager; call it between runs, not during one.
     */
    public static synchronized void initializeFileSystems(Map<String, String> keys) {
        Map<String, String> next = new java.util.TreeMap<>(current == null ? Map.of() : current);
        keys.forEach((k, v) -> {
            if (k.startsWith("s3.") || k.startsWith("fs.")) {
                next.put(k, v);
            }
        });
        if (current != null && current.equals(next)) {
            return;
        }
        Configuration c = new Configuration();
        next.forEach(c::setString);
        FileSystem.initialize(c, pluginManager(c));
        current = Map.copyOf(next);
    }

    /** The file system keys in force in this JVM (empty before the first initialization). */
    public static synchronized Map<String, String> fileSystemKeys() {
        return current == null ? Map.of() : current;
    }

    /** Flink's plugin manager over {@link #dir()}, as {@code PluginUtils} builds it from FLINK_PLUGINS_DIR. */
    public static PluginManager pluginManager(Configuration c) {
        try {
            return new DefaultPluginManager(new DirectoryBasedPluginFinder(dir()).findPlugins(),
                    PluginConfig.fromConfiguration(c).getAlwaysParentFirstPatterns());
        } catch (IOException e) {
            throw new CkptException("cannot read Flink's plugins in " + dir() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lays the plugins out in another plugins folder (a local cluster's), one sub-folder per plugin, with hard links
     * where the file system allows them (the S3 plugin is 15 MB) and copies otherwise.
     */
    public static void populate(Path target) {
        Path source = dir();
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> plugins = Files.list(source)) {
            for (Path plugin : plugins.filter(Files::isDirectory).toList()) {
                Path to = Files.createDirectories(target.resolve(plugin.getFileName().toString()));
                try (Stream<Path> jars = Files.list(plugin)) {
                    for (Path jar : jars.toList()) {
                        Path link = to.resolve(jar.getFileName().toString());
                        if (Files.exists(link)) {
                            continue;
                        }
                        try {
                            Files.createLink(link, jar);
                        } catch (IOException | UnsupportedOperationException e) {
                            Files.copy(jar, link);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new CkptException("cannot lay out Flink's plugins in " + target + ": " + e.getMessage(), e);
        }
    }
}
