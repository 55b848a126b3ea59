package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a checkpoint's _metadata size comes from, and the torn gauge pairs that must never become a figure. */
class MetadataSizesTest {
    static final String JOB = "a9d7fe373c22de134c909a4f776b518d";

    static Map<String, Long> dump(long id, long size, long runningTime) {
        return Map.of("lastCompletedCheckpointId", id, "lastCheckpointMetadataSize", size, "runningTime", runningTime);
    }

    @Test
    void aGaugePairCountsOnlyWhenALaterDumpShowsItAgain() {
        MetadataSizes m = new MetadataSizes(JOB, Optional.empty(), 0);
        assertThat(m.fromSpans()).isFalse();
        m.offerGauges(dump(3, 900, 1000));
        assertThat(m.get(3)).isEqualTo(-1);
        m.offerGauges(dump(3, 900, 1000)); // the metric store's cached dump read again: not a second dump
        assertThat(m.get(3)).isEqualTo(-1);
        m.offerGauges(dump(3, 900, 1200));
        assertThat(m.get(3)).isEqualTo(900);
    }

    @Test
    void aTornPairIsNeverKept() {
        MetadataSizes m = new MetadataSizes(JOB, Optional.empty(), 0);
        // checkpoint 5 completed during the dump after the id was read: id 4 with 5's size
        m.offerGauges(dump(4, 8869, 1000));
        m.offerGauges(dump(5, 8869, 1200));
        assertThat(m.get(4)).isEqualTo(-1);
        assertThat(m.get(5)).isEqualTo(-1);
        m.offerGauges(dump(5, 8869, 1400));
        assertThat(m.get(5)).isEqualTo(8869);

        // checkpoint 7 completed during the dump after its size gauge was read: 7's id with 6's size
        m.offerGauges(dump(7, 8671, 1600));
        m.offerGauges(dump(7, 8900, 1800));
        assertThat(m.get(7)).isEqualTo(-1);
        m.offerGauges(dump(7, 8900, 2000));
        assertThat(m.get(7)).isEqualTo(8900);
        assertThat(m.get(6)).isEqualTo(-1);
    }

    @Test
    void aDumpWithoutTheRunningTimeIsNotUsed() {
        MetadataSizes m = new MetadataSizes(JOB, Optional.empty(), 0);
        m.offerGauges(Map.of("lastCompletedCheckpointId", 3L, "lastCheckpointMetadataSize", 900L));
        m.offerGauges(Map.of("lastCompletedCheckpointId", 3L, "lastCheckpointMetadataSize", 900L));
        assertThat(m.get(3)).isEqualTo(-1);
    }

    static String span(String job, long id, String status, long metadata) {
        return "{\"scope\":\"org.apache.flink.runtime.checkpoint.CheckpointStatsTracker\",\"name\":\"Checkpoint\","
                + "\"start\":1,\"end\":2,\"attributes\":{\"checkpointId\":" + id + ",\"<job_id>\":\"" + job
                + "\",\"jobId\":\"" + job + "\",\"checkpointStatus\":\"" + status + "\",\"metadataSize\":" + metadata
                + "}}\n";
    }

    @Test
    void spansGiveEveryCompletedCheckpointOfThisJobFromWhereItStarted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spans.jsonl");
        Files.writeString(file, span(JOB, 1, "COMPLETED", 111)); // an earlier job's, before this one's start
        MetadataSizes m = new MetadataSizes(JOB, Optional.of(file), MetadataSizes.end(Optional.of(file)));
        assertThat(m.fromSpans()).isTrue();
        Files.writeString(file, span("0000000000000000000000000000000a", 2, "COMPLETED", 222)
                + span(JOB, 2, "FAILED", 333) + span(JOB, 3, "COMPLETED", 8869)
                + span(JOB, 4, "COMPLETED", 9000).substring(0, 40), StandardOpenOption.APPEND);
        m.readSpans(3);
        assertThat(m.get(1)).isEqualTo(-1);
        assertThat(m.get(2)).isEqualTo(-1);
        assertThat(m.get(3)).isEqualTo(8869);
        assertThat(m.get(4)).isEqualTo(-1); // half written
        Files.writeString(file, span(JOB, 4, "COMPLETED", 9000).substring(40), StandardOpenOption.APPEND);
        m.readSpans(4);
        assertThat(m.get(4)).isEqualTo(9000);
        assertThat(m.fromSpans()).isTrue();
        m.offerGauges(dump(4, 1, 1));
        m.offerGauges(dump(4, 1, 2));
        assertThat(m.get(4)).as("spans win; gauges are not read").isEqualTo(9000);
    }

    @Test
    void withoutSpansACompletedCheckpointsMetadataFileGivesItsSize(@TempDir Path job) throws Exception {
        Files.createDirectories(job.resolve("chk-3"));
        Files.write(job.resolve("chk-3/_metadata"), new byte[4321]);
        MetadataSizes m = new MetadataSizes(JOB, Optional.empty(), 0).withStorage(job.toUri());
        m.readStored(3);
        m.readStored(2); // subsumed already: missing, and the storage is still read for the next ones
        Files.createDirectories(job.resolve("chk-4"));
        Files.write(job.resolve("chk-4/_metadata"), new byte[99]);
        m.readStored(4);
        assertThat(m.get(3)).isEqualTo(4321);
        assertThat(m.get(2)).isEqualTo(-1);
        assertThat(m.get(4)).isEqualTo(99);
        // where spans report sizes, the files are not read
        MetadataSizes spans = new MetadataSizes(JOB, Optional.of(job.resolve("spans.jsonl")), 0).withStorage(job.toUri());
        spans.readStored(3);
        assertThat(spans.get(3)).isEqualTo(-1);
    }

    @Test
    void aCompletedCheckpointWithoutASpanHandsOverToTheGauges(@TempDir Path dir) {
        MetadataSizes m = new MetadataSizes(JOB, Optional.of(dir.resolve("never-written.jsonl")), 0);
        m.readSpans(1);
        assertThat(m.fromSpans()).isFalse();
        m.offerGauges(dump(1, 500, 10));
        m.offerGauges(dump(1, 500, 20));
        assertThat(m.get(1)).isEqualTo(500);
    }
}
