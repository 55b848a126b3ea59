package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.model.SubtaskTable;
import ckpt.target.Embedded;
import java.nio.file.Path;
import java.util.Random;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The user's own code under the same measurements: a keyed function with a MapState, a windowed pipeline over the
 * transactions table, and an application jar compiled during the test — on the embedded cluster (the notebook's
 * snippet classes, shipped to a local cluster, are tested through the shell).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OwnJobTest {
    @TempDir
    static Path dir;
    static Path jar;

    @BeforeAll
    static void buildApp() throws Exception {
        jar = AppJars.build(dir, "acme.CountJob");
    }

    /** One map entry of 100 random bytes per record: the state grows by a known amount with every record. */
    static final class MapGrowth extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
        private transient ValueState<Long> count;
        private transient MapState<Long, byte[]> entries;
        private transient Random random;

        @Override
        public void open(OpenContext ctx) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
            entries = getRuntimeContext().getMapState(new MapStateDescriptor<>("entries", Long.class, byte[].class));
            random = new Random(7);
        }

        @Override
        public void processElement(Tuple2<Long, Double> in, Context ctx, Collector<Long> out) throws Exception {
            long n = count.value() == null ? 0 : count.value();
            byte[] payload = new byte[100];
            random.nextBytes(payload); // incompressible: RocksDB's files grow with the entries
            entries.put(n, payload);
            count.update(n + 1);
        }
    }

    // A function's and a pipeline's runs are tested as a user writes them, in snippets: ckpt.shell.SnippetJobTest.

    @Test
    void anApplicationJarRunsUnderTheExperimentsSettingsFromItsFirstCheckpoint() {
        Experiment e = Experiment.defaults().mode("incremental").interval("400ms").seconds(3)
                .jar(jar.toString()).args("--keys", "500", "--rate", "1000").name("acme");
        Run r = Runs.run(e, Embedded.get());
        assertThat(r.status()).isEqualTo("FINISHED");
        Table steady = r.steadyCheckpoints();
        assertThat(steady.rowCount()).isGreaterThanOrEqualTo(4); // 3 s at 400 ms
        assertThat(steady.longColumn(CheckpointTable.STATE_BYTES).min()).isPositive();
        // steady starts when its first checkpoint completes, and there is no warm-up
        Table done = CheckpointTable.completed(r.checkpoints());
        assertThat(r.timeline().gate()).isEqualTo(done.longColumn(CheckpointTable.CHECKPOINT_ID).getLong(0));
        assertThat(r.timeline().warmupMillis()).isZero();
        assertThat(r.subtasks().stringColumn(SubtaskTable.OPERATOR).unique().asList()).anyMatch(n -> n.contains("sum-per-key"));
        // the keyed operator's records: about the application's rate over the whole job, never zero
        assertThat(r.records()).isPositive();
        // the retained checkpoint is kept after the cancel, as for a synthetic run
        assertThat(r.disk().totalBytes()).isPositive();
    }

    @Test
    void anApplicationThatEndsByItselfEndsTheRun() {
        long t0 = System.nanoTime();
        Run r = Runs.run(Experiment.defaults().interval("300ms").seconds(60).jar(jar.toString())
                .args("--keys", "100", "--rate", "1000", "--count", "3000").name("acme-ends"), Embedded.get());
        assertThat(r.status()).isEqualTo("FINISHED");
        assertThat((System.nanoTime() - t0) / 1_000_000_000).isLessThan(30);
        assertThat(r.records()).isEqualTo(3000);
        assertThat(r.timeline().steadyMillis()).isLessThan(10_000);
    }

    @Test
    void anApplicationThatFailsAtStartFailsTheRunWithItsRootCauseAndFrame() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Runs.run(Experiment.defaults().seconds(30).jar(jar.toString())
                .mainClass("acme.FailsAtStart").name("acme-fails"), Embedded.get()))
                .isInstanceOf(CkptException.class)
                .hasMessageContaining("IllegalStateException: cannot reach db.acme.example:5432")
                .hasMessageContaining("acme.FailsAtStart$Lookup.open(FailsAtStart.java:")
                .hasMessageNotContaining("\n");
        // the first failure ends it: no restarting into the same exception for the whole 30 s
        assertThat((System.nanoTime() - t0) / 1_000_000_000).isLessThan(20);
    }

    /** Fails on every record: its tasks die as they start, so the job is never running whole between restarts. */
    static final class FailsAtOnce extends KeyedProcessFunction<Long, Tuple2<Long, Double>, Long> {
        @Override
        public void processElement(Tuple2<Long, Double> e, Context ctx, Collector<Long> out) {
            throw new IllegalStateException("no record wanted");
        }
    }

    @Test
    void aFunctionThatFailsOnItsFirstRecordFailsTheRunAtItsFirstFailure() {
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> Runs.run(Experiment.defaults().function(new FailsAtOnce()).seconds(30)
                .name("fails-at-once"), Embedded.get()))
                .isInstanceOf(CkptException.class)
                .hasMessageContaining("the job failed: java.lang.IllegalStateException: no record wanted");
        // read from the exception history before the job ever runs whole, not after restarting for the whole 30 s
        assertThat((System.nanoTime() - t0) / 1_000_000_000).isLessThan(20);
    }

    @Test
    void badJarSettingsFailOnTheirLine() {
        assertThatThrownBy(() -> Experiment.defaults().jar(dir.resolve("nope.jar").toString()))
                .hasMessageContaining("nope.jar").hasMessageContaining("no such file");
        assertThatThrownBy(() -> Experiment.defaults().mainClass("acme.CountJob"))
                .hasMessageContaining("mainClass(...) belongs to an application jar");
        assertThatThrownBy(() -> Experiment.defaults().jar(jar.toString()).mainClass("not a class"))
                .hasMessageContaining("not a Java class name");
        assertThatThrownBy(() -> Runs.run(Experiment.defaults().jar(jar.toString()).mainClass("acme.NoExecute"),
                Embedded.get())).hasMessageContaining("main returned without calling execute()");
        assertThatThrownBy(() -> Runs.run(Experiment.defaults().function(new MapGrowth()).verifyState(), Embedded.get()))
                .hasMessageContaining("verifyState() reads the built-in operator's state");
    }
}
