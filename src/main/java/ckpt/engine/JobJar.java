package ckpt.engine;

import ckpt.CkptException;
import ckpt.job.StateJob;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The slim jar the measured job ships in: every class of {@code ckpt.job} and nothing else (that package depends
 * on Flink only). A cluster loads it with its user-code class loader, so the job runs the same on the embedded
 * MiniCluster, on the local cluster's JVMs — whose class path has no project classes — and on a remote cluster.
 */
final class JobJar {
    private static final String PACKAGE = StateJob.class.getPackageName().replace('.', '/') + "/";
    private static byte[] cached;

    private JobJar() {
    }

    /** Writes the job jar into the folder (each run keeps the exact jar that ran) and returns its path. */
    static Path write(Path folder) {
        Path jar = folder.resolve("job.jar");
        try {
            Files.write(jar, bytes());
        } catch (IOException e) {
            throw new CkptException("cannot write " + jar + ": " + e.getMessage());
        }
        return jar;
    }

    private static synchronized byte[] bytes() throws IOException {
        if (cached == null) {
            Map<String, byte[]> classes = classes();
            if (classes.isEmpty()) {
                throw new CkptException("the job's classes (" + PACKAGE + ") were not found next to "
                        + StateJob.class.getName() + " — rebuild with mvn -DskipTests process-classes");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (JarOutputStream jar = new JarOutputStream(out)) {
                for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                    JarEntry entry = new JarEntry(c.getKey());
                    entry.setTime(0); // same classes, same bytes
                    jar.putNextEntry(entry);
                    jar.write(c.getValue());
                    jar.closeEntry();
                }
            }
            cached = out.toByteArray();
        }
        return cached;
    }

    /** The package's class files, from the classes folder or the jar StateJob was loaded from. */
    private static Map<String, byte[]> classes() throws IOException {
        Path source;
        try {
            source = Path.of(StateJob.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        Map<String, byte[]> out = new TreeMap<>();
        if (Files.isDirectory(source)) {
            Path pkg = source.resolve(PACKAGE);
            try (Stream<Path> files = Files.list(pkg)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                    out.put(PACKAGE + f.getFileName(), Files.readAllBytes(f));
                }
            }
        } else {
            try (JarFile jar = new JarFile(source.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    String name = e.getName();
                    if (name.startsWith(PACKAGE) && name.endsWith(".class") && name.indexOf('/', PACKAGE.length()) < 0) {
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
