package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ckpt.error.CkptException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class LocalClusterFailureTest {
    @Test
    void aClusterThatCannotStartStopsWhatItStartedAndSaysWhichLogToRead() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CkptException e = catchThrowableOfType(CkptException.class,
                    () -> LocalCluster.start(1, 1, Map.of("rest.port", Integer.toString(port))));

            assertThat(e).isNotNull();
            String msg = e.getMessage();
            assertThat(msg).doesNotContain("\n").contains("the jobmanager JVM exited", "REST port " + port);
            Matcher m = Pattern.compile("see (\\S+jobmanager\\.log)$").matcher(msg);
            assertThat(m.find()).as(msg).isTrue();
            Path log = Path.of(m.group(1));
            assertThat(Files.readString(log)).contains("Could not start rest endpoint on any port in port range " + port);

            Matcher n = Pattern.compile("(cluster-\\d{8}-\\d{6}-\\d+-\\d+)").matcher(msg);
            assertThat(n.find()).as(msg).isTrue();
            String name = n.group(1);
            assertThat(Proc.pgrep(name)).as("JVMs of the failed start").isEmpty();
            assertThat(Reaper.clustersDir().resolve(name)).doesNotExist();
        }
    }
}
