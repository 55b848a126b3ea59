package ckpt.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Small file helpers shared by the rooms (walks without shelling out). */
public final class Files2 {
    private Files2() {
    }

    /**
     * Bytes of the regular files under a folder (or of one file); 0 when it is missing. Counts what it can read: a
     * file removed while it walks (by Flink, by a cleanup) counts 0.
     */
    public static long size(Path root) {
        if (root == null || !Files.exists(root)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            return s.mapToLong(p -> {
                try {
                    return Files.isRegularFile(p) ? Files.size(p) : 0;
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }

    /** Removes a folder tree; missing is fine, errors are logged (cleanup must never fail a measurement). */
    public static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(Files2.class).warn("could not delete " + root, e);
        }
    }
}
