package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.engine.Runs;
import ckpt.model.Experiment;
import ckpt.model.Run;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class EmbeddedTest {
    @AfterAll
    static void shutdown() {
        Targets.stopOwned();
    }

    @Test
    void aRunAskingForOtherManagedMemoryGetsAClusterWithIt() {
        Run r = Runs.run(Experiment.defaults().keys(2_000).seconds(1).interval("300ms").managedMemory("256m")
                .name("mm256"), Embedded.get());
        assertThat(r.status()).isEqualTo("FINISHED");
        assertThat(r.environment()).containsEntry("managed_memory", "256m");
        // Flink's own view of the TaskManager: 256 MiB of managed memory
        JsonNode tms = Embedded.get().rest().get("taskmanagers");
        assertThat(tms.path("taskmanagers").get(0).findValues("managedMemory")).extracting(JsonNode::asLong)
                .contains(256L << 20);
        URI before = Embedded.get().url();
        Embedded.get().prepare(Experiment.defaults().managedMemory("256 mb")); // same size written differently
        assertThat(Embedded.get().url()).isEqualTo(before);
        Embedded.get().prepare(Experiment.defaults());
        assertThat(Embedded.get().url()).isNotEqualTo(before);
        assertThat(Embedded.get().managedMemory()).isEqualTo("1g");
        assertThatThrownBy(() -> Experiment.defaults().managedMemory("lots"))
                .isInstanceOf(ckpt.error.CkptException.class).hasMessageContaining("managedMemory 'lots'");
    }

    @Test
    void everyServerOfTheEmbeddedClusterListensOnLoopbackOnly() throws IOException {
        Embedded e = Embedded.get();
        assertThat(e.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(e.rest().get("overview").path("flink-version").asText()).isEqualTo("2.3.0");
        List<String> listening = listeningAddresses(ProcessHandle.current().pid());
        // REST, the BLOB server and the RPC actor systems at least
        assertThat(listening).hasSizeGreaterThanOrEqualTo(2);
        assertThat(listening).as("listening sockets of this JVM").allMatch(EmbeddedTest::loopback);
        assertThat(e.describe()).startsWith("embedded · 1 TaskManager · 4 slots · Flink 2.3.0 · http://127.0.0.1:");
    }

    @Test
    void itsTemporaryFolderGoesAtStopAndFoldersOfDeadSessionsGoAtStart() throws IOException {
        Embedded e = Embedded.get();
        Path tmp = e.tmpDir();
        assertThat(tmp).isDirectory();
        assertThat(tmp.getFileName().toString()).startsWith("ckpt-flink-" + ProcessHandle.current().pid() + "-");
        e.stop();
        assertThat(e.running()).isFalse();
        assertThat(Files.exists(tmp)).isFalse();
        // a session killed with kill -9 leaves its folder behind; the next start removes it (its pid is gone)
        Path tmpRoot = Path.of(System.getProperty("java.io.tmpdir"));
        Path leftover = Files.createTempDirectory(tmpRoot, "ckpt-flink-" + deadPid() + "-");
        Files.writeString(leftover.resolve("librocksdbjni.so"), "x");
        Path alive = Files.createTempDirectory(tmpRoot, "ckpt-flink-" + ProcessHandle.current().pid() + "-");
        e.url();
        assertThat(leftover).doesNotExist();
        assertThat(alive).isDirectory();
        Files.delete(alive);
    }

    /** A pid no process has now. */
    static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }

    static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.startsWith("::ffff:127.");
    }

    /** Local addresses of the TCP sockets the process listens on (its socket inodes matched in /proc/net/tcp*). */
    static List<String> listeningAddresses(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String link = Files.readSymbolicLink(fd).toString();
                    if (link.startsWith("socket:[")) {
                        inodes.add(link.substring(8, link.length() - 1));
                    }
                } catch (IOException ex) {
                    // closed while we looked
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc/" + pid + "/net/" + table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) { // 0A = LISTEN
                    out.add(address(f[1].split(":")[0]) + ":" + Integer.parseInt(f[1].split(":")[1], 16));
                }
            }
        }
        return out;
    }

    /** /proc/net/tcp writes addresses as little-endian hex words. */
    private static String address(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(word * 8 + (3 - i) * 2, word * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        try {
            String s = java.net.InetAddress.getByAddress(b).getHostAddress();
            return s.equals("0:0:0:0:0:0:0:1") ? "::1" : s.startsWith("0:0:0:0:0:ffff:") ? "::ffff:" + s.substring(15) : s;
        } catch (java.net.UnknownHostException ex) {
            return hex;
        }
    }
}
