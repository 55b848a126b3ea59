package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.CheckpointTable;
import ckpt.model.Experiment;
import ckpt.model.Run;
import ckpt.target.Embedded;
import ckpt.target.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tech.tablesaw.api.Table;

/**
 * Map and list state, and TTL, on RocksDB FULL checkpoints (a FULL checkpoint's state size is the SST files RocksDB
 * holds: what the state takes, with nothing shared from earlier checkpoints).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StateShapeTest {
    static final long KEYS = 10_000;
    static final int VALUE = 256;
    static final int ENTRIES = 4;
    static final Experiment BASE = Experiment.defaults().keys(KEYS).valueBytes(VALUE).seconds(3).interval("500ms")
            .mode("full");
    Run map;
    Run list;
    Run ttl;
    Run noTtl;

    @BeforeAll
    void runAll() {
        map = Runs.run(BASE.state("map").entries(ENTRIES).name("shape-map"), Embedded.get());
        list = Runs.run(BASE.state("list").entries(ENTRIES).name("shape-list"), Embedded.get());
        // 2% of the keys updated per 500 ms: with a 2 s TTL about 8% of them stay alive
        Experiment churny = BASE.keys(20_000).seconds(8).churn(0.02);
        ttl = Runs.run(churny.ttl("2s").name("shape-ttl"), Embedded.get());
        noTtl = Runs.run(churny.name("shape-no-ttl"), Embedded.get());
    }

    @AfterAll
    void shutdown() {
        Targets.stopOwned();
    }

    /** State size of the gate checkpoint: the warm state, every key written once, no churn yet. */
    static long warmState(Run r) {
        Table done = CheckpointTable.completed(r.checkpoints());
        Table warm = done.where(done.longColumn(CheckpointTable.CHECKPOINT_ID).isEqualTo(r.timeline().gate()));
        return warm.longColumn(CheckpointTable.STATE_BYTES).getLong(0);
    }

    @Test
    void mapStateHoldsItsEntriesPerKey() {
        MatrixChecks.complete(map);
        long payload = KEYS * ENTRIES * VALUE;
        // Plan: keys × entries × valueBytes of random (incompressible) values, plus per entry what RocksDB stores
        // besides the value: the key (key group 1 B, key 8 B, namespace 1 B, map key 4 B), its sequence number and
        // type (8 B), the value's length and SST block index share — under 48 B each — and one 16 B header entry
        // (count, sum) per key.
        long perEntry = 48;
        assertThat(warmState(map)).isBetween(payload, payload + KEYS * (ENTRIES + 1) * perEntry + KEYS * 16);
    }

    @Test
    void listStateHoldsItsElementsPerKey() {
        MatrixChecks.complete(list);
        long payload = KEYS * ENTRIES * VALUE;
        // Plan: one RocksDB value per key holding entries elements (each with a small length prefix and a separator):
        // keys × entries × valueBytes, plus under 8 B per element and under 48 B per key.
        assertThat(warmState(list)).isBetween(payload, payload + KEYS * (ENTRIES * 8L + 48));
    }

    @Test
    void expiredStateIsDroppedByCompactionAndTheStateShrinks() {
        MatrixChecks.complete(ttl);
        Table steady = ttl.steadyCheckpoints();
        long warm = warmState(ttl);
        long last = steady.longColumn(CheckpointTable.STATE_BYTES).getLong(steady.rowCount() - 1);
        long lastNoTtl = noTtl.steadyCheckpoints().longColumn(CheckpointTable.STATE_BYTES)
                .getLong(noTtl.steadyCheckpoints().rowCount() - 1);
        // RocksDB's compaction filter removed the keys not written for 2 s: a fraction of the warm state is left
        assertThat(last).isLessThan(warm / 3);
        // without TTL every key stays
        assertThat(lastNoTtl).isGreaterThan(warm);
        assertThat((double) steady.longColumn(CheckpointTable.STATE_BYTES).min()).isLessThan(warm / 3.0);
    }
}
