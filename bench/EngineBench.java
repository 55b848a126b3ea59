import ckpt.engine.Cleanup;
import ckpt.engine.Runs;
import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.Embedded;
import ckpt.target.LocalTarget;
import ckpt.target.Target;
import ckpt.target.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import tech.tablesaw.api.Table;

/**
 * Engine benchmarks: overhead of run(), throughput vs a bare Flink program, time to build 1 GiB of state, and the
 * seed lab's question (incremental vs full at ≥ 500 MB). Prints Markdown; bench/engine.sh saves it.
 * Usage: EngineBench overhead|throughput|state|seed [scale] [embedded|local]   (scale < 1 shrinks sizes for a try;
 * local = a 2 × 2 standalone cluster of real JVMs, started by the benchmark). For a try, not for the recorded
 * figures: -Dbench.runs=N runs the overhead benchmark's experiment N times (6), -Dbench.idle=S waits S seconds after
 * a local cluster's start and throwaway job before the first measured run (0).
 */
public class EngineBench {
    static double scale = 1.0;
    static boolean local;
    static Target target;
    /** Parallelism of the measured job: 1 on the embedded target (as before), 2 on the local cluster. */
    static int parallelism = 1;
    /** Seconds of the local cluster's throwaway warm-up job, when it ran after the cluster start. */
    static double warmJob;

    public static void main(String[] args) throws Exception {
        if (args.length > 1) {
            scale = Double.parseDouble(args[1]);
        }
        local = args.length > 2 && args[2].equals("local");
        parallelism = local ? 2 : 1;
        Runs.listener(p -> { }); // progress lines would end up in the results file
        long t0 = System.nanoTime();
        target = local ? LocalTarget.lazy(2, 2) : Embedded.get();
        Targets.use(target);
        if (local && prewarm()) {
            // as `bin/ckpt-repl --local-cluster 2x2` does: the cluster starts in the background while the shell
            // warms the job's translation and the clients (Runs.warmUp, which waits for the cluster)
            Thread start = new Thread(target::url, "cluster-start");
            start.start();
            Runs.warmUp();
            start.join();
        } else if (local) {
            target.url();
        }
        double clusterStart = local ? (System.nanoTime() - t0) / 1e9 : 0;
        if (local) {
            // the throwaway job a cluster the tool starts runs before its first measured run (in the pre-warm
            // variant the shell's background warm-up already ran it, inside the cluster start measured above)
            warmJob = Runs.ready(target, p -> { }) / 1e3;
            Thread.sleep(Long.getLong("bench.idle", 0) * 1000);
        }
        switch (args[0]) {
            case "overhead" -> overhead(clusterStart);
            case "throughput" -> throughput();
            case "state" -> state();
            case "seed" -> seed();
            case "cache" -> cache();
            default -> throw new IllegalArgumentException("unknown benchmark " + args[0]);
        }
        Cleanup.cleanCheckpoints(0);
        Targets.stopOwned();
        System.exit(0);
    }

    /** overhead-prewarm: measure after the shell's background warm-up, as a user at the prompt gets it. */
    static boolean prewarm() {
        return System.getProperty("prewarm") != null;
    }

    static String where() {
        return local ? "local cluster 2 TaskManagers × 2 slots, p=2" : "embedded MiniCluster, p=1";
    }

    // ---- overhead: wall time of run() minus its configured steady seconds ----------------------------------
    static void overhead(double clusterStart) throws Exception {
        if (prewarm() && !local) {
            // as in the shell: the prompt is up, the cluster warms in the background while the user types
            Runs.warmUp();
        }
        Experiment e = Experiment.defaults().keys(1_000).valueBytes(64).seconds(3).interval("500ms")
                .parallelism(parallelism).name("overhead");
        List<String> rows = new ArrayList<>();
        double first = 0;
        List<Double> warm = new ArrayList<>();
        for (int i = 0; i < Integer.getInteger("bench.runs", 6); i++) {
            long t0 = System.nanoTime();
            Run r = Runs.run(e, target);
            double wall = (System.nanoTime() - t0) / 1e9;
            double over = wall - e.seconds();
            Table steady = r.steadyCheckpoints();
            String jit = r.environment().get("jit_cpu_ms");
            rows.add(String.format(Locale.ROOT, "| %s | %.2f s | %.2f s | %d ms | %s | %s |",
                    i == 0 ? (local ? "first (cluster already up)" : "first (cluster start)") : "warm " + i,
                    wall, over, r.warmupMillis(), jit == null ? "–" : String.format(Locale.ROOT, "%.1f s",
                            Long.parseLong(jit) / 1000.0),
                    steady.rowCount() == 0 ? "–" : String.format(Locale.ROOT, "%.0f ms",
                            steady.longColumn(CheckpointTable.DURATION_MS).median())));
            if (i == 0) {
                first = over;
            } else {
                warm.add(over);
            }
        }
        // the target's figure: the median of the first five warm runs (a series goes on to show how it settles)
        double warmMedian = median(warm.subList(0, Math.min(5, warm.size())));
        System.out.println("### Overhead of `run` (1,000 keys × 64 B, 3 s steady, interval 500 ms, " + where() + ")"
                + (prewarm() ? " — after the shell's background pre-warm" : " — cold JVM, no pre-warm") + "\n");
        if (local) {
            System.out.printf(Locale.ROOT, "Cluster start (1 JobManager + 2 TaskManager JVMs, until all slots registered%s): %.2f s%n%n",
                    prewarm() ? "; the shell's pre-warm, with the cluster's throwaway warm-up job, ran beside it"
                            : "", clusterStart);
            if (!prewarm()) {
                System.out.printf(Locale.ROOT, "Then the cluster's throwaway warm-up job (before any measured run): %.2f s%n%n",
                        warmJob);
            }
        }
        System.out.println("| run | wall | wall − 3 s | warm-up (first → last warm-up record) | JIT compilers' CPU"
                + " during the run | steady checkpoints, p50 duration |");
        System.out.println("|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%nFirst run overhead **+%.2f s** (target ≤ +3 s); warm runs median **+%.2f s** (target ≤ +0.5 s).%n%n",
                first, warmMedian);
        if (warm.size() >= 15) {
            System.out.printf(Locale.ROOT, "Warm runs 1–5: median +%.2f s; 6–10: +%.2f s; the last ten: +%.2f s.%n%n",
                    warmMedian, median(warm.subList(5, 10)), median(warm.subList(warm.size() - 10, warm.size())));
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    // ---- throughput: our job vs the same logic as a bare Flink program ------------------------------------
    /**
     * Rounds of each job. The TaskManagers' JIT warms up over the first rounds (the first is often half as fast as
     * the last), so the best of five compares warmed-up jobs.
     */
    static final int ROUNDS = 5;

    static void throughput() throws Exception {
        long n = (long) (1_000_000 * scale);
        int valueBytes = 100;
        List<Double> ours = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            bare.add(bare(n, valueBytes));
            // freshState: every round writes its records (the warm-state cache would restore them instead)
            Run r = filled(Runs.run(Experiment.defaults().keys(n).valueBytes(valueBytes).seconds(1)
                    .parallelism(parallelism).freshState().name("throughput"), target));
            // from the job's start (deployment included, as in the bare job's runtime) to the last warm-up record
            ours.add(n * 1000.0 / (r.timeline().warmupEnd() - r.timeline().jobStart()));
        }
        double o = ours.stream().mapToDouble(d -> d).max().orElse(0);
        double b = bare.stream().mapToDouble(d -> d).max().orElse(0);
        System.out.printf(Locale.ROOT, "### Throughput (%,d records, one ValueState<byte[%d]> read+write each, RocksDB, incremental, %s)%n%n",
                n, valueBytes, where());
        System.out.println("| job | best of " + ROUNDS + " | all rounds (records/s) |");
        System.out.println("|---|---|---|");
        System.out.printf(Locale.ROOT, "| ckpt-repl `run` warm-up | %,.0f rec/s | %s |%n", o, fmt(ours));
        System.out.printf(Locale.ROOT, "| bare Flink program (`env.execute`) | %,.0f rec/s | %s |%n", b, fmt(bare));
        List<Double> paired = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            paired.add(ours.get(i) / bare.get(i)); // each round runs bare, then ours, on the same host minute
        }
        paired.sort(null);
        System.out.printf(Locale.ROOT, "%nRatio ours ÷ bare: **%.2f×** (target ≥ 0.95×); median of the %d rounds' own ratios %.2f× (%s)."
                + " Ours is timed from the job's start to the last warm-up record"
                + " written; bare is Flink's net job runtime (start to finish, with no final checkpoint after its source ends) for the same record count on the same target.%n%n",
                o / b, ROUNDS, paired.get(ROUNDS / 2), String.join(" · ", paired.stream()
                        .map(d -> String.format(Locale.ROOT, "%.2f", d)).toList()));
    }

    static String fmt(List<Double> v) {
        return String.join(" · ", v.stream().map(d -> String.format(Locale.ROOT, "%,.0f", d)).toList());
    }

    /**
     * The same work as a plain Flink program: a bounded generator → keyBy → ValueState update → discard, run by
     * env.execute() on the same target (the local cluster gets it as a jar through a remote environment).
     */
    static double bare(long n, int valueBytes) throws Exception {
        Configuration c = new Configuration();
        // No final checkpoint once the generator ends: Flink would otherwise hold the finished tasks until the next
        // periodic checkpoint, time ours does not have — it stops at the last record.
        c.set(org.apache.flink.configuration.CheckpointingOptions.ENABLE_CHECKPOINTS_AFTER_TASKS_FINISH, false);
        c.setString("state.backend.type", "rocksdb");
        c.setString("execution.checkpointing.incremental", "true");
        // Checkpointing on, as in ours, but no checkpoint during the measured records: ours takes none during its
        // warm-up either (the source reports it as backlog, and runs set interval-during-backlog to 0).
        c.setString("execution.checkpointing.interval", "1 h");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("bare-ckpt");
        c.setString("execution.checkpointing.dir", dir.toUri().toString());
        StreamExecutionEnvironment env;
        if (local) {
            java.net.URI u = target.url();
            env = StreamExecutionEnvironment.createRemoteEnvironment(u.getHost(), u.getPort(), c, benchJar());
        } else {
            c.setString("taskmanager.memory.managed.size", Embedded.MANAGED_MEMORY);
            env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        }
        env.setParallelism(parallelism);
        BareJob.define(env, n, valueBytes);
        JobExecutionResult res = env.execute("bare");
        return n * 1000.0 / res.getNetRuntime();
    }

    /**
     * The bare job's pipeline. Its lambdas live here, not in EngineBench: a cluster deserializes a lambda through
     * its defining class, and EngineBench's fields name project classes a cluster's class loader does not have.
     */
    static final class BareJob {
        static void define(StreamExecutionEnvironment env, long n, int valueBytes) {
            // the engine's record type (key, amount): what crosses the network between TaskManagers is the same
            env.fromSource(new DataGeneratorSource<>(i -> Tuple2.of(i, 1.0), n, Types.TUPLE(Types.LONG, Types.DOUBLE)),
                            WatermarkStrategy.noWatermarks(), "gen")
                    .keyBy(t -> t.f0, Types.LONG)
                    .process(new BareUpdate(valueBytes))
                    .sinkTo(new DiscardingSink<>());
        }
    }

    /** This benchmark's classes as a jar, for the cluster's user-code class loader. */
    static String benchJar() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(EngineBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.nio.file.Path jar = java.nio.file.Files.createTempFile("engine-bench", ".jar");
        try (var out = new java.util.jar.JarOutputStream(java.nio.file.Files.newOutputStream(jar));
             var files = java.nio.file.Files.list(classes)) {
            for (java.nio.file.Path f : files.filter(p -> p.getFileName().toString().startsWith("EngineBench")).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry(f.getFileName().toString()));
                out.write(java.nio.file.Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        jar.toFile().deleteOnExit();
        return jar.toString();
    }

    /** The same per-record work as the engine's operator, written plainly. */
    public static class BareUpdate extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
        final int valueBytes;
        transient ValueState<byte[]> state;
        transient byte[] buf;
        transient long rnd;

        public BareUpdate(int valueBytes) {
            this.valueBytes = valueBytes;
        }

        @Override
        public void open(OpenContext ctx) {
            state = getRuntimeContext().getState(new ValueStateDescriptor<>("value", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
            buf = new byte[valueBytes];
            rnd = 42;
        }

        @Override
        public void processElement(Tuple2<Long, Double> in, Context ctx, Collector<Long> out) throws Exception {
            byte[] old = state.value();
            long count = old == null ? 0 : old[0];
            buf[0] = (byte) (count + 1);
            buf[8] = (byte) (old == null ? in.f1 : old[8] + in.f1);
            for (int i = 16; i < buf.length; i += 8) {
                rnd ^= rnd << 13;
                rnd ^= rnd >>> 7;
                rnd ^= rnd << 17;
                for (int b = 0; b < 8 && i + b < buf.length; b++) {
                    buf[i + b] = (byte) (rnd >>> (8 * b));
                }
            }
            state.update(buf);
        }
    }

    // ---- state build: seconds until a checkpoint reports ≥ 1 GiB of state --------------------------------
    static void state() {
        long keys = (long) (4_194_304 * scale);
        Run r = filled(Runs.run(Experiment.defaults().keys(keys).valueBytes(256).seconds(2).interval("2s")
                .parallelism(parallelism).freshState().name("state-1g"), target));
        Table done = CheckpointTable.completed(r.checkpoints());
        long reachedAt = -1;
        long size = 0;
        for (int i = 0; i < done.rowCount(); i++) {
            size = done.longColumn(CheckpointTable.STATE_BYTES).getLong(i);
            if (size >= (1L << 30) * scale) {
                reachedAt = done.longColumn(CheckpointTable.T_MS).getLong(i) + done.longColumn(CheckpointTable.DURATION_MS).getLong(i);
                break;
            }
        }
        System.out.printf(Locale.ROOT, "### State build (%,d keys × 256 B, incremental)%n%n", keys);
        System.out.printf(Locale.ROOT, "Warm-up (submit → all keys written): **%.1f s** (%,.0f records/s). First checkpoint reporting ≥ %s of state"
                        + " completed at **%.1f s** after submission (state %,d bytes). Target ≤ 60 s.%n%n",
                r.warmupMillis() / 1000.0, keys * 1000.0 / r.warmupMillis(), scale == 1 ? "1 GiB" : "the scaled size",
                reachedAt / 1000.0, size);
    }

    /** A run whose state was written by its own warm-up: a fill benchmark must never time a restore. */
    static Run filled(Run r) {
        if (!r.origin().kind().equals(ckpt.model.StateOrigin.FILLED.kind())) {
            throw new IllegalStateException(r.id() + " did not write its state (" + r.origin().kind() + ")");
        }
        return r;
    }

    // ---- warm state reused: the second run of the same settings starts from the cached warm-up -------------
    static void cache() {
        long keys = (long) (4_194_304 * scale);
        ckpt.engine.Cleanup.cleanCheckpoints(0); // an empty cache: the first run fills it
        Experiment e = Experiment.defaults().keys(keys).valueBytes(256).seconds(5).interval("2s")
                .parallelism(parallelism);
        Run first = Runs.run(e.mode("full").name("cache-fill"), target);
        Run second = Runs.run(e.mode("incremental").name("cache-hit"), target);
        double fill = (first.timeline().steadyStart() - first.timeline().jobStart()) / 1000.0;
        double hit = (second.timeline().steadyStart() - second.timeline().jobStart()) / 1000.0;
        long restoreMs = second.recoveries().rowCount() == 0 ? -1
                : second.recoveries().longColumn("restore_ms").getLong(0);
        System.out.printf(Locale.ROOT, "### Warm state reused (%,d keys × 256 B ≈ %s of state, %s)%n%n", keys,
                mib(first.finalStateBytes()), where());
        System.out.println("| run | state from | job start → steady | restore (Flink's span) |");
        System.out.println("|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| first | %s | %.1f s | – |%n", first.origin().kind(), fill);
        System.out.printf(Locale.ROOT, "| second | %s | %.1f s | %s |%n", second.origin().kind(), hit, ms(restoreMs));
        System.out.printf(Locale.ROOT, "%nSecond ÷ first: **%.2f×** (target ≤ 0.25×). The first run's time includes writing the"
                + " cache's native savepoint after its warm-up.%n%n", hit / fill);
        ckpt.engine.Cleanup.cleanCheckpoints(0);
    }

    // ---- the seed's question ---------------------------------------------------------------------------------
    static void seed() {
        long keys = (long) (2_000_000 * scale);
        // freshState: each run writes its own warm state (the same keys and values). The warm-state cache would hand
        // both modes byte-identical files, but each run's files are removed right after it to bound the disk used,
        // and that removal empties the cache too.
        Experiment base = Experiment.defaults().keys(keys).valueBytes(256).seconds(40).interval("5s")
                .parallelism(parallelism).freshState();
        System.out.printf(Locale.ROOT, "### Incremental vs full at %,d keys × 256 B (≈ %d MB of values), interval 5 s, 40 s steady, %s%n%n",
                keys, keys * 256 / 1_000_000, where());
        System.out.println("| churn asked | churn achieved (inc / full) | mode | steady ckpts | p50 duration | median checkpointed |"
                + " upload/s | final state | median ratio inc÷full | upload ratio inc÷full | p50 duration ratio inc÷full |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (double churn : new double[] {0.01, 0.05, 0.25, 1.0}) {
            Run full = filled(Runs.run(base.churn(churn).mode("full").name("full-c" + churn), target));
            Cleanup.cleanCheckpoints(0);
            Run inc = filled(Runs.run(base.churn(churn).mode("incremental").name("inc-c" + churn), target));
            Cleanup.cleanCheckpoints(0);
            double[] f = stats(full);
            double[] i = stats(inc);
            String achieved = String.format(Locale.ROOT, "%.3f / %.3f", achieved(inc, keys), achieved(full, keys));
            double fUp = upload(full);
            double iUp = upload(inc);
            System.out.printf(Locale.ROOT, "| %.2f | %s | FULL | %d | %s | %s | %s/s | %s | | | |%n", churn, achieved,
                    (int) f[0], ms(f[1]), mib(f[2]), mib(fUp), mib(full.finalStateBytes()));
            System.out.printf(Locale.ROOT, "| %.2f | | INCREMENTAL | %d | %s | %s | %s/s | %s | **%.3f×** | **%.3f×** | **%.2f×** |%n",
                    churn, (int) i[0], ms(i[1]), mib(i[2]), mib(iUp), mib(inc.finalStateBytes()), i[2] / f[2], iUp / fUp,
                    i[1] / f[1]);
        }
        System.out.println("\nGoal at churn 0.05: median size ratio ≤ 0.15 and p50 duration ratio ≤ 0.5. The upload ratio (bytes sent to"
                + " storage per second, compaction re-uploads included) is what bandwidth and storage cost follow. Churn achieved ="
                + " steady records ÷ keys ÷ steady intervals (below the asked churn when the machine cannot write that fast). Each"
                + " run writes its own warm state (the same keys and values; the warm-state cache is not used).\n");
    }

    static double[] stats(Run r) {
        Table s = r.steadyCheckpoints();
        if (s.rowCount() == 0) {
            return new double[] {0, Double.NaN, Double.NaN};
        }
        return new double[] {s.rowCount(), s.longColumn(CheckpointTable.DURATION_MS).median(),
                s.longColumn(CheckpointTable.CHECKPOINTED_BYTES).median()};
    }

    static double achieved(Run r, long keys) {
        double intervals = r.steadyMillis() / (double) r.experiment().interval().toMillis();
        return r.steadyRecords() / (double) keys / intervals;
    }

    /** Bytes uploaded per second of steady: the sum of checkpointed bytes over steady completed checkpoints. */
    static double upload(Run r) {
        Table s = r.steadyCheckpoints();
        return r.steadyMillis() <= 0 ? Double.NaN
                : s.longColumn(CheckpointTable.CHECKPOINTED_BYTES).sum() * 1000.0 / r.steadyMillis();
    }

    static String ms(double v) {
        return Double.isNaN(v) ? "–" : v < 1000 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.2f s", v / 1000);
    }

    static String mib(double b) {
        return Double.isNaN(b) ? "–" : String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
    }
}
