package ckpt.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ClusterTest {
    @Test
    void oneLongLivedClusterOnLoopbackWithDashboardAndItsTemporaryFilesGoAtShutdown() throws Exception {
        Cluster.shutdown();
        Cluster c = Cluster.get();
        assertThat(Cluster.get()).isSameAs(c);
        Path tmp = c.tmpDir();
        assertThat(tmp).isDirectory();
        URI rest = c.restAddress();
        assertThat(rest.getHost()).isEqualTo("127.0.0.1");
        HttpURLConnection http = (HttpURLConnection) rest.resolve("/overview").toURL().openConnection();
        assertThat(http.getResponseCode()).isEqualTo(200);
        assertThat(new String(http.getInputStream().readAllBytes())).contains("\"flink-version\":\"2.3.0\"");
        Cluster.shutdown();
        assertThat(Cluster.running()).isFalse();
        assertThat(Files.exists(tmp)).isFalse();
    }
}
