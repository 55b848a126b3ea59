package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Which cluster JVM records a class-data sharing archive, and which recording becomes the archive. (That the JVMs
 * of a later cluster really map it is {@code LocalClusterTest}'s.)
 */
class ClusterCdsTest {
    /** A class path no other test uses, so that no archive exists for it yet. */
    private final String classPath = "/nowhere/" + UUID.randomUUID() + "/flink-runtime-2.3.0.jar";

    private static Path flagPath(ClusterCds cds, String flag) {
        return Path.of(cds.flags().stream().filter(f -> f.startsWith(flag)).findFirst().orElseThrow()
                .substring(flag.length()));
    }

    @Test
    void theJobManagerAndTheFirstTaskManagerRecordTheOthersStartPlain() {
        assertThat(ClusterCds.forMember("c1", "jobmanager", classPath).records()).isTrue();
        assertThat(ClusterCds.forMember("c1", "taskmanager-1", classPath).records()).isTrue();
        ClusterCds second = ClusterCds.forMember("c1", "taskmanager-2", classPath);
        assertThat(second.records()).isFalse();
        assertThat(second.flags()).isEmpty();
    }

    @Test
    void aRecordingCutShortBySigkillIsDroppedAFinishedOneBecomesTheArchiveLaterMembersMap() throws Exception {
        ClusterCds killed = ClusterCds.forMember("c2", "jobmanager", classPath);
        Path partial = flagPath(killed, "-XX:ArchiveClassesAtExit=");
        assertThat(killed.flags()).contains("-Xshare:auto", "-Xlog:cds=off");
        Files.write(partial, new byte[] {1, 2, 3});
        killed.settle(OptionalInt.of(137));
        assertThat(partial).doesNotExist();
        assertThat(ClusterCds.forMember("c3", "jobmanager", classPath).records()).isTrue();

        ClusterCds stopped = ClusterCds.forMember("c3", "jobmanager", classPath);
        Path written = flagPath(stopped, "-XX:ArchiveClassesAtExit=");
        Files.write(written, new byte[] {1, 2, 3});
        stopped.settle(OptionalInt.of(143)); // SIGTERM: the JVM wrote its archive on the way out
        assertThat(written).doesNotExist();

        ClusterCds jm = ClusterCds.forMember("c4", "jobmanager", classPath);
        assertThat(jm.records()).isFalse();
        Path archive = flagPath(jm, "-XX:SharedArchiveFile=");
        assertThat(archive).exists().isEqualTo(jm.archive().orElseThrow()).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(archive.getFileName().toString()).startsWith("jobmanager-").endsWith(".jsa");
        Files.delete(archive);
    }
}
