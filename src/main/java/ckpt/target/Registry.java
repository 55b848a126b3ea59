package ckpt.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The record a cluster leaves on disk ({@code cluster.json} in its folder under {@code ${ckpt.home}/clusters/}):
 * who owns it and which JVMs it started. It outlives its owner on purpose: a later session reads it to stop the
 * JVMs of an owner that died without a chance to clean up ({@link Reaper}).
 *
 * <p>Processes are identified by pid and start time together, so a recycled pid is never mistaken for ours.
 */
record Registry(String cluster, long ownerPid, long ownerStartMillis, String logDir, List<Member> processes) {
    static final String FILE = "cluster.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One JVM and its watchdog. */
    record Member(String name, long pid, long startMillis, long watchdogPid) {
        static Member of(ClusterProcess p) {
            return new Member(p.name(), p.pid(), Registry.startMillis(p.jvm()), p.watchdogPid());
        }

        /** The live process this entry describes, if it is still running (same pid and same start time). */
        Optional<ProcessHandle> live() {
            return ProcessHandle.of(pid).filter(h -> h.isAlive() && Registry.startMillis(h) == startMillis);
        }
    }

    static Registry ownedByThisJvm(String cluster, Path logDir, List<Member> processes) {
        ProcessHandle me = ProcessHandle.current();
        return new Registry(cluster, me.pid(), startMillis(me), logDir.toString(), List.copyOf(processes));
    }

    Registry with(List<Member> members) {
        return new Registry(cluster, ownerPid, ownerStartMillis, logDir, List.copyOf(members));
    }

    /** Whether the JVM that started the cluster still runs. */
    boolean ownerAlive() {
        return ProcessHandle.of(ownerPid).filter(h -> h.isAlive() && startMillis(h) == ownerStartMillis).isPresent();
    }

    static long startMillis(ProcessHandle h) {
        return h.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /** Written to a temporary file and moved into place: a reader never sees half a file. */
    void write(Path clusterDir) {
        try {
            Path tmp = clusterDir.resolve(FILE + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, clusterDir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Registry> read(Path clusterDir) {
        Path f = clusterDir.resolve(FILE);
        try {
            return Files.isRegularFile(f) ? Optional.of(JSON.readValue(f.toFile(), Registry.class)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
