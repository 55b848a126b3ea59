package ckpt.report;

import static ckpt.report.Fixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ckpt.Ckpt;
import ckpt.model.Freed;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Helpers whose results used to print as bare numbers, literals or empty tables say what they mean. */
class ResultsSayWhatTheyMeanTest {

    @Test
    void summaryCountsMissingNumbers() {
        Table t = Table.create("tx", IntColumn.create("id", 1, 2, 3, 4),
                DoubleColumn.create("amount", new double[] {10, Double.NaN, 30, 0.26}),
                StringColumn.create("note", "a", "", "c", "d"));
        Table s = Ckpt.summary(t);
        assertThat(s.stringColumn("column").asList()).containsExactly("id", "amount", "note");
        // amount: 3 present, 1 missing; min 0.26, mean (10 + 30 + 0.26) / 3, p50 10, max 30
        assertThat(s.intColumn("count").get(1)).isEqualTo(3);
        assertThat(s.intColumn("missing").get(1)).isEqualTo(1);
        assertThat(s.doubleColumn("min").get(1)).isEqualTo(0.26);
        assertThat(s.doubleColumn("mean").get(1)).isCloseTo(40.26 / 3, within(1e-9));
        assertThat(s.doubleColumn("p50").get(1)).isEqualTo(10);
        assertThat(s.doubleColumn("max").get(1)).isEqualTo(30);
        // an empty string is missing in Tablesaw; text columns have no figures
        assertThat(s.intColumn("missing").get(2)).isEqualTo(1);
        assertThat(s.doubleColumn("mean").isMissing(2)).isTrue();
        // and it prints 0.26 as 0.26 (one decimal would say 0.3)
        assertThat(Tables.format(s)).contains("0.26").contains("13.4");
    }

    /**
     * A run whose JIT compilers were still busy said so when it ended; its summary keeps saying it (and its report's
     * environment holds it), so whoever compares it later sees why its durations may read high.
     */
    @Test
    void aRunsJitCaveatStaysInItsSummary() {
        String note = "the JIT compilers of this JVM used 1.9 s of CPU in this 3.4 s run: it is still warming up, so"
                + " its checkpoint durations may read high (they settle over the next runs)";
        ckpt.model.Run cold = Fixtures.run("cold", ckpt.model.Mode.FULL,
                new Fixtures.Cps("cold", ckpt.model.Mode.FULL).steady(300, 30 * MIB, 300 * MIB).t, 1_000, 100, 3000,
                new ckpt.model.DiskUsage(0, 0, 300 * MIB, 4, 0, 0), java.util.Map.of("jit_note", note));
        assertThat(RunText.text(cold)).contains("  note         " + note + "\n");
        assertThat(RunText.text(Fixtures.full())).doesNotContain("JIT");
    }

    @Test
    void percentilesAreTablesawAggregates() {
        Table cps = Tables.steadyRows(Fixtures.full().checkpoints());
        Table byRun = cps.summarize("duration_ms", Ckpt.p50, Ckpt.p95).by("run");
        // steady durations 100, 200, 300, 400, 1000: p50 300, p95 880 (h = 3.8), as compare says
        assertThat(byRun.numberColumn("p50 [duration_ms]").getDouble(0)).isEqualTo(300);
        assertThat(byRun.numberColumn("p95 [duration_ms]").getDouble(0)).isCloseTo(880, within(1e-9));
        assertThat(Tables.compare(Fixtures.full()).numberColumn("p95_duration_ms").getDouble(0)).isCloseTo(880, within(1e-9));
    }

    @Test
    void cleanupSaysWhatItFreed() {
        assertThat(new Freed(667_537_370, 12, 1)).hasToString("freed 636.6 MiB from 12 runs (kept the newest 1)");
        assertThat(new Freed(5 * MIB, 1, 3)).hasToString("freed 5.0 MiB from 1 run (kept the newest 3)");
        assertThat(new Freed(0, 0, 2)).hasToString("nothing to free (kept the newest 2)");
    }

    @Test
    void appliedWithNoOptionsSaysWhy() {
        Table t = Ckpt.applied(Fixtures.full());
        assertThat(t.rowCount()).isZero();
        assertThat(t.name()).contains("this run set no RocksDB option").contains("experiment().rocksdb(key, value)")
                .contains("all 2 options RocksDB wrote");
    }

    @Test
    void anOptionPrintsAsText() {
        Text d = Ckpt.rocksdbOption("writebuffer.size");
        assertThat(d.toString()).startsWith("state.backend.rocksdb.writebuffer.size\n").contains("type:    MemorySize")
                .doesNotContain("\\n");
        for (String line : d.wrapped(60).split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(60);
        }
    }
}
