package ckpt.shell;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Versions for the banner, read from the class path without loading (let alone starting) Flink or RocksDB. */
final class Versions {
    static final String SHELL = "0.1";

    private Versions() {
    }

    static String banner() {
        return "ckpt-repl " + SHELL + " · Flink " + flink() + " · RocksDB " + rocksdb() + " · Java "
                + Runtime.version().feature() + " — /help for commands, /help run for an example";
    }

    /** Flink's version as its own EnvironmentInformation reads it (same resource, without its logging). */
    static String flink() {
        try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(".flink-runtime.version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("project.version", "?");
            }
        } catch (IOException e) {
            // fall through
        }
        return "?";
    }

    /** RocksDB's version from the frocksdbjni jar that holds org.rocksdb.RocksDB (e.g. "8.10 (frocksdb)"). */
    static String rocksdb() {
        URL url = Versions.class.getClassLoader().getResource("org/rocksdb/RocksDB.class");
        if (url == null) {
            return "?";
        }
        Matcher m = Pattern.compile("(f?rocksdbjni)-(\\d+)\\.(\\d+)").matcher(url.toString());
        if (!m.find()) {
            return "?";
        }
        return m.group(2) + "." + m.group(3) + (m.group(1).startsWith("f") ? " (frocksdb)" : "");
    }
}
