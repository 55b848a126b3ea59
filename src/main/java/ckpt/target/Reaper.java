package ckpt.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Stops the JVMs of clusters whose owner died without stopping them, and removes those clusters' folders. The
 * watchdogs normally make the first part unnecessary; it covers what they cannot: a watchdog that was killed on its
 * own (by the OOM killer, by a {@code pkill sh}) before its owner died. The second part is always needed after an
 * owner was killed: it had no chance to remove its folder.
 */
final class Reaper {
    private static final Duration GRACE = Duration.ofSeconds(5);

    private Reaper() {
    }

    /** The folder holding one sub-folder per cluster: {@code ${ckpt.home:-.}/clusters}. */
    static Path clustersDir() {
        return Path.of(System.getProperty("ckpt.home", ".")).resolve("clusters").toAbsolutePath().normalize();
    }

    static List<ReapedCluster> reap(Path clustersDir) {
        List<ReapedCluster> reaped = new ArrayList<>();
        if (!Files.isDirectory(clustersDir)) {
            return reaped;
        }
        List<Path> dirs;
        try (Stream<Path> s = Files.list(clustersDir)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return reaped;
        }
        for (Path dir : dirs) {
            Optional<Registry> r = Registry.read(dir);
            if (r.isEmpty() || r.get().ownerAlive()) {
                continue; // not a cluster folder, or its owner still runs it
            }
            List<String> stopped = stop(r.get().processes());
            deleteRecursively(dir);
            if (!stopped.isEmpty()) {
                reaped.add(new ReapedCluster(r.get().cluster(), r.get().ownerPid(), stopped));
            }
        }
        removeSpansOfGoneShells(clustersDir);
        return reaped;
    }

    /**
     * The trace spans each shell's clusters wrote ({@code spans-<pid>.jsonl}, read for restore figures while that
     * shell runs): once the shell is gone nobody reads them. A pid taken again by another process keeps its file.
     */
    private static void removeSpansOfGoneShells(Path clustersDir) {
        try (Stream<Path> s = Files.list(clustersDir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                java.util.regex.Matcher m = SPANS.matcher(f.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // left for the next start
        }
    }

    private static final java.util.regex.Pattern SPANS = java.util.regex.Pattern.compile("spans-(\\d{1,18})\\.jsonl");

    /** SIGTERM to every live member, SIGKILL to those still there after the grace period. */
    private static List<String> stop(List<Registry.Member> members) {
        List<String> stopped = new ArrayList<>();
        List<ProcessHandle> live = new ArrayList<>();
        for (Registry.Member m : members) {
            m.live().ifPresent(h -> {
                live.add(h);
                stopped.add(m.name() + " (pid " + m.pid() + ")");
                h.destroy();
            });
        }
        long end = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle h : live) {
            while (h.isAlive() && System.nanoTime() < end) {
                sleep(100);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        // A watchdog whose JVM is gone ends by itself; one whose JVM we just stopped too.
        return stopped;
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a file still open by a dying JVM is removed on the next reap
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
