package ckpt.shell;

import ckpt.error.CkptException;
import ckpt.target.LocalCluster;
import ckpt.target.LocalTarget;
import ckpt.target.ReapedCluster;
import ckpt.target.Remote;
import ckpt.target.Targets;

/**
 * The target a session starts on ({@code --cluster URL}, {@code --local-cluster 2x2}, or the embedded default), and
 * the clean-up of local clusters a killed session left behind.
 */
final class SessionTarget {
    static final long REAP_DELAY_MS = 1_500;
    private SessionTarget() {
    }

    /** The session's target options as typed for bin/ckpt-repl ("" for the embedded default): /save names them. */
    private static volatile String options = "";

    static String options() {
        return options;
    }

    /**
     * The target options a replay of this session needs, as a shell command line takes them: {@code --cluster URL},
     * or {@code --local-cluster 2x2} with its {@code -D key=value}s (quoted where a shell would split them).
     */
    static String options(String clusterUrl, String localShape, java.util.Map<String, String> clusterConfig) {
        if (clusterUrl != null) {
            return "--cluster " + quoted(clusterUrl);
        }
        if (localShape == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder("--local-cluster ").append(quoted(localShape));
        new java.util.TreeMap<>(clusterConfig).forEach((k, v) -> sb.append(" -D ").append(quoted(k + "=" + v)));
        return sb.toString();
    }

    private static String quoted(String word) {
        return word.matches("[A-Za-z0-9_./:=,+@%-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /** @param clusterConfig the {@code -D} keys as typed, for /save's replay line */
    static void start(String clusterUrl, String localShape, java.util.Map<String, String> clusterConfig) {
        options = options(clusterUrl, localShape, clusterConfig);
        reapInBackground();
        try {
            if (clusterUrl != null) {
                Remote r = Remote.connect(clusterUrl);
                Targets.use(r);
                Router.STDERR.println("  target: " + r.describe());
            } else if (localShape != null) {
                int[] shape = Targets.shape(localShape);
                // Started in the background: the first run waits for it, the prompt does not. With the session's
                // -D keys (LocalTarget.sessionKeys, set by Main).
                LocalTarget t = LocalTarget.lazy(shape[0], shape[1]);
                Targets.use(t);
                Thread start = new Thread(() -> {
                    try {
                        t.url();
                    } catch (RuntimeException e) {
                        Router.STDERR.println("  local cluster: " + e.getMessage());
                    }
                }, "ckpt-local-cluster-start");
                start.setDaemon(true);
                start.start();
                StringBuilder keys = new StringBuilder();
                LocalTarget.sessionKeys().forEach((k, v) -> keys.append(keys.length() == 0
                        ? " with " : ", ").append(k).append('=').append(v));
                Router.STDERR.println("  target: local cluster " + shape[0] + "×" + shape[1] + keys
                        + " (starting in the background; runs wait for it)");
            }
        } catch (CkptException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /**
     * Local clusters of sessions that were killed are stopped at the next start, and their cut-short runs get a
     * summary; both are said. A moment after the start, at low priority: the check loads Jackson and the cluster
     * classes (~150 classes, ~0.1 s of CPU), which on two cores would compete with the JShell's first compile and
     * delay the first result. A session that ends sooner leaves the check to the next one.
     */
    private static void reapInBackground() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(REAP_DELAY_MS);
            } catch (InterruptedException e) {
                return;
            }
            try {
                for (ReapedCluster r : LocalCluster.reapOrphans()) {
                    Router.STDERR.println("  " + r);
                }
                for (String run : ckpt.engine.CutShort.repair()) {
                    Router.STDERR.println("  run " + run + " was cut short by the end of its session: summary.json "
                            + "written from its files");
                }
            } catch (RuntimeException | LinkageError e) {
                org.slf4j.LoggerFactory.getLogger(SessionTarget.class).info("orphan check skipped", e);
            }
        }, "ckpt-reap");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
