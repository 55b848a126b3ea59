package ckpt.shell;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * The class path snippets compile against, in two tiers. javac indexes every jar on its class path the first
 * time it resolves a package, and Flink's 60 jars hold ~55,000 entries: most of the compiler's start-up. The
 * <b>core</b> tier — the project's own classes plus Tablesaw and the jars its API signatures mention — is what
 * the helpers need and is there from the first snippet; the <b>rest</b> (Flink and friends) is added in the
 * background once the prompt is up, or at once when a snippet does not compile without it.
 */
final class ClassPath {
    /** Jars in the core tier (besides folders and the project's own jar). */
    private static final Pattern CORE = Pattern.compile(
            "(^|[/\\\\])(tablesaw-core|fastutil|RoaringBitmap|ckpt-repl)[^/\\\\]*\\.jar$");

    private final List<String> core = new ArrayList<>();
    private final List<String> rest = new ArrayList<>();

    private ClassPath(List<String> entries) {
        for (String e : entries) {
            if (e.isBlank()) {
                continue;
            }
            (new File(e).isDirectory() || CORE.matcher(e).find() ? core : rest).add(e);
        }
    }

    /** From -Dckpt.classpath, else the JVM's class path (a lone manifest-only jar, as test runners use, expanded). */
    static ClassPath current() {
        String cp = System.getProperty("ckpt.classpath");
        if (cp == null || cp.isBlank()) {
            cp = System.getProperty("java.class.path", "");
        }
        List<String> entries = new ArrayList<>(Arrays.asList(cp.split(File.pathSeparator)));
        if (entries.size() == 1 && entries.get(0).endsWith(".jar")) {
            entries.addAll(manifestClassPath(entries.get(0)));
        }
        return new ClassPath(entries);
    }

    static ClassPath of(List<String> entries) {
        return new ClassPath(entries);
    }

    private static List<String> manifestClassPath(String jar) {
        List<String> out = new ArrayList<>();
        try (JarFile jf = new JarFile(jar)) {
            Manifest m = jf.getManifest();
            String attr = m == null ? null : m.getMainAttributes().getValue("Class-Path");
            if (attr == null) {
                return out;
            }
            Path base = Path.of(jar).toAbsolutePath().getParent();
            for (String item : attr.trim().split("\\s+")) {
                try {
                    URI uri = base.toUri().resolve(item);
                    out.add(Path.of(uri).toString());
                } catch (RuntimeException e) {
                    out.add(item);
                }
            }
        } catch (IOException e) {
            // not a readable jar: nothing to expand
        }
        return out;
    }

    String core() {
        return String.join(File.pathSeparator, core);
    }

    List<String> rest() {
        return List.copyOf(rest);
    }
}
