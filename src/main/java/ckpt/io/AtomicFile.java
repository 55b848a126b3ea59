package ckpt.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file so that it is either the old one or the whole new one, never half of either: the bytes go to a
 * hidden temp file in the same folder (same file system, so the move is a rename), are forced to disk, and the
 * temp file is moved over the target atomically. If anything fails — a full disk, a file-size limit, a writer
 * that throws — the temp file is removed and the old file is untouched.
 *
 * <p>Every file a user asks for goes through here: reports, charts, exports, {@code /save}, {@code --report},
 * {@code --ipynb}, generated CSV files, a run's own files.
 */
public final class AtomicFile {
    /** Writes the content to an output stream; may throw, and then nothing is replaced. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Replaces (or creates) the file with what the body writes; parent folders are created. Returns the path. */
    public static Path write(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path parent = abs.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // Not Files.createTempFile: its owner-only permissions would stick to the moved file.
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream buffered = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16) {
                    @Override
                    public void close() throws IOException {
                        flush(); // the body may close its stream (a Writer, Jackson); the channel closes below
                    }
                };
                body.write(buffered);
                buffered.flush();
                ch.force(true); // on disk before the rename makes it the file
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return abs;
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after the target
                }
            }
        }
    }

    /**
     * The one-line reason a write failed, saying that an existing file was left as it was:
     * {@code cannot write out/report.html: No space left on device (the file there is unchanged)}.
     */
    public static String failure(Object target, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
            why = fse.getReason();
        }
        boolean existed = Files.exists(Path.of(String.valueOf(target)));
        return "cannot write " + target + ": " + why + (existed ? " (the file there is unchanged)" : "");
    }

    /** Replaces the file with the text, UTF-8. */
    public static Path writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return write(target, out -> out.write(bytes));
    }
}
