import ckpt.engine.Runs;
import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * S3 overhead: checkpoint duration on the embedded S3 server (no added latency) ÷ on local disk, for the same
 * experiment (same keys, values, churn and seed, so the same state) in one benchmark run, FULL and INCREMENTAL,
 * local disk and S3 alternating. Prints Markdown; bench/s3.sh saves it.
 * Usage: S3Bench [scale]
 */
public class S3Bench {
    public static void main(String[] args) {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        long keys = Math.max(10_000, (long) (200_000 * scale));
        int seconds = Math.max(4, (int) (10 * scale));
        Runs.listener(p -> { });
        Experiment base = Experiment.defaults().keys(keys).valueBytes(256).seconds(seconds).interval("1s");
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "### S3 overhead (%,d keys × 256 B, %d s steady, interval 1 s, embedded target, no added latency)%n%n",
                keys, seconds));
        out.append("| mode | p50 duration, disk | p50 duration, S3 | S3 ÷ disk | p50 async, disk | p50 async, S3 | median checkpointed | requests per steady checkpoint (PUT/HEAD/LIST/DELETE) |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (String mode : new String[] {"full", "incremental"}) {
            // alternate which goes first, so neither always gets the warmer JVM
            boolean s3First = mode.equals("incremental");
            Run a = Runs.run(base.mode(mode).storage(s3First ? "s3" : "local").name(mode + (s3First ? "-s3" : "-disk")), Embedded.get());
            Run b = Runs.run(base.mode(mode).storage(s3First ? "local" : "s3").name(mode + (s3First ? "-disk" : "-s3")), Embedded.get());
            Run disk = s3First ? b : a;
            Run s3 = s3First ? a : b;
            double d = p50(disk, CheckpointTable.DURATION_MS);
            double s = p50(s3, CheckpointTable.DURATION_MS);
            Table st = s3.steadyCheckpoints();
            int n = st.rowCount();
            out.append(String.format(Locale.ROOT, "| %s | %.0f ms | %.0f ms | **%.2f×** | %.0f ms | %.0f ms | %.1f MiB | %.1f / %.1f / %.1f / %.1f |%n",
                    mode.toUpperCase(Locale.ROOT), d, s, s / d, p50(disk, CheckpointTable.ASYNC_MS),
                    p50(s3, CheckpointTable.ASYNC_MS), p50(s3, CheckpointTable.CHECKPOINTED_BYTES) / 1048576.0,
                    st.longColumn("s3_put").sum() / n, st.longColumn("s3_head").sum() / n,
                    st.longColumn("s3_list").sum() / n, st.longColumn("s3_delete").sum() / n));
        }
        System.out.println(out);
        Targets.stopOwned();
        System.exit(0);
    }

    static double p50(Run r, String column) {
        return r.steadyCheckpoints().longColumn(column).median();
    }
}
