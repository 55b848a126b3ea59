package ckpt.model;

import java.time.Duration;

/**
 * Checkpointing choices beyond mode and pace: where checkpoints are stored and how they are taken.
 *
 * @param materializeEvery  changelog mode: how often RocksDB is materialized
 *                          ({@code state.changelog.periodic-materialize.interval}), or null (Flink's 10 min)
 * @param fileMerging       {@code execution.checkpointing.file-merging.enabled}: many small checkpoint files
 *                          merged into fewer physical ones
 * @param unaligned         {@code execution.checkpointing.unaligned.enabled}: barriers overtake in-flight data,
 *                          which is then persisted with the checkpoint
 * @param storage           {@code local} (the run's folder, or {@code checkpointDir}) or {@code s3} (the embedded
 *                          S3 server of this JVM)
 * @param storageLatency    latency the embedded S3 server adds to every request, or null
 * @param storageBandwidth  bytes per second the embedded S3 server allows each request's body, or 0 (unlimited)
 */
public record CheckpointExtras(Duration materializeEvery, boolean fileMerging, boolean unaligned, String storage,
                               Duration storageLatency, long storageBandwidth) {
    public static final String LOCAL = "local";
    public static final String S3 = "s3";

    static CheckpointExtras defaults() {
        return new CheckpointExtras(null, false, false, LOCAL, null, 0);
    }

    CheckpointExtras withMaterializeEvery(Duration v) {
        return new CheckpointExtras(v, fileMerging, unaligned, storage, storageLatency, storageBandwidth);
    }

    CheckpointExtras withFileMerging(boolean v) {
        return new CheckpointExtras(materializeEvery, v, unaligned, storage, storageLatency, storageBandwidth);
    }

    CheckpointExtras withUnaligned(boolean v) {
        return new CheckpointExtras(materializeEvery, fileMerging, v, storage, storageLatency, storageBandwidth);
    }

    CheckpointExtras withStorage(String v) {
        return new CheckpointExtras(materializeEvery, fileMerging, unaligned, v, storageLatency, storageBandwidth);
    }

    CheckpointExtras withStorageLatency(Duration v) {
        return new CheckpointExtras(materializeEvery, fileMerging, unaligned, storage, v, storageBandwidth);
    }

    CheckpointExtras withStorageBandwidth(long v) {
        return new CheckpointExtras(materializeEvery, fileMerging, unaligned, storage, storageLatency, v);
    }

    /** Whether checkpoints go to the embedded S3 server. */
    public boolean embeddedS3() {
        return S3.equals(storage);
    }
}
