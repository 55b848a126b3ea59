package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.io.PackageJar;
import ckpt.job.StateJob;
import ckpt.usercode.SnippetJar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The slim jar the measured job ships in: every class of {@code ckpt.job} and nothing else (that package depends
 * on Flink only). A cluster loads it with its user-code class loader, so the job runs the same on the embedded
 * MiniCluster, on the local cluster's JVMs — whose class path has no project classes — and on a remote cluster.
 */
final class JobJar {
    private static byte[] cached;

    private JobJar() {
    }

    /**
     * Writes the job jar into the folder (each run keeps the exact jar that ran) and returns its path. With
     * {@code snippets}, the classes the shell's snippets defined go along too (a user's function or pipeline names
     * them, and no cluster's class loader can see the shell's).
     */
    static Path write(Path folder, boolean snippets) {
        Path jar = folder.resolve("job.jar");
        try {
            Map<String, byte[]> classes = snippets ? SnippetJar.entries() : Map.of();
            Files.write(jar, classes.isEmpty() ? bytes() : PackageJar.of(StateJob.class, Map.of(), classes));
        } catch (IOException e) {
            throw new CkptException("cannot write " + jar + ": " + e.getMessage());
        }
        return jar;
    }

    private static synchronized byte[] bytes() throws IOException {
        if (cached == null) {
            cached = PackageJar.of(StateJob.class, Map.of());
        }
        return cached;
    }
}
