package ckpt.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClusterTest {
    @Test
    void aRunAskingForOtherManagedMemoryGetsAClusterWithIt() throws Exception {
        Run r = Runs.run(Experiment.defaults().keys(2_000).seconds(1).interval("300ms").managedMemory("256m")
                .name("mm256"));
        assertThat(r.status()).isEqualTo("FINISHED");
        assertThat(r.environment()).containsEntry("managed_memory", "256m");
        // Flink's own view of the TaskManager: 256 MiB of managed memory
        String tms = get(Cluster.get("256m").restAddress().resolve("/taskmanagers"));
        assertThat(tms).contains("\"managedMemory\":" + (256L << 20));
        Cluster previous = Cluster.get("256m");
        assertThat(Cluster.get("256 mb")).isSameAs(previous); // same size, written differently: no restart
        assertThat(Cluster.get("1g")).isNotSameAs(previous);
        assertThat(Cluster.running()).isTrue();
        assertThatThrownBy(() -> Experiment.defaults().managedMemory("lots"))
                .isInstanceOf(ckpt.CkptException.class).hasMessageContaining("managedMemory 'lots'");
        Cluster.shutdown();
    }

    static String get(URI uri) throws Exception {
        HttpURLConnection http = (HttpURLConnection) uri.toURL().openConnection();
        return new String(http.getInputStream().readAllBytes());
    }

    @Test
    void oneLongLivedClusterOnLoopbackWithDashboardAndItsTemporaryFilesGoAtShutdown() throws Exception {
        Cluster.shutdown();
        Cluster c = Cluster.get();
        assertThat(Cluster.get()).isSameAs(c);
        Path tmp = c.tmpDir();
        assertThat(tmp).isDirectory();
        URI rest = c.restAddress();
        assertThat(rest.getHost()).isEqualTo("127.0.0.1");
        // the REST endpoint can answer 503 for a moment while the dispatcher comes up
        int code = 0;
        HttpURLConnection http = null;
        for (long end = System.currentTimeMillis() + 15_000; code != 200 && System.currentTimeMillis() < end; ) {
            http = (HttpURLConnection) rest.resolve("/overview").toURL().openConnection();
            code = http.getResponseCode();
            if (code != 200) {
                Thread.sleep(200);
            }
        }
        assertThat(code).isEqualTo(200);
        assertThat(new String(http.getInputStream().readAllBytes())).contains("\"flink-version\":\"2.3.0\"");
        Cluster.shutdown();
        assertThat(Cluster.running()).isFalse();
        assertThat(Files.exists(tmp)).isFalse();
    }
}
