package ckpt.model;

import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a job's checkpoint folder holds after the job stopped, listed through Flink's FileSystem (so any scheme the
 * shell can read).
 *
 * <p>By place, Flink's layout {@code <jobId>/{shared/, taskowned/, chk-N/}}: {@code shared} holds files several
 * incremental checkpoints reference, {@code exclusive} what lives in the chk-N folders. By use: {@code referenced}
 * is what the retained checkpoints' {@code _metadata} points to, plus the metadata files themselves — what a restore
 * reads; {@code orphaned} is everything else, typically files of checkpoints that expired or failed, which Flink
 * does not clean up and which grow a bucket for nothing ({@link #orphans()} lists them).
 *
 * <p>When the storage cannot be read from here, {@code readable} is false and {@code note} says why: a figure we
 * could not measure is never shown as 0.
 */
public record DiskUsage(long sharedBytes, int sharedFiles, long exclusiveBytes, int exclusiveFiles,
                        long taskownedBytes, int taskownedFiles, long referencedBytes, int referencedFiles,
                        long orphanedBytes, int orphanedFiles, Table orphans, boolean readable, String note) {

    public static final String FILE = "file";
    public static final String BYTES = "bytes";
    public static final String MODIFIED = "modified";

    public static final DiskUsage NONE = new DiskUsage(0, 0, 0, 0, 0, 0);

    /** A folder whose files are all referenced (for tests and runs with nothing left over). */
    public DiskUsage(long sharedBytes, int sharedFiles, long exclusiveBytes, int exclusiveFiles, long taskownedBytes,
                     int taskownedFiles) {
        this(sharedBytes, sharedFiles, exclusiveBytes, exclusiveFiles, taskownedBytes, taskownedFiles,
                sharedBytes + exclusiveBytes + taskownedBytes, sharedFiles + exclusiveFiles + taskownedFiles, 0, 0,
                orphanTable(), true, null);
    }

    public static DiskUsage unreadable(String why) {
        return new DiskUsage(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, orphanTable(), false, why);
    }

    /** An empty table of orphaned files: file (URI), bytes, modified. */
    public static Table orphanTable() {
        return Table.create("orphaned files", StringColumn.create(FILE), LongColumn.create(BYTES),
                InstantColumn.create(MODIFIED));
    }

    public long totalBytes() {
        return sharedBytes + exclusiveBytes + taskownedBytes;
    }

    public int totalFiles() {
        return sharedFiles + exclusiveFiles + taskownedFiles;
    }

    /** Orphaned bytes exceed the referenced ones: the folder is mostly waste. */
    public boolean mostlyOrphaned() {
        return readable && orphanedBytes > referencedBytes;
    }
}
