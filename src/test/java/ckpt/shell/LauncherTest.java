package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/ckpt-repl itself (real bash, real symlinks): it finds its checkout through links, and it names the JDK it
 * needs instead of failing obscurely on an old one. {@code --which} answers without building or starting a JVM.
 */
class LauncherTest {
    @TempDir
    Path dir;

    private static final Path LAUNCHER = Processes.home().resolve("bin/ckpt-repl").toAbsolutePath();

    private static Processes.Result launch(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(script.getParent().toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = Processes.slurp(p.getInputStream());
        String err = Processes.slurp(p.getErrorStream());
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Processes.Result(p.exitValue(), out, err);
    }

    @Test
    void findsItsCheckoutThroughAbsoluteRelativeAndChainedSymlinks() throws Exception {
        Path home = Processes.home().toRealPath();
        Path bin = Files.createDirectories(dir.resolve("home/me/bin"));
        Path absolute = Files.createSymbolicLink(bin.resolve("ckpt-repl"), LAUNCHER);
        // a relative link, and a link to that link, from another folder
        Path other = Files.createDirectories(dir.resolve("opt/tools"));
        Path relative = Files.createSymbolicLink(other.resolve("ckpt"), other.relativize(absolute));
        Path chained = Files.createSymbolicLink(dir.resolve("c"), relative);
        for (Path link : List.of(absolute, relative, chained)) {
            Processes.Result r = launch(link, Map.of(), "--which");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            assertThat(r.stdout()).as("through " + link).startsWith("home " + home + "\n").contains("java ");
        }
    }

    @Test
    void anOldJdkIsRefusedByNameBeforeAnythingIsBuilt() throws Exception {
        // a JDK 11 as far as the launcher can tell: its release file and a java that would fail if run
        Path jdk = Files.createDirectories(dir.resolve("jdk-11/bin"));
        Files.writeString(jdk.getParent().resolve("release"), "JAVA_VERSION=\"11.0.22\"\n");
        Path java = Files.writeString(jdk.resolve("java"), "#!/bin/sh\necho should not run >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Processes.Result r = launch(LAUNCHER, Map.of("JAVA_HOME", jdk.getParent().toString()));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("needs Java 17 or newer").contains(java + " is Java 11.0.22")
                .contains("JAVA_HOME").doesNotContain("should not run").doesNotContain("building");
    }
}
