package ckpt.report;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.Ckpt;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.model.TestRuns;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** compare() says when runs differ in more than their mode, and says nothing when they do not. */
class DifferencesTest {
    static final String LOCAL = "local · 2 TaskManagers · 4 slots · Flink 2.3.0 · http://127.0.0.1:41231";

    @Test
    void aLikeForLikeCompareHasNoDiffersColumnEvenOnAnotherClusterOfTheSameShape() {
        Run full = TestRuns.with(Fixtures.full(), Fixtures.full().experiment(), LOCAL);
        Run inc = TestRuns.with(Fixtures.incremental(), Fixtures.incremental().experiment(),
                LOCAL.replace("41231", "39999")); // another session's cluster: same shape, same version
        Table t = Ckpt.compare(full, inc);
        assertThat(t.columnNames()).doesNotContain(Tables.DIFFERS);
    }

    @Test
    void aRunSetUpDifferentlyIsNamedWithEachSettingAndTheFirstRunsValue() {
        Run full = Fixtures.full();
        Experiment other = Experiment.defaults().name("incremental").mode("incremental").keys(20_000)
                .storage("s3").parallelism(4).interval("500ms").rocksdb("state.backend.rocksdb.writebuffer.size", "8mb");
        Run inc = TestRuns.with(Fixtures.incremental(), other, LOCAL);
        Table t = Ckpt.compare(full, inc);
        assertThat(t.stringColumn(Tables.MODE).asList()).containsExactly("FULL", "INCREMENTAL", "ratio");
        List<String> differs = t.stringColumn(Tables.DIFFERS).asList();
        assertThat(differs.get(0)).isEmpty(); // the first run is what the others are held against
        assertThat(differs.get(2)).isEmpty(); // the ratio row
        assertThat(differs.get(1)).isEqualTo("parallelism 4 (full: 1) · keys 20,000 (full: 100,000) · interval 500 ms"
                + " (full: 1 s) · storage s3 (full: local) · state.backend.rocksdb.writebuffer.size 8mb"
                + " (full: default) · target local · 2 TaskManagers · 4 slots · Flink 2.3.0 (full: embedded (test))");
        // the figures are untouched
        assertThat(t.numberColumn("p50_duration_ms").getDouble(0)).isEqualTo(300);
        // and the report's comparison says it too
        assertThat(Reports.build(full, inc).html()).contains("storage s3 (full: local)")
                .contains("incremental differs from full in more than its mode, so the figures compare more than that:"
                        + " parallelism 4 (full: 1)");
    }

    @Test
    void twoRestoresDifferInWhatTheyRestoredFromNotInTheirPaths() {
        Experiment a = Experiment.defaults().name("full").mode("full").restoreFrom("file:///runs/a/checkpoints/j1/chk-7");
        Experiment b = Experiment.defaults().name("incremental").mode("incremental")
                .restoreFrom("file:///runs/b/checkpoints/j2/chk-12");
        Run full = TestRuns.with(Fixtures.full(), a, LOCAL);
        Run inc = TestRuns.with(Fixtures.incremental(), b, LOCAL);
        assertThat(Ckpt.compare(full, inc).columnNames()).doesNotContain(Tables.DIFFERS);
        Run fresh = TestRuns.with(Fixtures.incremental(), Experiment.defaults().name("fresh").mode("incremental"), LOCAL);
        Run fromSavepoint = TestRuns.with(Fixtures.incremental(), b.restoreFrom("file:///sp/savepoint-1a2b3c"), LOCAL);
        assertThat(Ckpt.compare(full, fresh, fromSavepoint).stringColumn(Tables.DIFFERS).asList())
                .containsExactly("", "restoreFrom none (full: a checkpoint)",
                        "restoreFrom a savepoint (full: a checkpoint)", "");
    }

    @Test
    void aRunOnJvmsStillCompilingSaysSoInTheCompareEvenWhenItsSettingsAreTheSame() {
        Run warm = Fixtures.full();
        Run cold = Fixtures.run("incremental", ckpt.model.Mode.INCREMENTAL, Fixtures.incremental().checkpoints(),
                600_000, 4000, 6000, Fixtures.incremental().disk(), java.util.Map.of("jit_cpu_ms", "2900",
                        "jit_note", "the JIT compilers of the cluster's JVMs used 2.9 s of CPU in this 4.2 s run"));
        assertThat(Ckpt.compare(warm, cold).stringColumn(Tables.DIFFERS).asList())
                .containsExactly("", "JIT compilers still busy (2.9 s of CPU): durations may read high", "");
        // the first run too: it is the one the others are held against
        assertThat(Ckpt.compare(cold, warm).stringColumn(Tables.DIFFERS).get(0))
                .isEqualTo("JIT compilers still busy (2.9 s of CPU): durations may read high");
        assertThat(Reports.build(cold, warm).html())
                .contains("incremental: JIT compilers still busy (2.9 s of CPU): durations may read high.");
    }
}
