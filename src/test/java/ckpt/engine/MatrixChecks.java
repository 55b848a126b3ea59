package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Run;
import ckpt.report.Tables;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** What every run of the backend matrix must show, whatever its mode, storage and target. */
final class MatrixChecks {
    /** Per-checkpoint figures a completed steady checkpoint must have (Flink's, and the storage's). */
    static final List<String> STEADY_FIGURES = List.of(CheckpointTable.DURATION_MS, CheckpointTable.SYNC_MS,
            CheckpointTable.ASYNC_MS, CheckpointTable.ALIGNMENT_MS, CheckpointTable.START_DELAY_MS,
            CheckpointTable.STATE_BYTES, CheckpointTable.CHECKPOINTED_BYTES, StorageSampler.DISK_BYTES,
            StorageSampler.STORAGE_OVERHEAD);

    private MatrixChecks() {
    }

    /** Finished, at least 3 steady checkpoints, no missing figure in them or in its compare row. */
    /**
     * On a cluster of several TaskManagers the records into the stateful operator (Flink's I/O counters) equal the
     * source's warm-up plus its steady records, except those still in a network buffer between the two when the run
     * cancels the job: a handful, never more than 1 % of the steady records, and never more than were written.
     */
    static void recordsMatchPlanAcrossTheNetwork(Run r, long keys) {
        long written = keys + r.steadyRecords();
        assertThat(r.records()).as(r.name()).isLessThanOrEqualTo(written)
                .isGreaterThanOrEqualTo(written - Math.max(1, r.steadyRecords() / 100));
    }

    static void complete(Run r) {
        assertThat(r.status()).as(r.name()).isEqualTo("FINISHED");
        Table steady = r.steadyCheckpoints();
        assertThat(steady.rowCount()).as("%s steady checkpoints", r.name()).isGreaterThanOrEqualTo(3);
        for (String c : STEADY_FIGURES) {
            assertThat(steady.column(c).countMissing()).as("%s: missing %s in steady checkpoints", r.name(), c)
                    .isZero();
        }
        Table cmp = Tables.compare(r);
        for (Column<?> c : cmp.columns()) {
            assertThat(c.isMissing(0)).as("%s: compare has no %s", r.name(), c.name()).isFalse();
        }
        assertThat(((NumericColumn<?>) cmp.column(Tables.STORAGE_OVERHEAD)).getDouble(0)).isGreaterThanOrEqualTo(0.99);
    }

    /** Bytes of the files under these folders of this machine's disk (absent folders hold none). */
    static long walk(Path... dirs) throws IOException {
        long sum = 0;
        for (Path d : dirs) {
            if (d != null && Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    sum += s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
                }
            }
        }
        return sum;
    }

    /** The run's checkpoint folder and, for changelog runs, its changelog folder, on this machine's disk. */
    static Path[] storageDirs(Run r) {
        Path ckpt = localPath(r.checkpointDir());
        URI changelog = ClusterNeeds.changelogDir(r.experiment(), r.jobId());
        return new Path[] {ckpt, changelog == null ? null : localPath(changelog)};
    }

    /** file:// URIs as they are; s3://ckpt/… as the embedded S3 server's file for that object. */
    static Path localPath(URI u) {
        if ("s3".equals(u.getScheme())) {
            return ClusterNeeds.store().localPath(u);
        }
        return Path.of(u);
    }

    /** Disk bytes equal a walk of the storage on disk, to the byte. */
    static void diskMatchesWalk(Run r) throws IOException {
        assertThat(r.disk().readable()).as(r.name()).isTrue();
        assertThat(r.disk().totalBytes()).as("%s disk bytes vs a walk", r.name()).isEqualTo(walk(storageDirs(r)));
    }
}
