package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.model.SubtaskTable;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * A sink that takes 1 ms per record against a source writing 2,000 records/s: the job backpressures. Aligned
 * barriers queue behind the buffered records; unaligned ones overtake them and persist them instead.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackpressureTest {
    static final Experiment SLOW = Experiment.defaults().keys(20_000).valueBytes(256).seconds(6).interval("500ms")
            .timeout("5s").sinkDelay("1ms");
    Run aligned;
    Run unaligned;

    @BeforeAll
    void runBoth() {
        aligned = Runs.run(SLOW.name("bp-aligned"), Embedded.get());
        unaligned = Runs.run(SLOW.unaligned(true).name("bp-unaligned"), Embedded.get());
    }

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    static Table sink(Run r) {
        Table s = r.subtasks();
        return s.where(s.stringColumn(SubtaskTable.OPERATOR).startsWith("slow-sink"));
    }

    @Test
    void alignedBarriersWaitBehindTheBackloggedRecords() {
        Table sink = sink(aligned);
        // the barrier reaches the slow sink only after the records queued before it: seconds, not milliseconds,
        // and some checkpoints expire at the 5 s timeout
        assertThat((double) sink.longColumn(CheckpointTable.START_DELAY_MS).max()).isGreaterThan(1_000);
        assertThat(aligned.failedInHistory()).isPositive();
        assertThat((double) sink.longColumn(SubtaskTable.PERSISTED_BYTES).max()).isZero();
    }

    @Test
    void unalignedCheckpointsPersistInFlightDataAndStayFast() {
        MatrixChecks.complete(unaligned);
        Table sink = sink(unaligned);
        assertThat((double) sink.longColumn(SubtaskTable.PERSISTED_BYTES).max()).isPositive();
        assertThat(unaligned.failedInHistory()).isZero();
        double p50Unaligned = unaligned.steadyCheckpoints().longColumn(CheckpointTable.DURATION_MS).median();
        assertThat(p50Unaligned).isLessThan(1_000);
        assertThat((double) sink.longColumn(CheckpointTable.START_DELAY_MS).median()).isLessThan(500);
    }
}
