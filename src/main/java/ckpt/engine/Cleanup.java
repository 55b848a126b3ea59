package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.io.Files2;
import ckpt.model.Freed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Frees the disk runs leave behind, never touching the run in flight. */
public final class Cleanup {
    private Cleanup() {
    }

    /**
     * Removes the checkpoint data (the checkpoints/ folder) and any RocksDB working folder left by a killed session
     * of every run under runs/ except the newest {@code keep}; experiment, environment, the CSVs and summary.json
     * stay. {@code keep = 0} also empties the warm-state cache. Says what it freed.
     */
    public static Freed cleanCheckpoints(int keep) {
        if (keep < 0) {
            throw new CkptException("keep must be ≥ 0, got " + keep);
        }
        Path root = Recorder.root();
        if (!Files.isDirectory(root)) {
            return new Freed(0, 0, keep);
        }
        List<Path> runs;
        try (Stream<Path> s = Files.list(root)) {
            // a hidden folder is a cluster's throwaway warm-up job (ClusterWarmUp), which removes its own
            runs = new ArrayList<>(s.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p.resolve("checkpoints"))
                    || Files.isDirectory(p.resolve("rocksdb-local"))
                    || !isStoreFolder(p) && !ClusterNeeds.dataElsewhere(root, p).isEmpty()).sorted().toList());
        } catch (IOException ex) {
            throw new CkptException("cannot list " + root + ": " + ex.getMessage());
        }
        long freed = 0;
        int cleaned = 0;
        Path inFlight = Runs.current();
        for (int i = 0; i < runs.size() - keep; i++) {
            Path run = runs.get(i);
            if (inFlight != null && run.toAbsolutePath().equals(inFlight.toAbsolutePath())) {
                continue;
            }
            // outside the run's folder first: finding the changelog's folders needs the job ids under checkpoints/
            for (Path elsewhere : ClusterNeeds.dataElsewhere(root, run)) {
                freed += Files2.size(elsewhere);
                Files2.deleteRecursively(elsewhere);
            }
            for (String sub : List.of("checkpoints", "rocksdb-local", "forst-primary")) {
                freed += Files2.size(run.resolve(sub));
                Files2.deleteRecursively(run.resolve(sub));
            }
            cleaned++;
        }
        if (keep == 0) {
            freed += WarmCache.clear(); // everything: the warm-state cache too
        }
        return new Freed(freed, cleaned, keep);
    }

    /** runs/.s3 (the embedded S3 server's objects) and runs/changelog hold data of several runs: not runs. */
    private static boolean isStoreFolder(Path p) {
        String name = p.getFileName().toString();
        return name.equals(ClusterNeeds.S3_DIR) || name.equals(ClusterNeeds.CHANGELOG_DIR);
    }

}
