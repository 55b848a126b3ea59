package ckpt.report;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.io.csv.CsvReadOptions;

class ExportTest {
    @TempDir
    Path dir;

    private static Table checkpoints() {
        return Fixtures.full().checkpoints();
    }

    @Test
    void csvRoundTripsEveryValueAndMissing() throws Exception {
        Table t = checkpoints();
        Path p = Tables.exportCsv(t, dir.resolve("sub/cps.csv").toString());
        assertThat(p).exists();
        ColumnType[] types = t.columns().stream().map(c -> c.type()).toArray(ColumnType[]::new);
        Table back = Table.read().usingOptions(CsvReadOptions.builder(p.toFile()).columnTypes(types).build());
        assertThat(back.rowCount()).isEqualTo(t.rowCount());
        assertThat(back.columnNames()).isEqualTo(t.columnNames());
        for (int j = 0; j < t.columnCount(); j++) {
            for (int i = 0; i < t.rowCount(); i++) {
                assertThat(back.column(j).isMissing(i)).as("%s[%d] missing", t.column(j).name(), i)
                        .isEqualTo(t.column(j).isMissing(i) || t.column(j).getString(i).isEmpty());
                if (!t.column(j).isMissing(i)) {
                    assertThat(String.valueOf(back.column(j).get(i))).as("%s[%d]", t.column(j).name(), i)
                            .isEqualTo(String.valueOf(t.column(j).get(i)));
                }
            }
        }
        String text = Files.readString(p);
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("run,mode,checkpoint_id,phase,trigger_time,t_ms");
        // the failed warm-up checkpoint: no duration (missing → empty field), instants ISO-8601
        assertThat(text).contains("full,FULL,3,warmup,2026-11-24T10:02:14.123Z,3000,,,,0,1,,,1234,FAILED,timeout <expired>");
    }

    @Test
    void csvQuotesAndWritesDoublesPlainly() throws Exception {
        Table t = Table.create("q", StringColumn.create("text", "a,b", "say \"hi\"", "x"),
                DoubleColumn.create("v", 1e20, 0.5, Double.NaN));
        Path p = Tables.exportCsv(t, dir.resolve("q.csv").toString());
        assertThat(Files.readAllLines(p)).containsExactly("text,v", "\"a,b\",100000000000000000000", "\"say \"\"hi\"\"\",0.5", "x,");
    }

    @Test
    void csvWritesWholeValuesOfDoubleColumnsWithoutDecimals() throws Exception {
        // withRatio turns every numeric column into doubles: counts and bytes must still read 5 and 314572800
        Table t = Tables.withRatio(Tables.compare(Fixtures.full(), Fixtures.incremental()));
        Path p = Tables.exportCsv(t, dir.resolve("ratio.csv").toString());
        List<String> lines = Files.readAllLines(p);
        assertThat(lines.get(1)).startsWith("full,FULL,5,2,").contains(",314572800,").doesNotContain("5.0,").doesNotContain("E");
        assertThat(lines.get(3)).startsWith("incremental ÷ full,ratio,0.6,0,,0,"); // 0 ÷ 0 outside the history: no ratio
    }

    @Test
    void jsonIsAnArrayOfRowObjectsWithNumbersAndNulls() throws Exception {
        Table t = Tables.withRatio(Tables.compare(Fixtures.full(), Fixtures.incremental(), Fixtures.warmupOnly()));
        Path p = Tables.exportJson(t, dir.resolve("compare.json").toString());
        JsonNode root = new ObjectMapper().readTree(p.toFile());
        assertThat(root.isArray()).isTrue();
        assertThat(root).hasSize(4);
        JsonNode full = root.get(0);
        assertThat(full.get("run").asText()).isEqualTo("full");
        assertThat(full.get("checkpoints").isNumber()).isTrue();
        assertThat(full.get("checkpoints").asLong()).isEqualTo(5);
        assertThat(full.get("p95_duration_ms").asDouble()).isEqualTo(t.doubleColumn("p95_duration_ms").get(0));
        assertThat(full.get("final_state_bytes").asLong()).isEqualTo(300 * Fixtures.MIB);
        JsonNode warm = root.get(2);
        assertThat(warm.get("p50_duration_ms").isNull()).isTrue();
        assertThat(warm.get("steady_records_per_s").isNull()).isTrue();
        assertThat(root.get(3).get("mode").asText()).isEqualTo(Tables.RATIO_MODE);
        assertThat(root.get(3).get("p50_duration_ms").asDouble()).isEqualTo(t.doubleColumn("p50_duration_ms").get(3));
        // key order follows the columns
        assertThat(full.fieldNames()).toIterable().containsExactlyElementsOf(t.columnNames());
        // withRatio makes every numeric column double; whole values still print as integers, none in exponent form
        String text = Files.readString(p);
        assertThat(text).contains("\"checkpoints\" : 5,", "\"final_state_bytes\" : 314572800,",
                "\"uploaded_bytes\" : 157286400,").doesNotContain("E7").doesNotContain("5.0,");
        assertThat(full.get("checkpoints").isIntegralNumber()).isTrue();
        assertThat(root.get(3).get("checkpoints").asDouble()).isEqualTo(1.2); // 3 ÷ median(5, 0)
    }

    @Test
    void jsonWritesInstantsAsIsoAndLongsExactly() throws Exception {
        Table t = checkpoints();
        Path p = Tables.exportJson(t, dir.resolve("cps.json").toString());
        JsonNode root = new ObjectMapper().readTree(p.toFile());
        assertThat(root).hasSize(t.rowCount());
        for (int i = 0; i < t.rowCount(); i++) {
            JsonNode r = root.get(i);
            assertThat(Instant.parse(r.get(CheckpointTable.TRIGGER_TIME).asText()))
                    .isEqualTo(t.instantColumn(CheckpointTable.TRIGGER_TIME).get(i));
            assertThat(r.get(CheckpointTable.CHECKPOINT_ID).isIntegralNumber()).isTrue();
            if (t.longColumn(CheckpointTable.STATE_BYTES).isMissing(i)) {
                assertThat(r.get(CheckpointTable.STATE_BYTES).isNull()).isTrue();
            } else {
                assertThat(r.get(CheckpointTable.STATE_BYTES).asLong()).isEqualTo(t.longColumn(CheckpointTable.STATE_BYTES).get(i));
            }
        }
        assertThat(root.get(2).get(CheckpointTable.DURATION_MS).isNull()).isTrue();
        // an empty string column value (no failure) is missing → null
        assertThat(root.get(0).get(CheckpointTable.FAILURE).isNull()).isTrue();
        assertThat(root.get(2).get(CheckpointTable.FAILURE).asText()).isEqualTo("timeout <expired>");
    }
}
