package ckpt.report;

import ckpt.text.Units;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ckpt.target.Targets;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.engine.Runs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * The upload figures of compare on real runs (MiniCluster, RocksDB), checked against a hand sum over the
 * checkpoints.csv the run wrote to its folder: a second path to the same numbers, read as plain text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UploadOnRealRunsTest {
    Run full;
    Run inc;

    @BeforeAll
    void runBoth() {
        Experiment e = Experiment.defaults().keys(30_000).valueBytes(256).seconds(3).interval("500ms");
        full = Runs.run(e.mode("full").name("up-full"));
        inc = Runs.run(e.mode("incremental").name("up-inc"));
    }

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    /** checkpointed_bytes of the steady COMPLETED rows of the run's checkpoints.csv, parsed by hand. */
    static List<Long> steadyBytesFromCsv(Run r) throws Exception {
        List<String> lines = Files.readAllLines(r.dir().resolve("checkpoints.csv"));
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int phase = header.indexOf("phase");
        int status = header.indexOf("status");
        int bytes = header.indexOf("checkpointed_bytes");
        List<Long> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length > Math.max(phase, Math.max(status, bytes)) && f[phase].equals("steady") && f[status].equals("COMPLETED")) {
                out.add(Long.parseLong(f[bytes]));
            }
        }
        return out;
    }

    @Test
    void uploadSumEqualsAHandSumOfTheSteadyRows() throws Exception {
        Table c = Tables.withRatio(Tables.compare(full, inc));
        double[] rates = new double[2];
        int row = 0;
        for (Run r : List.of(full, inc)) {
            List<Long> b = steadyBytesFromCsv(r);
            assertThat(b).as("steady checkpoints of %s", r.name()).hasSizeGreaterThanOrEqualTo(2);
            long sum = b.stream().mapToLong(Long::longValue).sum();
            assertThat(c.numberColumn(Tables.CHECKPOINTS).getDouble(row)).isEqualTo(b.size());
            assertThat((long) c.numberColumn(Tables.UPLOADED_BYTES).getDouble(row)).isEqualTo(sum);
            assertThat(c.numberColumn(Tables.MEAN_CHECKPOINTED_BYTES).getDouble(row))
                    .isCloseTo((double) sum / b.size(), within(1e-6));
            rates[row] = sum * 1000.0 / r.steadyMillis();
            assertThat(c.numberColumn(Tables.UPLOAD_BYTES_PER_S).getDouble(row)).isCloseTo(rates[row], within(1e-6));
            // p95 by hand: sorted, h = (n − 1) × 0.95, linear between the closest ranks
            long[] s = b.stream().mapToLong(Long::longValue).sorted().toArray();
            double h = (s.length - 1) * 0.95;
            int lo = (int) Math.floor(h);
            double p95 = lo + 1 < s.length ? s[lo] + (h - lo) * (s[lo + 1] - s[lo]) : s[lo];
            assertThat(c.numberColumn(Tables.P95_CHECKPOINTED_BYTES).getDouble(row)).isCloseTo(p95, within(1e-6));
            row++;
        }
        // the ratio row divides incremental by full
        assertThat(c.numberColumn(Tables.UPLOAD_BYTES_PER_S).getDouble(2)).isCloseTo(rates[1] / rates[0], within(1e-9));
        // and the report's headline states that ratio and both rates, as the table prints them
        String html = Reports.build(full, inc).html();
        assertThat(html).contains("INCREMENTAL uploaded " + Units.ratio(rates[1] / rates[0])
                + " the bytes per second of FULL (" + Units.format(Units.Unit.BYTES_PER_S, rates[1]) + " vs "
                + Units.format(Units.Unit.BYTES_PER_S, rates[0]) + ")");
        assertThat(Path.of(full.dir().toString(), "checkpoints.csv")).exists();
    }
}
