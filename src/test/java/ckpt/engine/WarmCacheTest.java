package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.RecoveryTable;
import ckpt.model.Run;
import ckpt.model.StateOrigin;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A second run of the same state-shaping settings starts from the first run's warm state, byte for byte. */
class WarmCacheTest {
    /**
     * 300,000 × 256 B ≈ 84 MB planned: above the cache's threshold. The interval is short next to the warm-up: a
     * periodic checkpoint right after the warm-up would open the gate before the runner's savepoint (which would
     * then hold steady updates and not be cached), unless the filling run has none after its first — it has none.
     */
    static final Experiment E = Experiment.defaults().keys(300_000).valueBytes(256).seconds(2).interval("500ms")
            .seed(7_2026);

    @AfterAll
    static void shutdown() {
        WarmCache.clear();
        Targets.stopOwned();
    }

    @Test
    void theSecondRunRestoresTheCachedWarmStateInsteadOfFilling() {
        WarmCache.clear();
        Run filled = Runs.run(E.mode("full").name("fills"), Embedded.get());
        assertThat(filled.origin()).isEqualTo(StateOrigin.FILLED);
        assertThat(WarmCache.lookup(E)).isPresent();
        // between the warm-up's end and the gate no periodic checkpoint ran: the warm-up is backlog, and the filling
        // run has none then (only Flink's first periodic trigger, scheduled at the job's start, can come earlier)
        Table done = CheckpointTable.completed(filled.checkpoints());
        assertThat(done.where(done.longColumn(CheckpointTable.CHECKPOINT_ID).isLessThan(filled.timeline().gate())
                .and(done.stringColumn(CheckpointTable.CHECKPOINT_TYPE).isEqualTo("CHECKPOINT"))
                .and(done.instantColumn(CheckpointTable.TRIGGER_TIME).isAfter(
                        java.time.Instant.ofEpochMilli(filled.timeline().warmupEnd())))).rowCount()).isZero();
        assertThat(done.where(done.longColumn(CheckpointTable.CHECKPOINT_ID).isGreaterThan(filled.timeline().gate()))
                .rowCount()).isGreaterThanOrEqualTo(2); // and periodic ones again after it

        Run cached = Runs.run(E.mode("incremental").name("from-cache"), Embedded.get());
        assertThat(cached.origin().kind()).isEqualTo(StateOrigin.CACHE);
        assertThat(cached.recoveries().stringColumn(RecoveryTable.CAUSE).get(0)).isEqualTo(RecoveryTable.RESTORE);
        assertThat(cached.warmupRecords()).isZero();
        assertThat(cached.records()).isEqualTo(cached.steadyRecords());
        // the same state: its first checkpoint holds what a fresh fill's first complete checkpoint holds
        assertThat((double) firstState(cached)).isCloseTo(firstState(filled), within(firstState(filled) * 0.02));
        // and it got there sooner than the fill took
        long fill = filled.timeline().steadyStart() - filled.timeline().jobStart();
        long restore = cached.timeline().steadyStart() - cached.timeline().jobStart();
        assertThat(restore).isLessThan(fill);

        // opting out fills again; a different setting is a different entry
        assertThat(Runs.run(E.freshState().mode("full").name("fresh"), Embedded.get()).origin())
                .isEqualTo(StateOrigin.FILLED);
        assertThat(WarmCache.lookup(E.valueBytes(300))).isEmpty();
        assertThat(Cleanup.cleanCheckpoints(0).bytes()).isPositive();
        assertThat(WarmCache.lookup(E)).isEmpty();
    }

    /** State size of the first completed checkpoint after warm-up (the gate: the whole warm state, no churn yet). */
    private static long firstState(Run r) {
        Table done = CheckpointTable.completed(r.checkpoints());
        long gate = r.timeline().gate();
        Table g = done.where(done.longColumn(CheckpointTable.CHECKPOINT_ID).isEqualTo(gate));
        return g.longColumn(CheckpointTable.STATE_BYTES).getLong(0);
    }
}
