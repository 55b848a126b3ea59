package ckpt.target;

/**
 * A separate JVM that starts a 1 × 1 cluster and prints one line ({@code cluster NAME JM_PID TM_PID}); then, with
 * {@code wait}, waits to be killed, with {@code exit}, exits at once (its shutdown hook must stop the cluster).
 */
public final class OrphanOwner {
    private OrphanOwner() {
    }

    public static void main(String[] args) throws Exception {
        LocalCluster c = LocalCluster.start(1, 1);
        StringBuilder line = new StringBuilder("cluster ").append(c.name());
        c.processes().forEach(h -> line.append(' ').append(h.pid()));
        System.out.println(line);
        System.out.flush();
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
