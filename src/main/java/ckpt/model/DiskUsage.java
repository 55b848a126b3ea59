package ckpt.model;

/**
 * Bytes and files found in a job's checkpoint folder after the job stopped, through Flink's FileSystem (so any
 * scheme the shell can read). Flink's layout is {@code <jobId>/{shared/, taskowned/, chk-N/}}: {@code shared} holds
 * files that several incremental checkpoints reference, {@code exclusive} is what lives in the retained chk-N
 * folders. When the storage cannot be read from here, {@code readable} is false and {@code note} says why: a figure
 * we could not measure is never shown as 0.
 */
public record DiskUsage(long sharedBytes, int sharedFiles, long exclusiveBytes, int exclusiveFiles,
                        long taskownedBytes, int taskownedFiles, boolean readable, String note) {

    public static final DiskUsage NONE = new DiskUsage(0, 0, 0, 0, 0, 0);

    /** A walk that read everything. */
    public DiskUsage(long sharedBytes, int sharedFiles, long exclusiveBytes, int exclusiveFiles, long taskownedBytes,
                     int taskownedFiles) {
        this(sharedBytes, sharedFiles, exclusiveBytes, exclusiveFiles, taskownedBytes, taskownedFiles, true, null);
    }

    public static DiskUsage unreadable(String why) {
        return new DiskUsage(0, 0, 0, 0, 0, 0, false, why);
    }

    public long totalBytes() {
        return sharedBytes + exclusiveBytes + taskownedBytes;
    }

    public int totalFiles() {
        return sharedFiles + exclusiveFiles + taskownedFiles;
    }
}
