package ckpt.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A jar of one package's classes (not its sub-packages), taken from wherever the package was loaded from — the
 * classes folder of a build or the launcher's jar — plus any extra entries (e.g. a ServiceLoader file). This is how
 * code reaches a cluster that does not have the project on its class path: the measured job (submitted with the
 * job) and the trace reporter (a Flink plugin). Same classes, same bytes.
 */
public final class PackageJar {
    private PackageJar() {
    }

    /** The jar's bytes: every class of {@code anchor}'s package, and the extra entries (name → text). */
    public static byte[] of(Class<?> anchor, Map<String, String> extra) throws IOException {
        return of(anchor, extra, Map.of());
    }

    /**
     * As above, plus entries given as bytes (name → bytes), e.g. the snippet classes a user's functions need
     * ({@code ckpt.usercode.SnippetJar#entries}). An entry of the package's own wins over an extra of that name.
     */
    public static byte[] of(Class<?> anchor, Map<String, String> extra, Map<String, byte[]> binary)
            throws IOException {
        String pkg = anchor.getPackageName().replace('.', '/') + "/";
        Map<String, byte[]> entries = classes(anchor, pkg);
        if (entries.isEmpty()) {
            throw new IOException("no classes of " + pkg + " next to " + anchor.getName()
                    + " — rebuild with mvn -DskipTests process-classes");
        }
        binary.forEach(entries::putIfAbsent);
        extra.forEach((name, text) -> entries.put(name, text.getBytes(StandardCharsets.UTF_8)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out)) {
            for (Map.Entry<String, byte[]> c : entries.entrySet()) {
                JarEntry entry = new JarEntry(c.getKey());
                entry.setTime(0);
                jar.putNextEntry(entry);
                jar.write(c.getValue());
                jar.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static Map<String, byte[]> classes(Class<?> anchor, String pkg) throws IOException {
        Path source;
        try {
            source = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Map<String, byte[]> out = new TreeMap<>();
        if (Files.isDirectory(source)) {
            try (Stream<Path> files = Files.list(source.resolve(pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    out.put(pkg + f.getFileName(), Files.readAllBytes(f));
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (name.startsWith(pkg) && name.endsWith(".class") && name.indexOf('/', pkg.length()) < 0) {
                        try (InputStream in = jar.getInputStream(e)) {
                            out.put(name, in.readAllBytes());
                        }
                    }
                }
            }
        }
        return out;
    }
}
