package ckpt.target;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** What Linux's /proc says about a process: listening sockets, open files, state; plus pgrep and kill. */
final class Proc {
    private Proc() {
    }

    /** A listening TCP socket. */
    record Listener(InetAddress address, int port) {
        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port;
        }
    }

    /**
     * Every TCP socket in LISTEN state owned by {@code pid}: the socket inodes among its open file descriptors,
     * matched with the LISTEN rows of its network namespace's {@code net/tcp} and {@code net/tcp6}.
     */
    static List<Listener> listeners(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        for (Path fd : fds(pid)) {
            String target = readLink(fd);
            if (target.startsWith("socket:[")) {
                inodes.add(target.substring(8, target.length() - 1));
            }
        }
        List<Listener> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            Path f = Path.of("/proc", Long.toString(pid), "net", table);
            if (!Files.exists(f)) {
                continue;
            }
            List<String> rows = Files.readAllLines(f);
            for (String line : rows.subList(1, rows.size())) {
                String[] c = line.trim().split("\\s+");
                // c[1] local address, c[3] state (0A = LISTEN), c[9] inode
                if (c.length > 9 && c[3].equals("0A") && inodes.contains(c[9])) {
                    String[] hostPort = c[1].split(":");
                    out.add(new Listener(address(hostPort[0]), Integer.parseInt(hostPort[1], 16)));
                }
            }
        }
        return out;
    }

    /** /proc/net/tcp prints each 32-bit word of the address in host (little-endian) order. */
    static InetAddress address(String hex) throws IOException {
        byte[] b = new byte[hex.length() / 2];
        for (int word = 0; word < b.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = (word * 4 + 3 - i) * 2;
                b[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(b);
    }

    static List<Path> fds(long pid) throws IOException {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return s.toList();
        }
    }

    static String readLink(Path p) {
        try {
            return Files.readSymbolicLink(p).toString();
        } catch (IOException e) {
            return ""; // closed meanwhile
        }
    }

    /** Where a process's file descriptor points: a file path, {@code pipe:[…]}, {@code /dev/pts/…}. */
    static String fdTarget(long pid, int fd) {
        return readLink(Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd)));
    }

    /** The one-letter state in /proc/PID/stat (R, S, T = stopped, Z = zombie), or "" if gone. */
    static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            return "";
        }
    }

    /** pids of processes whose command line contains {@code text} ({@code pgrep -f}). */
    static List<Long> pgrep(String text) throws Exception {
        Process p = new ProcessBuilder("pgrep", "-f", text).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().filter(l -> !l.isBlank()).map(l -> Long.parseLong(l.trim()))
                .filter(pid -> pid != ProcessHandle.current().pid()).toList();
    }

    static void signal(String signal, long... pids) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
        for (long pid : pids) {
            cmd.add(Long.toString(pid));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    /** Waits until none of {@code pids} is alive; returns the survivors. */
    static List<Long> awaitGone(List<Long> pids, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        List<Long> alive = pids;
        while (true) {
            alive = alive.stream().filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .toList();
            if (alive.isEmpty() || System.currentTimeMillis() > end) {
                return alive;
            }
            Thread.sleep(100);
        }
    }
}
