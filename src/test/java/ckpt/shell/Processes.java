package ckpt.shell;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The shell as its own process, started the way bin/ckpt-repl starts it (without the build step). */
final class Processes {
    private Processes() {
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Path home() {
        return Path.of(System.getProperty("user.dir"));
    }

    /** The launcher's JVM command line: target/classes plus the dependency class path, Flink's opens. */
    static List<String> javaCommand(String... args) throws IOException {
        Path home = home();
        String deps = Files.readString(home.resolve("target/classpath.txt")).strip();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String p : List.of("java.lang", "java.util", "java.lang.reflect", "java.io", "java.net", "java.nio",
                "sun.nio.ch", "java.text", "java.time", "java.util.concurrent", "java.util.concurrent.atomic",
                "java.util.concurrent.locks")) {
            cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        }
        cmd.add("-Dckpt.log=" + home.resolve("target/test-logs/shell-process.log"));
        cmd.add("-Dckpt.home=" + home);
        cmd.add("-Dckpt.runs=" + home.resolve("target/test-runs"));
        cmd.add("-Dckpt.history=" + home.resolve("target/test-logs/shell-history"));
        cmd.add("-cp");
        cmd.add(home.resolve("target/classes") + File.pathSeparator + deps);
        cmd.add("ckpt.shell.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs the shell with the given stdin (a pipe, not a terminal) and waits for it. */
    static Result run(String stdin, String... args) throws Exception {
        return exec(javaCommand(args), stdin, 120);
    }

    static Result exec(List<String> cmd, String stdin, int timeoutSeconds) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home().toFile());
        Process p = pb.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("process did not finish in " + timeoutSeconds + " s: " + cmd);
        }
        return new Result(p.exitValue(), out.get(), err.get());
    }

    static String slurp(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<" + e + ">";
        }
    }
}
