package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import ckpt.model.SubtaskTable;
import ckpt.target.Target;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * Flink code written in a shell session, measured: a MapState function and a windowed pipeline defined as
 * snippets run on the embedded cluster (whose user-code class loader cannot see the shell's classes: they must
 * come from the job jar) and on a local cluster of two TaskManager JVMs, its state growing as planned; a failure
 * in snippet code names the snippet's own line; code that cannot work on a cluster is refused in one line. The Flink types come from the session's own imports: no import is typed here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnippetJobTest {
    static final int KEYS = 4_000;
    SnippetSession s;

    @BeforeAll
    void define() {
        s = new SnippetSession();
        // every record adds one 100-byte entry to its key's MapState: the state grows by a known amount
        s.ok("""
                class MapGrowth extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
                    private transient ValueState<Long> count;
                    private transient MapState<Long, byte[]> entries;
                    private transient Random random;
                    @Override
                    public void open(OpenContext ctx) {
                        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
                        entries = getRuntimeContext().getMapState(
                                new MapStateDescriptor<>("entries", Long.class, byte[].class));
                        random = new Random(7);
                    }
                    @Override
                    public void processElement(Tuple2<Long, Double> in, Context ctx, Collector<Long> out)
                            throws Exception {
                        long n = count.value() == null ? 0 : count.value();
                        byte[] payload = new byte[100];
                        random.nextBytes(payload); // incompressible: RocksDB's files grow with the entries
                        entries.put(n, payload);
                        count.update(n + 1);
                    }
                }""");
        s.ok("var base = experiment().keys(" + KEYS + ").churn(0.25).seconds(3).interval(\"500ms\");");
    }

    @AfterAll
    void close() {
        s.close();
    }

    @Test
    void aMapStateFunctionFromASnippetRunsInBothModesAndItsStateGrowsAsPlanned() throws Exception {
        s.ok("var mf = run(base.mode(\"full\").function(new MapGrowth()).name(\"snip-map-full\"));");
        s.ok("var mi = run(base.mode(\"incremental\").function(new MapGrowth()).name(\"snip-map-inc\"));");
        for (String name : List.of("mf", "mi")) {
            Run r = (Run) s.value(name);
            assertMeasured(r, "MapGrowth");
            assertGrowsAsPlanned(r);
            // the embedded cluster's class loader cannot see the shell's classes: they came from the job jar
            assertThat(jarEntries(r)).anyMatch(n -> n.startsWith("REPL/") && n.endsWith("$MapGrowth.class"));
        }
        Table cmp = (Table) s.value("compare(mf, mi)");
        assertThat(cmp.rowCount()).isEqualTo(3); // two runs and the incremental ÷ full row
    }

    @Test
    void aWindowedPipelineOverTheTransactionsRunsInBothModesAndIsReportedByItsOperator() {
        s.ok("var tx = loadCsv(\"data/transactions.csv\");");
        // a method, so the window length travels as a parameter (a top-level variable would be 0 on a cluster)
        s.ok("""
                Pipeline sums(long millis) {
                    return events -> events.keyBy(e -> e.f0)
                            .window(TumblingProcessingTimeWindows.of(Duration.ofMillis(millis)))
                            .sum(1).name("sum-per-account");
                }""");
        s.ok("var byAccount = experiment().source(tx).seconds(3).interval(\"500ms\").pipeline(sums(500));");
        s.ok("var wf = run(byAccount.mode(\"full\").name(\"snip-win-full\"));");
        s.ok("var wi = run(byAccount.mode(\"incremental\").name(\"snip-win-inc\"));");
        long rows = ((Table) s.value("tx")).rowCount();
        for (String name : List.of("wf", "wi")) {
            Run r = (Run) s.value(name);
            assertMeasured(r, "sum-per-account");
            assertThat(r.steadyCheckpoints().longColumn(CheckpointTable.STATE_BYTES).max()).isPositive();
            // every row of the table went through the window once in warm-up
            assertThat(r.records()).isEqualTo(rows + r.steadyRecords());
        }
        Table cmp = (Table) s.value("compare(wf, wi)");
        assertThat(cmp.stringColumn("run").asList()).startsWith("snip-win-full", "snip-win-inc");
    }

    @Test
    void aPipelineThatJoinsASecondGeneratedStreamReportsOnItsTwoInputOperator() {
        // each account's limit comes from a second stream; the co-function keeps it in keyed state
        s.ok("""
                class OverLimit extends KeyedCoProcessFunction<Long, Tuple2<Long, Double>, Tuple2<Long, Double>, Long> {
                    private transient ValueState<Double> limit;
                    @Override
                    public void open(OpenContext ctx) {
                        limit = getRuntimeContext().getState(new ValueStateDescriptor<>("limit", Types.DOUBLE));
                    }
                    @Override
                    public void processElement1(Tuple2<Long, Double> e, Context ctx, Collector<Long> out)
                            throws Exception {
                        if (limit.value() != null && e.f1 > limit.value()) {
                            out.collect(e.f0);
                        }
                    }
                    @Override
                    public void processElement2(Tuple2<Long, Double> l, Context ctx, Collector<Long> out)
                            throws Exception {
                        limit.update(l.f1);
                    }
                }""");
        s.ok("""
                Pipeline overLimits(long accounts) {
                    return events -> {
                        DataStream<Tuple2<Long, Double>> limits = events.getExecutionEnvironment()
                                .fromSequence(0, accounts - 1).map(k -> Tuple2.of(k, 100.0))
                                .returns(Types.TUPLE(Types.LONG, Types.DOUBLE)).name("limits");
                        return events.connect(limits).keyBy(e -> e.f0, l -> l.f0)
                                .process(new OverLimit()).name("over-limit");
                    };
                }""");
        s.ok("var joined = run(base.mode(\"incremental\").pipeline(overLimits(" + KEYS + ")).name(\"snip-join\"));");
        Run r = (Run) s.value("joined");
        assertMeasured(r, "over-limit");
        assertThat(r.steadyCheckpoints().longColumn(CheckpointTable.STATE_BYTES).max()).isPositive();
        // the records counted are those into the keyed operator: the harness's and the limits
        assertThat(r.records()).isEqualTo(2L * KEYS + r.steadyRecords());
    }

    @Test
    void theSameFunctionAndAnApplicationJarRunOnALocalClusterOfTwoTaskManagerJvms(@TempDir Path tmp)
            throws Exception {
        Path app = ckpt.engine.AppJars.build(tmp, "acme.CountJob");
        s.ok("var lc = localCluster(2, 1);");
        Target lc = (Target) s.value("lc");
        try {
            s.ok("var ml = run(base.mode(\"incremental\").parallelism(2).function(new MapGrowth())"
                    + ".name(\"snip-map-local\"), lc);");
            Run r = (Run) s.value("ml");
            assertThat(r.target()).startsWith("local · 2 TaskManagers");
            assertMeasured(r, "MapGrowth");
            assertGrowsAsPlanned(r);
            Table st = r.subtasks().where(r.subtasks().stringColumn(SubtaskTable.OPERATOR).containsString("MapGrowth"));
            assertThat(st.longColumn(SubtaskTable.SUBTASK).unique().asList()).containsExactlyInAnyOrder(0L, 1L);
            // the same call as on the embedded cluster: an application jar, measured from its first checkpoint
            s.ok("var acme = run(experiment().mode(\"incremental\").interval(\"400ms\").seconds(3).jar(\""
                    + app.toString().replace("\\", "\\\\") + "\").args(\"--keys\", \"500\", \"--rate\", \"1000\")"
                    + ".name(\"acme-local\"), lc);");
            Run a = (Run) s.value("acme");
            assertThat(a.status()).isEqualTo("FINISHED");
            assertThat(a.target()).startsWith("local · 2 TaskManagers");
            assertThat(a.steadyCheckpoints().rowCount()).isGreaterThanOrEqualTo(3);
            assertThat(a.steadyCheckpoints().longColumn(CheckpointTable.STATE_BYTES).max()).isPositive();
        } finally {
            List<ProcessHandle> jvms = ((ckpt.target.LocalTarget) lc).cluster().processes();
            lc.stop();
            assertThat(jvms).noneMatch(ProcessHandle::isAlive);
        }
    }

    @Test
    void snippetCodeThatFailsWhileTheJobRunsIsNamedByItsSnippetLineAndTheShellGoesOn() {
        s.ok("""
                class Boom extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Double> {
                    @Override
                    public void processElement(Tuple2<Long, Double> e, Context ctx, Collector<Double> out) {
                        if (e.f0 == 42L) {
                            throw new IllegalStateException("account 42");
                        }
                    }
                }""");
        String failure = s.fails("run(base.function(new Boom()).seconds(30).name(\"snip-boom\"))");
        assertThat(failure).contains("IllegalStateException: account 42")
                .containsPattern("Boom\\.processElement \\(snippet \\d+, line 5\\)")
                .doesNotContain("\n").doesNotContain("$JShell$");
        assertThat(s.value("1 + 1")).isEqualTo(2);
    }

    @Test
    void aLambdaThatReadsATopLevelVariableIsRefusedWhereTheExperimentIsMade() {
        s.ok("long minimum = 10;");
        String failure = s.fails("base.pipeline(events -> events.filter(e -> e.f0 > minimum).keyBy(e -> e.f0).sum(1))");
        assertThat(failure).contains("reads top-level variable 'minimum'").contains("pass it as a parameter")
                .doesNotContain("\n");
        s.ok("class Holder extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Double> {"
                + " java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();"
                + " public void processElement(Tuple2<Long, Double> e, Context c, Collector<Double> o) {} }");
        assertThat(s.fails("base.function(new Holder())")).contains("field 'client'")
                .contains("is not serializable").doesNotContain("\n");
        assertThat(s.value("2 + 2")).isEqualTo(4);
    }

    private static void assertMeasured(Run r, String operator) {
        assertThat(r.status()).isEqualTo("FINISHED");
        assertThat(r.steadyCheckpoints().rowCount()).isGreaterThanOrEqualTo(3);
        assertThat(r.subtasks().stringColumn(SubtaskTable.OPERATOR).asList()).anyMatch(o -> o.contains(operator));
    }

    /**
     * The gate checkpoint holds one entry per key; every steady record adds one more of the same size, so the last
     * steady checkpoint holds between half and all of the steady records on top (it was taken before the end of
     * the window), at the gate's bytes per entry; and every steady checkpoint is larger than the one before.
     */
    private static void assertGrowsAsPlanned(Run r) {
        long written = KEYS + r.steadyRecords();
        if (r.target().startsWith("embedded")) {
            assertThat(r.records()).isEqualTo(written);
        } else { // across TaskManagers a handful may still be in a network buffer when the job is cancelled
            assertThat(r.records()).isBetween(written - Math.max(1, r.steadyRecords() / 100), written);
        }
        Table done = CheckpointTable.completed(r.checkpoints());
        Table steady = r.steadyCheckpoints();
        long gateBytes = done.where(done.longColumn(CheckpointTable.CHECKPOINT_ID).isEqualTo(r.timeline().gate()))
                .longColumn(CheckpointTable.STATE_BYTES).getLong(0);
        double perEntry = (double) gateBytes / KEYS;
        assertThat(perEntry).isBetween(100.0, 200.0);
        double entriesAtLast = steady.longColumn(CheckpointTable.STATE_BYTES).getLong(steady.rowCount() - 1) / perEntry;
        assertThat(entriesAtLast).isBetween(KEYS + 0.5 * r.steadyRecords(), 1.05 * (KEYS + r.steadyRecords()));
        List<Long> sizes = steady.longColumn(CheckpointTable.STATE_BYTES).asList();
        for (int i = 1; i < sizes.size(); i++) {
            assertThat(sizes.get(i)).isGreaterThan(sizes.get(i - 1));
        }
    }

    private static List<String> jarEntries(Run r) throws Exception {
        try (JarFile jar = new JarFile(r.dir().resolve("job.jar").toFile())) {
            List<String> names = new ArrayList<>();
            Collections.list(jar.entries()).forEach(e -> names.add(e.getName()));
            return names;
        }
    }
}
