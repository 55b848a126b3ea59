package ckpt.target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Class-data sharing for the local cluster's JVMs, as bin/ckpt-repl has it for the shell's. A JobManager or
 * TaskManager loads some 10,000 of Flink's classes while it starts and runs its first job; with an archive of them
 * it maps them instead of parsing and verifying each one. The first cluster records the archives: its JobManager
 * and its first TaskManager write the classes they loaded when they are stopped (SIGTERM), and later clusters of
 * the same JDK and class path start from them. An archive that no longer fits (another JDK, other jars) is not
 * used: its name carries a hash of both, and -Xshare:auto ignores a mismatch silently. A JVM killed before it
 * finished writing leaves only a temporary file, which is never used.
 */
final class ClusterCds {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterCds.class);
    /** Quiet: a mismatch or a class the archive skips must not reach the member's .out file as a warning. */
    private static final List<String> QUIET = List.of("-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The archive this member maps, or, for a member that records, the archive its recording becomes. */
    private final Path archive;
    /** Where this member writes its recording (null: it does not record). */
    private final Path recording;

    private ClusterCds(Path archive, Path recording) {
        this.archive = archive;
        this.recording = recording;
    }

    private static final ClusterCds NONE = new ClusterCds(null, null);

    /**
     * What the member starts with: the role's archive if there is one; else, for the JobManager and the first
     * TaskManager, a recording of their own (one per role and cluster), else nothing.
     */
    static ClusterCds forMember(String cluster, String member, String classPath) {
        if (System.getProperty("ckpt.clusterCds", "true").equals("false")) {
            return NONE;
        }
        String role = member.startsWith("taskmanager") ? "taskmanager" : "jobmanager";
        Path dir = Reaper.clustersDir().resolve("cds");
        Path archive = dir.resolve(role + "-" + key(classPath) + ".jsa");
        if (Files.isRegularFile(archive)) {
            return new ClusterCds(archive, null);
        }
        if (!member.equals("jobmanager") && !member.equals("taskmanager-1")) {
            return NONE;
        }
        try {
            Files.createDirectories(dir);
            removeAbandoned(dir);
        } catch (IOException e) {
            return NONE;
        }
        return new ClusterCds(archive, dir.resolve(archive.getFileName() + "." + cluster + ".tmp"));
    }

    /** Recordings of JVMs that were killed while or before writing (a JVM writes its recording in seconds). */
    private static void removeAbandoned(Path dir) throws IOException {
        long before = System.currentTimeMillis() - 5 * 60_000;
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList()) {
                if (Files.getLastModifiedTime(f).toMillis() < before) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** The JVM flags (placed before the class path). */
    List<String> flags() {
        if (recording != null) {
            return concat("-XX:ArchiveClassesAtExit=" + recording);
        }
        return archive != null ? concat("-XX:SharedArchiveFile=" + archive) : List.of();
    }

    /** Whether this member writes an archive when it stops (it then needs time for that). */
    boolean records() {
        return recording != null;
    }

    /** How long the member may take to exit after SIGTERM: longer when it writes its recording on the way out. */
    java.time.Duration grace(java.time.Duration plain, java.time.Duration recordingGrace) {
        return records() ? recordingGrace : plain;
    }

    /**
     * After the member exited: a recording it finished (it ended on SIGTERM or by itself, not SIGKILL) becomes the
     * role's archive; anything else is removed.
     */
    void settle(OptionalInt exitCode) {
        if (recording == null || !Files.exists(recording)) {
            return;
        }
        boolean finished = exitCode.isPresent() && exitCode.getAsInt() != 137 && exitCode.getAsInt() != 9;
        try {
            if (finished && Files.size(recording) > 0) {
                Files.move(recording, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                LOG.info("class-data sharing archive for later clusters: {}", archive);
            } else {
                Files.deleteIfExists(recording);
            }
        } catch (IOException e) {
            LOG.info("class-data sharing archive not kept: {}", recording, e);
        }
    }

    /** The archive this member maps (empty when it records or starts plain). */
    Optional<Path> archive() {
        return recording == null ? Optional.ofNullable(archive) : Optional.empty();
    }

    private static List<String> concat(String flag) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(flag), QUIET.stream()).toList();
    }

    /** The JDK and the class path: an archive only fits the JVM and the jars that wrote it. */
    private static String key(String classPath) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((System.getProperty("java.home") + '\n' + Runtime.version() + '\n' + classPath)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
