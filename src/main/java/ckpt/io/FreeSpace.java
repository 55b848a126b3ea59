package ckpt.io;

import ckpt.error.CkptException;
import ckpt.text.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a write that cannot fit before it starts: a 110 GB file begun with 66 GB free fills the disk, fails
 * hours later and takes other programs' space with it. The estimate is the caller's; the override is one system
 * property, {@value #OVERRIDE}{@code =true} ({@code System.setProperty("ckpt.ignoreFreeSpace", "true")} in the
 * shell, or {@code CKPT_JAVA_OPTS=-Dckpt.ignoreFreeSpace=true}), for a disk that will have room by then or an
 * estimate known to be high.
 */
public final class FreeSpace {
    /** Set to "true" to write whatever the estimate says. */
    public static final String OVERRIDE = "ckpt.ignoreFreeSpace";

    private FreeSpace() {
    }

    /**
     * Throws a one-line {@link CkptException} when {@code bytes} exceed the space usable in {@code dir} (the
     * nearest existing folder up from it), unless the override is set.
     *
     * @param what what would be written, for the message, e.g. {@code "generateCsv: 3,000,000,000 rows"}
     */
    public static void require(Path dir, long bytes, String what) {
        if (Boolean.getBoolean(OVERRIDE)) {
            return;
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        long free;
        try {
            free = Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return; // cannot tell: the write itself will say if the disk fills
        }
        if (bytes > free) {
            throw new CkptException(what + " need about " + Units.bytes(bytes) + ", but " + existing + " has "
                    + Units.bytes(free) + " free — nothing was written; make it smaller, free space, or set "
                    + "System.setProperty(\"" + OVERRIDE + "\", \"true\") to write anyway");
        }
    }
}
