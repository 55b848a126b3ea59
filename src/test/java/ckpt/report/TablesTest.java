package ckpt.report;

import ckpt.text.Units;
import static ckpt.report.Fixtures.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ckpt.model.CheckpointTable;
import ckpt.model.Mode;
import ckpt.model.Run;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TablesTest {
    private static final double EPS = 1e-9;

    static double num(Table t, String col, int row) {
        NumericColumn<?> c = t.numberColumn(col);
        assertThat(c.isMissing(row)).as("%s[%d] missing", col, row).isFalse();
        return c.getDouble(row);
    }

    static boolean missing(Table t, String col, int row) {
        return t.column(col).isMissing(row);
    }

    @Test
    void percentilesInterpolateLinearlyBetweenClosestRanks() {
        assertThat(Percentiles.of(new double[] {40, 10, 30, 20}, 50)).isCloseTo(25, within(EPS));
        // h = 3 × 0.95 = 2.85 → 30 + 0.85 × (40 − 30)
        assertThat(Percentiles.of(new double[] {10, 20, 30, 40}, 95)).isCloseTo(38.5, within(EPS));
        assertThat(Percentiles.of(new double[] {10, 20, 30, 40}, 100)).isEqualTo(40);
        assertThat(Percentiles.of(new double[] {10, 20, 30, 40}, 0)).isEqualTo(10);
        assertThat(Percentiles.of(new double[] {7}, 95)).isEqualTo(7);
        assertThat(Percentiles.of(new double[] {1, 2, 3}, 50)).isEqualTo(2);
        assertThat(Percentiles.of(new double[] {Double.NaN, 4, Double.NaN}, 50)).isEqualTo(4);
        assertThat(Percentiles.of(new double[0], 50)).isNaN();
        assertThatThrownBy(() -> Percentiles.of(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void compareComputesSteadyFiguresPerRun() {
        Table t = Tables.compare(Fixtures.full(), Fixtures.incremental());
        assertThat(t.columnNames()).containsExactly("run", "mode", "checkpoints", "failed", "failed_outside_history",
                "failed_share", "p50_duration_ms", "p95_duration_ms", "max_duration_ms", "median_checkpointed_bytes",
                "upload_bytes_per_s", "mean_checkpointed_bytes", "p95_checkpointed_bytes", "uploaded_bytes",
                "final_state_bytes", "disk_bytes", "referenced_bytes", "orphaned_bytes", "warmup_records_per_s",
                "steady_records_per_s", "disk_files", "storage_overhead");
        assertThat(t.rowCount()).isEqualTo(2);
        assertThat(t.stringColumn("run").get(0)).isEqualTo("full");
        assertThat(t.stringColumn("mode").get(0)).isEqualTo("FULL");
        assertThat(num(t, "checkpoints", 0)).isEqualTo(5);
        assertThat(num(t, "failed", 0)).isEqualTo(2);
        assertThat(num(t, "p50_duration_ms", 0)).isCloseTo(300, within(EPS));
        assertThat(num(t, "p95_duration_ms", 0)).isCloseTo(880, within(EPS)); // h = 3.8 → 400 + 0.8 × 600
        assertThat(num(t, "max_duration_ms", 0)).isEqualTo(1000);
        assertThat(num(t, "median_checkpointed_bytes", 0)).isEqualTo(30 * MIB);
        assertThat(num(t, "final_state_bytes", 0)).isEqualTo(300 * MIB);
        assertThat(num(t, "disk_bytes", 0)).isEqualTo(300 * MIB);
        // 100,000 keys written in 2 s of warm-up; the other 900,000 records in 8 s of steady
        assertThat(num(t, "warmup_records_per_s", 0)).isCloseTo(50_000, within(EPS));
        assertThat(num(t, "steady_records_per_s", 0)).isCloseTo(112_500, within(EPS));
        assertThat(num(t, "referenced_bytes", 0)).isEqualTo(300 * MIB);
        assertThat(num(t, "orphaned_bytes", 0)).isEqualTo(0);
        assertThat(num(t, "failed_outside_history", 0)).isEqualTo(0);
        // steady: 5 completed, 1 failed → 1/6; uploaded 10+20+30+40+50 = 150 MiB over 8 s steady
        assertThat(num(t, "failed_share", 0)).isCloseTo(1.0 / 6, within(EPS));
        assertThat(num(t, "uploaded_bytes", 0)).isEqualTo(150 * MIB);
        assertThat(num(t, "upload_bytes_per_s", 0)).isCloseTo(150.0 * MIB / 8, within(1e-6));
        assertThat(num(t, "mean_checkpointed_bytes", 0)).isCloseTo(30.0 * MIB, within(1e-6));
        assertThat(num(t, "p95_checkpointed_bytes", 0)).isCloseTo(48.0 * MIB, within(1e-3)); // h = 3.8

        assertThat(t.stringColumn("mode").get(1)).isEqualTo("INCREMENTAL");
        assertThat(num(t, "checkpoints", 1)).isEqualTo(3);
        assertThat(num(t, "failed", 1)).isEqualTo(0);
        assertThat(num(t, "p50_duration_ms", 1)).isCloseTo(70, within(EPS));
        assertThat(num(t, "p95_duration_ms", 1)).isCloseTo(88, within(EPS)); // h = 1.9 → 70 + 0.9 × 20
        assertThat(num(t, "max_duration_ms", 1)).isEqualTo(90);
        assertThat(num(t, "median_checkpointed_bytes", 1)).isEqualTo(2 * MIB);
        assertThat(num(t, "final_state_bytes", 1)).isEqualTo(310 * MIB);
        assertThat(num(t, "disk_bytes", 1)).isEqualTo(321 * MIB);
        assertThat(num(t, "warmup_records_per_s", 1)).isCloseTo(25_000, within(EPS)); // 100,000 in 4 s
        assertThat(num(t, "steady_records_per_s", 1)).isCloseTo(500_000 / 6.0, within(1e-6)); // 500,000 in 6 s
        assertThat(num(t, "failed_share", 1)).isEqualTo(0);
        assertThat(num(t, "uploaded_bytes", 1)).isEqualTo(7 * MIB);
        assertThat(num(t, "upload_bytes_per_s", 1)).isCloseTo(7.0 * MIB / 6, within(1e-6));
        assertThat(num(t, "mean_checkpointed_bytes", 1)).isCloseTo(7.0 * MIB / 3, within(1e-6));
        assertThat(num(t, "p95_checkpointed_bytes", 1)).isCloseTo(3.8 * MIB, within(1e-3)); // h = 1.9
    }

    @Test
    void uploadVolumeShowsWhatTheMedianHides() {
        Table t = Tables.compare(Fixtures.compacting());
        assertThat(num(t, "median_checkpointed_bytes", 0)).isEqualTo(4 * MIB);
        assertThat(num(t, "uploaded_bytes", 0)).isEqualTo(212 * MIB);
        assertThat(num(t, "upload_bytes_per_s", 0)).isCloseTo(21.2 * MIB, within(1e-3));
        assertThat(num(t, "mean_checkpointed_bytes", 0)).isCloseTo(21.2 * MIB, within(1e-3));
        assertThat(num(t, "p95_checkpointed_bytes", 0)).isEqualTo(90 * MIB);
        assertThat(Findings.concentration(Fixtures.compacting().checkpoints()))
                .contains("2 of 10 checkpoints carried 85 % of the bytes uploaded");
        // every FULL checkpoint persists the whole state: no "few carry most"; neither when none is large
        assertThat(Findings.concentration(Fixtures.full().checkpoints())).isEmpty();
        assertThat(Findings.concentration(Fixtures.incremental().checkpoints())).isEmpty();
        // the ratio row has every upload column
        Table r = Tables.withRatio(Tables.compare(Fixtures.full(), Fixtures.compacting()));
        assertThat(num(r, "uploaded_bytes", 2)).isCloseTo(212.0 / 150, within(EPS));
        assertThat(num(r, "upload_bytes_per_s", 2)).isCloseTo(21.2 / 18.75, within(EPS));
        assertThat(num(r, "mean_checkpointed_bytes", 2)).isCloseTo(21.2 / 30, within(EPS));
        assertThat(num(r, "p95_checkpointed_bytes", 2)).isCloseTo(90.0 / 48, within(EPS));
        assertThat(num(r, "median_checkpointed_bytes", 2)).isCloseTo(4.0 / 30, within(EPS));
    }

    @Test
    void percentilesOverFewOrMostlyFailedCheckpointsAreMarked() {
        Table t = Tables.withRatio(Tables.compare(Fixtures.full(), Fixtures.incremental(), Fixtures.flaky()));
        // full: 5 of 6 completed; incremental: 3 < 5; flaky: 5 completed of 11 triggered (the aborted one not counted)
        assertThat(Tables.thin(t, 0)).isFalse();
        assertThat(Tables.thin(t, 1)).isTrue();
        assertThat(num(t, "failed_share", 2)).isCloseTo(6.0 / 11, within(EPS));
        assertThat(Tables.thin(t, 2)).isTrue();
        assertThat(Tables.thin(t, 3)).isFalse(); // the ratio row
        String text = Tables.format(t, 20, 400);
        String[] lines = text.split("\n");
        assertThat(lines[4]).startsWith("incremental").contains("70 ms *", "88 ms *", "2.0 MiB *")
                .doesNotContain("90 ms *"); // max is not a percentile
        assertThat(lines[3]).startsWith("full").doesNotContain("*");
        assertThat(lines[5]).startsWith("flaky").contains("300 ms *").contains("55 %");
        assertThat(text).contains(TableText.MARK_NOTE);
        assertThat(Tables.format(Tables.compare(Fixtures.full()))).doesNotContain(TableText.MARK_NOTE);
    }

    @Test
    void aRunWithoutSteadyCheckpointsHasMissingFiguresNotZeros() {
        Table t = Tables.compare(Fixtures.warmupOnly());
        assertThat(num(t, "checkpoints", 0)).isEqualTo(0);
        assertThat(num(t, "failed", 0)).isEqualTo(0);
        for (String c : List.of("failed_share", "p50_duration_ms", "p95_duration_ms", "max_duration_ms",
                "median_checkpointed_bytes", "upload_bytes_per_s", "mean_checkpointed_bytes", "p95_checkpointed_bytes",
                "uploaded_bytes", "steady_records_per_s")) {
            assertThat(missing(t, c, 0)).as(c).isTrue();
        }
        assertThat(num(t, "final_state_bytes", 0)).isEqualTo(5 * MIB); // the warm-up checkpoint completed
        assertThat(num(t, "disk_bytes", 0)).isEqualTo(0);
        String text = Tables.format(t);
        assertThat(text).contains("—").doesNotContain("NaN");

        Run none = Fixtures.run("none", Mode.FULL, CheckpointTable.empty("none"), 0, 0, 0, null);
        Table n = Tables.compare(none);
        assertThat(missing(n, "final_state_bytes", 0)).isTrue();
        assertThat(missing(n, "disk_bytes", 0)).isTrue();
    }

    @Test
    void ratioRowDividesIncrementalByFull() {
        Table t = Tables.withRatio(Tables.compare(Fixtures.full(), Fixtures.incremental()));
        assertThat(t.rowCount()).isEqualTo(3);
        assertThat(t.stringColumn("run").get(2)).isEqualTo(Tables.RATIO_RUN);
        assertThat(t.stringColumn("mode").get(2)).isEqualTo(Tables.RATIO_MODE);
        assertThat(Tables.isRatioRow(t, 2)).isTrue();
        assertThat(Tables.isRatioRow(t, 0)).isFalse();
        assertThat(num(t, "checkpoints", 2)).isCloseTo(0.6, within(EPS));
        assertThat(num(t, "failed", 2)).isEqualTo(0);
        assertThat(num(t, "p50_duration_ms", 2)).isCloseTo(70.0 / 300, within(EPS));
        assertThat(num(t, "p95_duration_ms", 2)).isCloseTo(0.1, within(EPS));
        assertThat(num(t, "max_duration_ms", 2)).isCloseTo(0.09, within(EPS));
        assertThat(num(t, "median_checkpointed_bytes", 2)).isCloseTo(2.0 / 30, within(EPS));
        assertThat(num(t, "final_state_bytes", 2)).isCloseTo(310.0 / 300, within(EPS));
        assertThat(num(t, "disk_bytes", 2)).isCloseTo(321.0 / 300, within(EPS));
        assertThat(num(t, "warmup_records_per_s", 2)).isCloseTo(0.5, within(EPS));
        assertThat(num(t, "steady_records_per_s", 2)).isCloseTo((500_000 / 6.0) / 112_500, within(EPS));
        // the runs' own rows keep their values
        assertThat(num(t, "max_duration_ms", 0)).isEqualTo(1000);
        // applying it twice does not add a second ratio row
        assertThat(Tables.withRatio(t).rowCount()).isEqualTo(3);
        // the printed ratio row uses ×, not units
        String text = Tables.format(t);
        assertThat(text).contains("0.23×", "0.10×", "0.067×").contains("incremental ÷ full");
    }

    @Test
    void ratioWithSeveralRunsPerModeUsesPerModeMedians() {
        Table t = Table.create("c", StringColumn.create("run", "f1", "f2", "f3", "i1", "i2"),
                StringColumn.create("mode", "FULL", "FULL", "FULL", "INCREMENTAL", "INCREMENTAL"),
                DoubleColumn.create("p50_duration_ms", 100, 1000, 300, 30, 50));
        Table r = Tables.withRatio(t);
        // median(30, 50) = 40; median(100, 300, 1000) = 300
        assertThat(num(r, "p50_duration_ms", 5)).isCloseTo(40.0 / 300, within(EPS));

        // a FULL run without steady checkpoints does not count as 0 in the FULL median
        Table c = Tables.withRatio(Tables.compare(Fixtures.full(), Fixtures.warmupOnly(), Fixtures.incremental()));
        assertThat(num(c, "p50_duration_ms", 3)).isCloseTo(70.0 / 300, within(EPS));

        // only one mode: no ratio row
        assertThat(Tables.withRatio(Tables.compare(Fixtures.full())).rowCount()).isEqualTo(1);
        // division by zero gives missing
        Table z = Table.create("z", StringColumn.create("run", "f", "i"), StringColumn.create("mode", "FULL", "INCREMENTAL"),
                DoubleColumn.create("x_ms", 0, 5));
        assertThat(missing(Tables.withRatio(z), "x_ms", 2)).isTrue();
    }

    @Test
    void statsGroupsPerRunAndModeWithRatioRow() {
        Table stacked = CheckpointTable.stack("all", List.of(Fixtures.full().checkpoints(),
                Fixtures.incremental().checkpoints(), Fixtures.warmupOnly().checkpoints()));
        Table s = Tables.stats(stacked);
        assertThat(s.columnNames()).containsExactly("run", "mode", "checkpoints", "failed_share", "p50_duration_ms",
                "p95_duration_ms", "max_duration_ms", "p50_checkpointed_bytes", "p95_checkpointed_bytes",
                "max_checkpointed_bytes");
        assertThat(num(s, "failed_share", 0)).isCloseTo(1.0 / 6, within(EPS));
        assertThat(s.stringColumn("run").asList()).containsExactly("full", "incremental", "warm", Tables.RATIO_RUN);
        assertThat(num(s, "checkpoints", 0)).isEqualTo(5);
        assertThat(num(s, "p50_duration_ms", 0)).isCloseTo(300, within(EPS));
        assertThat(num(s, "p95_duration_ms", 0)).isCloseTo(880, within(EPS));
        assertThat(num(s, "max_duration_ms", 0)).isEqualTo(1000);
        assertThat(num(s, "p50_checkpointed_bytes", 0)).isEqualTo(30 * MIB);
        // sorted 10,20,30,40,50 MiB: h = 3.8 → 40 + 0.8 × 10 = 48 MiB
        assertThat(num(s, "p95_checkpointed_bytes", 0)).isCloseTo(48 * MIB, within(1e-3));
        assertThat(num(s, "max_checkpointed_bytes", 0)).isEqualTo(50 * MIB);
        assertThat(num(s, "p50_duration_ms", 1)).isCloseTo(70, within(EPS));
        // sorted 1,2,4 MiB: h = 1.9 → 2 + 0.9 × 2 = 3.8 MiB
        assertThat(num(s, "p95_checkpointed_bytes", 1)).isCloseTo(3.8 * MIB, within(1e-3));
        assertThat(num(s, "checkpoints", 2)).isEqualTo(0);
        assertThat(missing(s, "p50_duration_ms", 2)).isTrue();
        assertThat(missing(s, "max_checkpointed_bytes", 2)).isTrue();
        // ratio: incremental 70 / median of FULL runs with a value (only "full": 300)
        assertThat(num(s, "p50_duration_ms", 3)).isCloseTo(70.0 / 300, within(EPS));
        assertThat(num(s, "max_checkpointed_bytes", 3)).isCloseTo(4.0 / 50, within(EPS));
    }

    @Test
    void formatPrintsUnitsOnACopyAndKeepsColumnsNumeric() {
        Table t = Table.create("sizes", StringColumn.create("run", "a", "b", "c"),
                DoubleColumn.create("state_bytes", 274_830_000d, 512, Double.NaN),
                DoubleColumn.create("duration_ms", 1870, 312, 312.5),
                DoubleColumn.create("records_per_s", 1_234_567, 12.25, 0));
        String text = Tables.format(t);
        assertThat(text).contains("262.1 MiB", "512 B", "1.87 s", "312 ms", "312.5 ms", "1,234,567", "12.3");
        assertThat(t.doubleColumn("state_bytes").get(0)).isEqualTo(274_830_000d);
        // aligned: every data line has the same width as the header line
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo("sizes · 3 rows");
        int w = lines[1].length();
        assertThat(lines[2]).hasSize(w);
        // numbers are right-aligned: the byte column's cells end at the same position
        int end = lines[1].indexOf("state_bytes") + "state_bytes".length();
        assertThat(lines[3].substring(0, end)).endsWith("262.1 MiB");
        assertThat(lines[4].substring(0, end)).endsWith("512 B");
        assertThat(lines[5].substring(0, end)).endsWith("—");
    }

    @Test
    void layoutFitsTheWidthWithoutCuttingAnything() {
        // a single row wider than the width: one line per column, values wrapped beside their names
        String one = Tables.format(Tables.compare(Fixtures.full()), 20, 60);
        assertThat(one.split("\n")).allMatch(l -> l.length() <= 60, "≤ 60 columns");
        assertThat(one).contains("upload_bytes_per_s         18.8 MiB/s", "p95_duration_ms            880 ms");
        // text only, with sentences: records, the sentences wrapped, nothing cut
        String sentence = "RocksDB rewrites files during compaction and an incremental checkpoint uploads new files whole.";
        Table options = Table.create("options", StringColumn.create("key", "a.b", "c.d"),
                StringColumn.create("description", sentence, sentence));
        String text = Tables.format(options, 20, 50);
        assertThat(text).contains("a.b\n    RocksDB rewrites").doesNotContain("…");
        assertThat(text.replace("\n    ", " ")).contains(sentence);
        // a table of figures with long text stays a grid; its text wraps inside the column
        Table figures = Table.create("f", StringColumn.create("run", "a"), DoubleColumn.create("x_ms", new double[] {5}),
                StringColumn.create("failure", sentence));
        String grid = Tables.format(figures, 20, 200);
        assertThat(grid.split("\n")[1]).startsWith("run").contains("x_ms").contains("failure");
        assertThat(grid.replaceAll("\\s+", " ")).contains("RocksDB rewrites files during compaction and an");
        assertThat(grid.split("\n")).allMatch(l -> l.length() <= "run  x_ms  ".length() + TableText.MAX_CELL, "wrapped at 40");
    }

    @Test
    void idsPrintWithoutSeparators() {
        Table t = Table.create("ids", tech.tablesaw.api.LongColumn.create("checkpoint_id", new long[] {1234}),
                tech.tablesaw.api.LongColumn.create("records", new long[] {1234}));
        assertThat(Tables.format(t)).contains("   1234  ").contains("1,234");
    }

    @Test
    void longTablesShowHeadAndTail() {
        Fixtures.Cps c = new Fixtures.Cps("long", Mode.FULL);
        for (int i = 0; i < 50; i++) {
            c.steady(100 + i, MIB, MIB);
        }
        String text = Tables.format(c.t, 10);
        assertThat(text).contains("long · 50 rows (first 5, last 5)");
        String[] lines = text.split("\n");
        assertThat(lines).hasSize(1 + 2 + 10 + 1 + 1);
        assertThat(lines[8]).startsWith("…");
        // the failure column is empty in every row: left out, named in one line
        assertThat(lines[lines.length - 1]).isEqualTo("(failure: empty in every row)");
        assertThat(lines[1]).doesNotContain("failure");
        assertThat(text).contains(" 104 ms").contains(" 145 ms").doesNotContain(" 120 ms");
        // long text is cut
        assertThat(Tables.format(Fixtures.full().checkpoints(), 100)).contains("timeout <expired>");
    }

    @Test
    void unitsAreBinaryAndPrecise() {
        assertThat(Units.bytes(274_830_000)).isEqualTo("262.1 MiB");
        assertThat(Units.bytes(512)).isEqualTo("512 B");
        assertThat(Units.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Units.bytes(1.5 * 1024 * MIB)).isEqualTo("1.5 GiB");
        assertThat(Units.bytes(1024 * 1024 - 1)).isEqualTo("1.0 MiB"); // not "1024.0 KiB"
        assertThat(Units.millis(1870)).isEqualTo("1.87 s");
        assertThat(Units.millis(312)).isEqualTo("312 ms");
        assertThat(Units.millis(12_345)).isEqualTo("12.3 s");
        assertThat(Units.ratio(0.17)).isEqualTo("0.17×");
        assertThat(Units.ratio(0.0042)).isEqualTo("0.0042×");
        assertThat(Units.tick(Units.Unit.BYTES, 256 * MIB)).isEqualTo("256 MiB");
        assertThat(Units.tick(Units.Unit.MILLIS, 1500)).isEqualTo("1.5 s");
        assertThat(Units.of("state_bytes")).isEqualTo(Units.Unit.BYTES);
        assertThat(Units.of("t_ms")).isEqualTo(Units.Unit.MILLIS);
        assertThat(Units.of("init_ms_max")).isEqualTo(Units.Unit.MILLIS); // recoveries() showed "84", not "84 ms"
        assertThat(Units.of("checkpoint_id")).isEqualTo(Units.Unit.PLAIN);
        // storage ÷ state: compare() printed 1.0297 as "1", hiding the 3 % the storage holds beyond one copy
        assertThat(Units.of("storage_overhead")).isEqualTo(Units.Unit.RATIO);
        assertThat(Units.format(Units.of("storage_overhead"), 1.0297)).isEqualTo("1.03×");
        assertThat(Units.tick(Units.Unit.RATIO, 1.5)).isEqualTo("1.5×");
    }

    @Test
    void compareRejectsNullAndSeparatesRunsWithTheSameName() {
        assertThatThrownBy(() -> Tables.compare(Fixtures.full(), null)).hasMessageContaining("null");
        Run a = Fixtures.full();
        Run b = ckpt.model.TestRuns.withId(a, "other-id");
        Table t = Tables.compare(a, b);
        assertThat(t.stringColumn("run").asList()).containsExactly("full [" + a.id() + "]", "full [other-id]");
    }
}
