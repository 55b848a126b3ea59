package ckpt.target;

import java.util.List;

/**
 * A cluster left running by a session that died, and the JVMs {@link LocalCluster#reapOrphans()} stopped.
 *
 * @param cluster the cluster's folder name, e.g. {@code cluster-20261125-101530-4242-1}
 * @param ownerPid the pid of the JVM that had started it
 * @param stopped one entry per stopped JVM, e.g. {@code taskmanager-1 (pid 4321)}
 */
public record ReapedCluster(String cluster, long ownerPid, List<String> stopped) {
    public ReapedCluster {
        stopped = List.copyOf(stopped);
    }

    /** One line for the shell, e.g. {@code stopped cluster-… left by pid 4242: jobmanager (pid 4300), …}. */
    @Override
    public String toString() {
        return "stopped " + cluster + " left by pid " + ownerPid + ": " + String.join(", ", stopped);
    }
}
