package ckpt.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One line for each figure an experiment's mode or storage cannot give, or gives with a meaning of its own, so
 * that no table shows a number that silently means something else.
 */
public final class ModeNotes {
    private ModeNotes() {
    }

    public static List<String> of(Experiment e) {
        List<String> out = new ArrayList<>();
        Mode m = e.mode();
        if (m == Mode.HASHMAP) {
            out.add("hashmap: state_bytes is the serialized snapshot Flink wrote, Flink's own figure for heap state —"
                    + " not the heap it occupies; no RocksDB metrics or OPTIONS file");
        }
        if (m.changelog()) {
            out.add("changelog: state_bytes is the last materialization plus every change since"
                    + (e.extras().materializeEvery() == null ? " (materialized every 10 min, Flink's default)" : ""));
        }
        if (!m.rocksdb() && !e.rocksdb().isEmpty()) {
            out.add(m.label() + ": the RocksDB options set (state.backend.rocksdb.*) do not apply to this backend");
        }
        if (!m.rocksdb() && !e.rocksdbMetrics().isEmpty()) {
            out.add(m.label() + ": RocksDB native metrics are not reported by this backend");
        }
        if (m == Mode.FORST && e.extras().embeddedS3()) {
            out.add("forst on S3: ForSt's primary copy stays on the run's disk (Flink 2.3's ForSt and"
                    + " flink-s3-fs-native do not work together); checkpoints upload its files to S3");
        }
        if (m != Mode.CHANGELOG && e.extras().materializeEvery() != null) {
            out.add("materializeEvery applies to mode changelog only: ignored");
        }
        if (!e.extras().embeddedS3() && e.checkpointDir() != null && e.checkpointDir().startsWith("s3")) {
            out.add("S3 request columns are only counted on the embedded S3 server (storage(\"s3\"))");
        }
        return out;
    }
}
