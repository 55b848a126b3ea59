package ckpt.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Measures a job's checkpoint folder by walking it (no shell-out): shared / exclusive chk-N / taskowned. */
final class DiskWalk {
    private DiskWalk() {
    }

    static DiskUsage of(Path jobCheckpointDir) {
        if (jobCheckpointDir == null || !Files.isDirectory(jobCheckpointDir)) {
            return DiskUsage.NONE;
        }
        long[] bytes = new long[3];
        int[] files = new int[3];
        try (Stream<Path> walk = Files.walk(jobCheckpointDir)) {
            walk.filter(Files::isRegularFile).forEach(f -> {
                String top = jobCheckpointDir.relativize(f).getName(0).toString();
                int slot = top.equals("shared") ? 0 : top.equals("taskowned") ? 2 : 1;
                try {
                    bytes[slot] += Files.size(f);
                    files[slot]++;
                } catch (IOException e) {
                    // a file removed while we walk (Flink discarding a subsumed checkpoint): not on disk any more
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new DiskUsage(bytes[0], files[0], bytes[1], files[1], bytes[2], files[2]);
    }

    /** Walks until two walks 50 ms apart agree (Flink discards subsumed checkpoints asynchronously). */
    static DiskUsage settled(Path jobCheckpointDir) {
        DiskUsage last = of(jobCheckpointDir);
        for (int i = 0; i < 100; i++) {
            sleep(50);
            DiskUsage now = of(jobCheckpointDir);
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
