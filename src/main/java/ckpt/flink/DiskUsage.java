package ckpt.flink;

/**
 * Bytes and files found by walking a run's checkpoint directory after the job stopped. Flink's layout is
 * {@code <jobId>/{shared/, taskowned/, chk-N/}}: {@code shared} holds files that several incremental
 * checkpoints reference, {@code exclusive} is what lives in the retained chk-N folders.
 */
public record DiskUsage(long sharedBytes, int sharedFiles, long exclusiveBytes, int exclusiveFiles,
                        long taskownedBytes, int taskownedFiles) {

    public static final DiskUsage NONE = new DiskUsage(0, 0, 0, 0, 0, 0);

    public long totalBytes() {
        return sharedBytes + exclusiveBytes + taskownedBytes;
    }

    public int totalFiles() {
        return sharedFiles + exclusiveFiles + taskownedFiles;
    }
}
