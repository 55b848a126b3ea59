package ckpt.engine;

import ckpt.model.DiskUsage;
import java.io.IOException;
import java.net.URI;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;

/**
 * Measures a job's checkpoint folder by listing it through Flink's FileSystem — the same API Flink writes with — so
 * it works for every scheme this JVM can open (file://, and s3:// or hdfs:// when their filesystem is loaded). When
 * the storage cannot be read from here, the usage says so instead of reporting 0 bytes.
 */
final class Storage {
    private Storage() {
    }

    static DiskUsage usage(URI jobCheckpointDir) {
        if (jobCheckpointDir == null) {
            return DiskUsage.unreadable("the job never started, so it has no checkpoint folder");
        }
        Path root = new Path(jobCheckpointDir);
        FileSystem fs;
        try {
            fs = root.getFileSystem();
        } catch (IOException e) {
            return DiskUsage.unreadable("this shell cannot open " + jobCheckpointDir.getScheme() + "://: "
                    + e.getMessage());
        }
        long[] bytes = new long[3];
        int[] files = new int[3];
        try {
            if (!fs.exists(root)) {
                return DiskUsage.NONE;
            }
            FileStatus[] top = fs.listStatus(root);
            for (FileStatus s : top == null ? new FileStatus[0] : top) {
                String name = s.getPath().getName();
                int slot = name.equals("shared") ? 0 : name.equals("taskowned") ? 2 : 1;
                add(fs, s, slot, bytes, files);
            }
        } catch (IOException e) {
            return DiskUsage.unreadable("cannot list " + jobCheckpointDir + ": " + e.getMessage());
        }
        return new DiskUsage(bytes[0], files[0], bytes[1], files[1], bytes[2], files[2], true, null);
    }

    private static void add(FileSystem fs, FileStatus s, int slot, long[] bytes, int[] files) throws IOException {
        if (!s.isDir()) {
            bytes[slot] += s.getLen();
            files[slot]++;
            return;
        }
        FileStatus[] children;
        try {
            children = fs.listStatus(s.getPath());
        } catch (java.io.FileNotFoundException e) {
            return; // a subsumed checkpoint Flink discarded while we listed it: not on disk any more
        }
        for (FileStatus c : children == null ? new FileStatus[0] : children) {
            add(fs, c, slot, bytes, files);
        }
    }

    /** Lists until two listings 20 ms apart agree (Flink discards subsumed checkpoints asynchronously). */
    static DiskUsage settled(URI jobCheckpointDir) {
        DiskUsage last = usage(jobCheckpointDir);
        for (int i = 0; i < 250 && last.readable(); i++) {
            sleep(20);
            DiskUsage now = usage(jobCheckpointDir);
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
