package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import ckpt.model.SubtaskTable;
import ckpt.target.Target;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * Flink code written in a shell session, measured: a MapState function and a windowed pipeline defined as
 * snippets run on the embedded cluster (whose user-code class loader cannot see the shell's classes: they must
 * come from the job jar) and on a local cluster of two TaskManager JVMs, and a failure in snippet code names the
 * snippet's own line. The Flink types come from the session's own imports: no import is typed here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SnippetJobTest {
    SnippetSession s;

    @BeforeAll
    void define() {
        s = new SnippetSession();
        s.ok("""
                class LastAmounts extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Double> {
                    private transient MapState<Integer, Double> byBucket;
                    @Override
                    public void open(OpenContext ctx) {
                        byBucket = getRuntimeContext().getMapState(
                                new MapStateDescriptor<>("by-bucket", Integer.class, Double.class));
                    }
                    @Override
                    public void processElement(Tuple2<Long, Double> e, Context ctx, Collector<Double> out)
                            throws Exception {
                        byBucket.put((int) (e.f0 % 4), e.f1);
                    }
                }""");
        s.ok("var base = experiment().keys(4_000).valueBytes(64).seconds(3).interval(\"300ms\");");
    }

    @AfterAll
    void close() {
        s.close();
    }

    @Test
    void aMapStateFunctionFromASnippetRunsInBothModesOnTheEmbeddedCluster() throws Exception {
        s.ok("var mf = run(base.mode(\"full\").function(new LastAmounts()).name(\"snip-map-full\"));");
        s.ok("var mi = run(base.mode(\"incremental\").function(new LastAmounts()).name(\"snip-map-inc\"));");
        for (String name : List.of("mf", "mi")) {
            Run r = (Run) s.value(name);
            assertMeasured(r, "LastAmounts");
            // 4 entries per key at most: the state is far smaller than a value state of 64 B per key would be,
            // and not empty
            assertThat(CheckpointTable.lastCompleted(r.checkpoints(), CheckpointTable.STATE_BYTES)).isPositive();
            assertThat(snippetEntries(r)).anyMatch(n -> n.startsWith("REPL/") && n.endsWith("$LastAmounts.class"));
        }
        Table cmp = (Table) s.value("compare(mf, mi)");
        assertThat(cmp.rowCount()).isEqualTo(3); // two runs and the incremental ÷ full row
    }

    @Test
    void aWindowedPipelineFromASnippetMethodRunsAndIsReportedByItsOperator() {
        // a method, so the window length travels as a parameter (a top-level variable would be 0 on a cluster)
        s.ok("""
                Pipeline sums(long millis) {
                    return events -> events.keyBy(e -> e.f0)
                            .window(TumblingProcessingTimeWindows.of(Duration.ofMillis(millis)))
                            .sum(1).name("sum-per-account");
                }""");
        s.ok("var wf = run(base.mode(\"full\").pipeline(sums(200)).name(\"snip-win-full\"));");
        s.ok("var wi = run(base.mode(\"incremental\").pipeline(sums(200)).name(\"snip-win-inc\"));");
        for (String name : List.of("wf", "wi")) {
            assertMeasured((Run) s.value(name), "sum-per-account");
        }
        Table cmp = (Table) s.value("compare(wf, wi)");
        assertThat(cmp.rowCount()).isEqualTo(3);
    }

    @Test
    void theSameFunctionRunsOnALocalClusterOfTwoTaskManagerJvms() {
        s.ok("var lc = localCluster(2, 1);");
        Target lc = (Target) s.value("lc");
        try {
            s.ok("var ml = run(base.mode(\"incremental\").parallelism(2).function(new LastAmounts())"
                    + ".name(\"snip-map-local\"), lc);");
            Run r = (Run) s.value("ml");
            assertThat(r.target()).startsWith("local · 2 TaskManagers");
            assertMeasured(r, "LastAmounts");
            Table st = r.subtasks().where(r.subtasks().stringColumn(SubtaskTable.OPERATOR).containsString("LastAmounts"));
            assertThat(st.longColumn(SubtaskTable.SUBTASK).unique().asList()).containsExactlyInAnyOrder(0L, 1L);
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
        assertThat(r.records()).isGreaterThan(4_000);
        assertThat(r.subtasks().stringColumn(SubtaskTable.OPERATOR).asList()).anyMatch(o -> o.contains(operator));
    }

    private static List<String> snippetEntries(Run r) throws Exception {
        try (JarFile jar = new JarFile(r.dir().resolve("job.jar").toFile())) {
            List<String> names = new ArrayList<>();
            Collections.list(jar.entries()).forEach(e -> names.add(e.getName()));
            return names;
        }
    }
}
