package ckpt.report;

import ckpt.text.Units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.CheckpointTable;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TerminalChartTest {
    private static final String ESC = "\u001b";

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }

    private static Table bars() {
        return Table.create("b", StringColumn.create("name", "a", "bb", "ccc", "dddd", "e"),
                DoubleColumn.create("count", 400, 200, 100, 130, 1));
    }

    @Test
    void barLengthsAreProportionalAtAKnownWidth() {
        // label 4 + " │" + bar 40 + " " + value 3 = 50
        String text = TerminalChart.chart(bars(), "name", "count", 50, false);
        String[] lines = text.split("\n");
        assertThat(lines[0]).isEqualTo("count by name");
        assertThat(count(lines[1], '█')).isEqualTo(40);
        assertThat(count(lines[2], '█')).isEqualTo(20);
        assertThat(count(lines[3], '█')).isEqualTo(10);
        assertThat(count(lines[4], '█')).isEqualTo(13);
        assertThat(lines[5]).contains("│▏ "); // 1/400 × 40 = 0.1 cell → one eighth
        assertThat(lines[1]).startsWith("a    │").endsWith(" 400");
        assertThat(lines[5]).endsWith("   1");
        for (String l : lines) {
            assertThat(l.length()).as(l).isLessThanOrEqualTo(50);
        }
        assertThat(text).doesNotContain(ESC);
    }

    @Test
    void barsUseUnitsAndSkipTheRatioRow() {
        Table compare = Tables.withRatio(Tables.compare(Fixtures.full(), Fixtures.incremental()));
        String text = TerminalChart.chart(compare, "run", "p50_duration_ms", 80, false);
        assertThat(text).startsWith("p50_duration_ms by run\n").contains("300 ms", "70 ms")
                .doesNotContain(Tables.RATIO_RUN).doesNotContain("0.23");
        String bytes = TerminalChart.chart(compare, "run", "median_checkpointed_bytes", 80, false);
        assertThat(bytes).contains("30.0 MiB", "2.0 MiB").doesNotContain("(bytes)");
    }

    @Test
    void singleSeriesIsDrawnAsVerticalBarsOnRoundTicks() {
        Table t = Table.create("s", LongColumn.create("checkpoint_id", 1, 2), DoubleColumn.create("count", 100, 50));
        String text = TerminalChart.chart(t, "checkpoint_id", "count", 60, false);
        // y: 0…100 in steps of 25, 4 rows per step = 16 rows; bars 6 columns wide: 16 + 8 rows of full blocks
        assertThat(count(text, '█')).isEqualTo(6 * 16 + 6 * 8);
        String[] lines = text.split("\n");
        assertThat(lines[1]).startsWith("100 ┤");
        assertThat(lines[5]).startsWith(" 75 ┤");
        assertThat(lines[17]).startsWith("  0 └");
        assertThat(text).contains("checkpoint_id");
    }

    @Test
    void severalRunsGetOwnGlyphsLegendAndUnitTicks() {
        Table all = CheckpointTable.completed(CheckpointTable.stack("all",
                List.of(Fixtures.full().checkpoints(), Fixtures.incremental().checkpoints())));
        String text = TerminalChart.chart(all, "checkpoint_id", "duration_ms", 80, false);
        assertThat(text).startsWith("duration_ms over checkpoint_id\n");
        assertThat(text).contains("* full", "o incremental").contains(" s ┤").doesNotContain(ESC);
        assertThat(count(text, '*')).isGreaterThanOrEqualTo(2 + 1); // legend + points
        assertThat(count(text, 'o')).isGreaterThanOrEqualTo(2);
        for (String l : text.split("\n")) {
            assertThat(l.length()).as(l).isLessThanOrEqualTo(80);
        }
        String bytes = TerminalChart.chart(all, "checkpoint_id", "checkpointed_bytes", 80, false);
        assertThat(bytes).contains("MiB ┤").doesNotContain("(bytes)");
    }

    @Test
    void warmupColumnsAreMarkedUnderTheAxis() {
        // full: checkpoints 1-2 warm-up (3 failed, no value), 4-9 steady; bars mode, one series
        Table full = CheckpointTable.completed(Fixtures.full().checkpoints());
        String text = TerminalChart.chart(full, "checkpoint_id", "duration_ms", 60, false);
        String[] lines = text.split("\n");
        int axis = 0;
        while (!lines[axis].contains("└")) {
            axis++;
        }
        // axis, tick labels, x title, then the strip: ░ under the warm-up bars only, at the same columns
        String strip = lines[axis + 3];
        assertThat(strip.strip()).matches("░+");
        int barStart = lines[axis - 1].indexOf('█');
        assertThat(strip.indexOf('░')).isEqualTo(barStart);
        assertThat(strip.length()).isLessThan(lines[axis - 1].length());
        assertThat(text).contains("░ warm-up: compare leaves it out");
        // steady-only data: no strip
        assertThat(TerminalChart.chart(CheckpointTable.steady(full), "checkpoint_id", "duration_ms", 60, false))
                .doesNotContain("░");
    }

    @Test
    void runsInTheSameCellAreMarked() {
        Table t = Table.create("c", StringColumn.create("run", "a", "b", "a"), LongColumn.create("checkpoint_id", 1, 1, 2),
                DoubleColumn.create("duration_ms", 100, 100, 200));
        String text = TerminalChart.chart(t, "checkpoint_id", "duration_ms", 60, false);
        assertThat(text).contains("&").contains("& several runs in one cell").contains("* a", "o b");
    }

    @Test
    void missingValuesAreCountedNotDrawn() {
        Table t = Fixtures.full().checkpoints(); // one failed checkpoint has no duration
        String text = TerminalChart.chart(t, "checkpoint_id", "duration_ms", 70, false);
        assertThat(text).contains("(1 row without a value not drawn)");
    }

    @Test
    void colourOnlyWhenAskedAndNoColorUnset() {
        assertThat(TerminalChart.colorAllowed(true, null)).isTrue();
        assertThat(TerminalChart.colorAllowed(true, "")).isTrue();
        assertThat(TerminalChart.colorAllowed(true, "1")).isFalse();
        assertThat(TerminalChart.colorAllowed(false, null)).isFalse();
        String env = System.getenv("NO_COLOR");
        Assumptions.assumeTrue(env == null || env.isEmpty(), "NO_COLOR is set in this environment");
        Table all = CheckpointTable.stack("all", List.of(Fixtures.full().checkpoints(), Fixtures.incremental().checkpoints()));
        assertThat(TerminalChart.chart(all, "checkpoint_id", "duration_ms", 80, true)).contains(ESC + "[");
    }

    @Test
    void badColumnsFailWithTheColumnsListed() {
        Table t = Fixtures.full().checkpoints();
        assertThatThrownBy(() -> TerminalChart.chart(t, "checkpoint_id", "nope", 80, false))
                .isInstanceOf(CkptException.class).hasMessageContaining("no column 'nope'").hasMessageContaining("duration_ms");
        assertThatThrownBy(() -> TerminalChart.chart(t, "checkpoint_id", "phase", 80, false))
                .isInstanceOf(CkptException.class).hasMessageContaining("numeric");
        assertThatThrownBy(() -> TerminalChart.chart(t, "trigger_time", "duration_ms", 80, false))
                .isInstanceOf(CkptException.class).hasMessageContaining("t_ms");
        assertThat(TerminalChart.chart(CheckpointTable.empty("e"), "checkpoint_id", "duration_ms", 80, false))
                .contains("no values to plot");
    }

    @Test
    void sparklineMapsMinToMaxOntoEightLevels() {
        assertThat(TerminalChart.sparkline(new double[] {1, 2, 3, 4, 5, 6, 7, 8})).isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(TerminalChart.sparkline(new double[] {0, 7, 0})).isEqualTo("▁█▁");
        assertThat(TerminalChart.sparkline(new double[] {10, 20, Double.NaN, 15})).isEqualTo("▁█ ▅");
        assertThat(TerminalChart.sparkline(new double[] {5, 5})).isEqualTo("▄▄");
        assertThat(TerminalChart.sparkline(new double[0])).isEmpty();
    }

    @Test
    void niceStepsAreRoundInTheUnit() {
        assertThat(Scales.niceStep(23, Units.Unit.PLAIN)).isEqualTo(25);
        assertThat(Scales.niceStep(0.3, Units.Unit.MILLIS)).isEqualTo(0.5);
        assertThat(Scales.niceStep(70 * Fixtures.MIB, Units.Unit.BYTES)).isEqualTo(100 * Fixtures.MIB);
    }

    @Test
    void byteStepsStayRoundInBinaryUnits() {
        // ~0.85 MiB per tick would be "1000 KiB", shown as 0.977, 1.953, 2.93 MiB…: one MiB instead
        org.assertj.core.api.Assertions.assertThat(Scales.niceStep(870 * 1024, Units.Unit.BYTES)).isEqualTo(1 << 20);
        org.assertj.core.api.Assertions.assertThat(Scales.niceStep(300 * 1024, Units.Unit.BYTES)).isEqualTo(500 * 1024);
        org.assertj.core.api.Assertions.assertThat(Scales.niceStep(1.5 * (1 << 20), Units.Unit.BYTES)).isEqualTo(2 << 20);
    }
}
