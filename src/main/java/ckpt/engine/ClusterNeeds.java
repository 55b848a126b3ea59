package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import ckpt.store.Plugins;
import ckpt.store.S3Store;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run's checkpoints go and which cluster-wide keys that takes. Flink reads the S3 file system's settings
 * and the changelog's storage from each process's own configuration, not from the job's, so these go to the
 * targets ({@link ckpt.target.Target#prepare(Experiment, Map)}) and to this JVM's file systems, which the shell
 * reads storage with.
 */
final class ClusterNeeds {
    /** The embedded S3 server's folder: {@code runs/.s3/<bucket>/<run id>/…}. */
    static final String S3_DIR = ".s3";
    /** The changelog's folder for local storage: {@code runs/changelog/<job id>/dstl/…} (one per cluster). */
    static final String CHANGELOG_DIR = "changelog";

    private ClusterNeeds() {
    }

    /** The embedded S3 server (started now if needed). */
    static S3Store store() {
        if (!Plugins.hasS3()) {
            throw new CkptException("storage(\"s3\") needs Flink's S3 plugin in " + Plugins.dir()
                    + " — rebuild with mvn -DskipTests process-classes (it copies flink-s3-fs-native there)");
        }
        return S3Store.shared(Recorder.root().resolve(S3_DIR));
    }

    /** The folder the job's checkpoints go under (Flink adds the job id). */
    static String checkpointRoot(Experiment e, Path runDir) {
        if (e.extras().embeddedS3()) {
            if (e.checkpointDir() != null) {
                throw new CkptException("storage(\"s3\") is the embedded S3 server and checkpointDir(…) names another"
                        + " place — keep one: checkpointDir(\"s3://bucket/path\") with config(\"s3.endpoint\", …)"
                        + " reaches your own store");
            }
            return "s3://" + S3Store.BUCKET + "/" + runDir.getFileName() + "/checkpoints";
        }
        if (e.extras().storageLatency() != null || e.extras().storageBandwidth() > 0) {
            throw new CkptException("storageLatency and storageBandwidth slow down the embedded S3 server — add"
                    + " storage(\"s3\")");
        }
        return e.checkpointDir() != null ? e.checkpointDir() : runDir.toAbsolutePath().resolve("checkpoints").toUri().toString();
    }

    /**
     * Where the changelog writes, for the whole cluster (Flink adds {@code <job id>/dstl}): next to the
     * checkpoints — in the embedded S3 server, in the user's checkpoint folder, or in {@code runs/changelog}.
     */
    static String changelogBase(Experiment e) {
        if (e.extras().embeddedS3()) {
            return "s3://" + S3Store.BUCKET + "/" + CHANGELOG_DIR;
        }
        if (e.checkpointDir() != null) {
            String d = e.checkpointDir();
            return (d.endsWith("/") ? d : d + "/") + CHANGELOG_DIR;
        }
        return Recorder.root().toAbsolutePath().normalize().resolve(CHANGELOG_DIR).toUri().toString();
    }

    /** A job's changelog folder ({@code <base>/<job id>}), or null when the mode has no changelog. */
    static URI changelogDir(Experiment e, String jobId) {
        if (!e.mode().changelog() || jobId == null || jobId.isEmpty()) {
            return null;
        }
        String base = changelogBase(e);
        return URI.create((base.endsWith("/") ? base : base + "/") + jobId);
    }

    /**
     * The cluster-wide keys the run needs: the embedded S3 server's address and credentials, the user's own
     * {@code s3.*} keys (for {@code checkpointDir("s3://…")}), the changelog's storage, and local recovery on or
     * off.
     */
    static Map<String, String> of(Experiment e) {
        Map<String, String> m = new LinkedHashMap<>();
        if (e.extras().embeddedS3()) {
            m.putAll(store().clientKeys());
        }
        e.flinkConfig().forEach((k, v) -> {
            if (k.startsWith("s3.") || k.startsWith("fs.")) {
                m.put(k, v);
            }
        });
        if (e.mode().changelog()) {
            m.put("state.changelog.storage", "filesystem");
            m.put("state.changelog.dstl.dfs.base-path", changelogBase(e));
        }
        // Local backup and local recovery are the TaskManager's settings, read at its start, never the job's. Both
        // ways: a run without them must not pay for local copies a run before it asked for.
        String local = String.valueOf(e.recovery().localRecovery());
        m.put(org.apache.flink.configuration.CheckpointingOptions.LOCAL_BACKUP_ENABLED.key(), local);
        m.put(org.apache.flink.configuration.StateRecoveryOptions.LOCAL_RECOVERY.key(), local);
        return m;
    }

    /** Lets this JVM read the run's storage (the file system keys among these, on top of those in force). */
    static void fileSystemsFor(Map<String, String> keys) {
        Plugins.initializeFileSystems(keys);
    }

    /**
     * A run's checkpoint data outside its folder: its objects in the embedded S3 server
     * ({@code runs/.s3/ckpt/<run id>}) and its jobs' changelog folders ({@code runs/changelog/<job id>},
     * {@code runs/.s3/ckpt/changelog/<job id>}). Only folders that exist.
     */
    static java.util.List<Path> dataElsewhere(Path root, Path run) {
        java.util.List<Path> out = new java.util.ArrayList<>();
        Path s3 = root.resolve(S3_DIR).resolve(S3Store.BUCKET);
        Path objects = s3.resolve(run.getFileName().toString());
        java.util.List<String> jobs = new java.util.ArrayList<>();
        for (Path checkpoints : java.util.List.of(run.resolve("checkpoints"), objects.resolve("checkpoints"))) {
            if (java.nio.file.Files.isDirectory(checkpoints)) {
                try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(checkpoints)) {
                    s.forEach(j -> jobs.add(j.getFileName().toString()));
                } catch (java.io.IOException e) {
                    // nothing to add from here
                }
            }
        }
        for (String job : jobs) {
            for (Path changelog : java.util.List.of(root.resolve(CHANGELOG_DIR).resolve(job),
                    s3.resolve(CHANGELOG_DIR).resolve(job))) {
                if (java.nio.file.Files.isDirectory(changelog)) {
                    out.add(changelog);
                }
            }
        }
        if (java.nio.file.Files.isDirectory(objects)) {
            out.add(objects);
        }
        return out;
    }
}
