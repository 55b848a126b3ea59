package ckpt.engine;

import ckpt.model.DiskUsage;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.Table;

/**
 * Takes stock of a job's checkpoint folder through Flink's FileSystem — the same API Flink writes with — so it works
 * for every scheme this JVM can open (file://, and s3:// or hdfs:// when their filesystem is loaded): every file,
 * where it lies (shared / chk-N / taskowned), and whether a retained checkpoint's {@code _metadata} references it.
 * When the storage cannot be read from here, the usage says so instead of reporting 0 bytes.
 */
final class Storage {
    /** One file under the job's folder. */
    record Stored(URI uri, String top, long bytes, long modified) {
    }

    private Storage() {
    }

    static DiskUsage usage(URI jobCheckpointDir) {
        return usage(jobCheckpointDir, null);
    }

    /**
     * Like {@link #usage(URI)}, with the job's changelog folder ({@code <base>/<job id>}, or null): the changelog's
     * files count as shared (several checkpoints can reference one), and as referenced when a retained checkpoint
     * points to them.
     */
    static DiskUsage usage(URI jobCheckpointDir, URI changelogDir) {
        if (jobCheckpointDir == null) {
            return DiskUsage.unreadable("the job never started, so it has no checkpoint folder");
        }
        List<Stored> files;
        try {
            files = new ArrayList<>(list(jobCheckpointDir));
            if (changelogDir != null) {
                for (Stored f : list(changelogDir)) {
                    files.add(new Stored(f.uri(), "shared", f.bytes(), f.modified()));
                }
            }
        } catch (IOException e) {
            return DiskUsage.unreadable("this shell cannot read " + jobCheckpointDir + ": " + e.getMessage());
        }
        Set<String> referenced = referenced(jobCheckpointDir);
        long[] bytes = new long[3];
        int[] count = new int[3];
        long refBytes = 0;
        int refFiles = 0;
        long orphanBytes = 0;
        Table orphans = DiskUsage.orphanTable();
        for (Stored f : files) {
            int slot = f.top().equals("shared") ? 0 : f.top().equals("taskowned") ? 2 : 1;
            bytes[slot] += f.bytes();
            count[slot]++;
            if (referenced.contains(key(f.uri()))) {
                refBytes += f.bytes();
                refFiles++;
            } else {
                orphanBytes += f.bytes();
                orphans.stringColumn(DiskUsage.FILE).append(f.uri().toString());
                orphans.longColumn(DiskUsage.BYTES).append(f.bytes());
                orphans.instantColumn(DiskUsage.MODIFIED).append(Instant.ofEpochMilli(f.modified()));
            }
        }
        return new DiskUsage(bytes[0], count[0], bytes[1], count[1], bytes[2], count[2], refBytes, refFiles,
                orphanBytes, orphans.rowCount(), orphans, true, null);
    }

    /** Every file under the folder (an empty list when the folder does not exist). */
    static List<Stored> list(URI dir) throws IOException {
        Path root = new Path(dir);
        FileSystem fs = root.getFileSystem();
        List<Stored> out = new ArrayList<>();
        if (!fs.exists(root)) {
            return out;
        }
        FileStatus[] top = fs.listStatus(root);
        for (FileStatus s : top == null ? new FileStatus[0] : top) {
            add(fs, s, s.getPath().getName(), out);
        }
        return out;
    }

    private static void add(FileSystem fs, FileStatus s, String top, List<Stored> out) throws IOException {
        if (!s.isDir()) {
            out.add(new Stored(s.getPath().toUri(), top, s.getLen(), s.getModificationTime()));
            return;
        }
        FileStatus[] children;
        try {
            children = fs.listStatus(s.getPath());
        } catch (java.io.FileNotFoundException e) {
            return; // a subsumed checkpoint Flink discarded while we listed it: not on disk any more
        }
        for (FileStatus c : children == null ? new FileStatus[0] : children) {
            add(fs, c, top, out);
        }
    }

    /**
     * What the retained checkpoints reference: each chk-N's {@code _metadata} and every file its handles point to
     * (read with Flink's loader). Compared by authority and path, so file:/x and file:///x are the same file.
     */
    private static Set<String> referenced(URI jobDir) {
        Set<String> out = new HashSet<>();
        for (Path chk : CheckpointFiles.retained(jobDir)) {
            Path metadata = new Path(chk, "_metadata");
            out.add(key(metadata.toUri()));
            for (Row r : CheckpointFiles.of(chk.toUri())) {
                String p = r.getString("path");
                if (!p.isEmpty()) {
                    out.add(key(URI.create(p)));
                }
            }
        }
        return out;
    }

    private static String key(URI u) {
        return (u.getAuthority() == null ? "" : u.getAuthority()) + new Path(u).toUri().getPath();
    }

    /** Takes stock until two listings 20 ms apart agree (Flink discards subsumed checkpoints asynchronously). */
    static DiskUsage settled(URI jobCheckpointDir) {
        return settled(jobCheckpointDir, null);
    }

    /** {@link #settled(URI)} with the job's changelog folder (or null). */
    static DiskUsage settled(URI jobCheckpointDir, URI changelogDir) {
        DiskUsage last = usage(jobCheckpointDir, changelogDir);
        for (int i = 0; i < 250 && last.readable(); i++) {
            sleep(20);
            DiskUsage now = usage(jobCheckpointDir, changelogDir);
            if (sameFiles(now, last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static boolean sameFiles(DiskUsage a, DiskUsage b) {
        return a.totalBytes() == b.totalBytes() && a.totalFiles() == b.totalFiles()
                && a.referencedBytes() == b.referencedBytes() && a.orphanedFiles() == b.orphanedFiles();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
