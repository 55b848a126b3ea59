package ckpt.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.io.FreeSpace;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generateCsv estimates the file before writing and refuses what the disk cannot hold (with an override). */
class GenerateFreeSpaceTest {
    @TempDir
    Path dir;

    @Test
    void theEstimateIsCloseAndNeverLow() throws Exception {
        for (long[] c : new long[][] {{0, 1}, {1, 1}, {5_000, 100}, {120_000, 1_000}, {200_000, 50_000}}) {
            Path f = Transactions.generate(dir.resolve("g.csv"), c[0], c[1], 7);
            long actual = Files.size(f);
            long estimate = TransactionsWriter.estimatedBytes(c[0], c[1]);
            assertThat(estimate).as("rows %d, accounts %d", c[0], c[1]).isGreaterThanOrEqualTo(actual)
                    .isLessThanOrEqualTo((long) (actual * 1.25) + 64);
        }
    }

    @Test
    void aFileBiggerThanTheFreeSpaceIsRefusedAtOnceAndNothingIsWritten() throws Exception {
        Path target = dir.resolve("huge/tx.csv");
        long t0 = System.nanoTime();
        // 3 trillion rows: about 120 TiB, more than any test machine has free
        assertThatThrownBy(() -> Transactions.generate(target.toString(), 3_000_000_000_000L, 1_000, 1))
                .isInstanceOf(CkptException.class)
                .hasMessageStartingWith("generateCsv: 3,000,000,000,000 rows need about ")
                .hasMessageContaining("free — nothing was written")
                .hasMessageContaining("System.setProperty(\"ckpt.ignoreFreeSpace\", \"true\")");
        assertThat((System.nanoTime() - t0) / 1_000_000).as("ms to refuse").isLessThan(2_000);
        assertThat(target.getParent()).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void theOverrideLetsAWriteGoAhead() {
        assertThatThrownBy(() -> FreeSpace.require(dir, Long.MAX_VALUE, "x")).isInstanceOf(CkptException.class);
        System.setProperty(FreeSpace.OVERRIDE, "true");
        try {
            FreeSpace.require(dir, Long.MAX_VALUE, "x");
        } finally {
            System.clearProperty(FreeSpace.OVERRIDE);
        }
    }
}
