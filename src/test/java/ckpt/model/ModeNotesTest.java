package ckpt.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModeNotesTest {
    @Test
    void aModeSaysWhatItCannotGiveInOneLineEach() {
        assertThat(ModeNotes.of(Experiment.defaults())).isEmpty();
        assertThat(ModeNotes.of(Experiment.defaults().mode("full").storage("s3"))).isEmpty();
        assertThat(ModeNotes.of(Experiment.defaults().mode("hashmap"))).singleElement().asString()
                .contains("Flink's own figure").contains("not the heap");
        assertThat(ModeNotes.of(Experiment.defaults().mode("forst").rocksdb("writebuffer.size", "8mb")))
                .singleElement().asString().contains("do not apply");
        assertThat(ModeNotes.of(Experiment.defaults().mode("forst").storage("s3"))).singleElement().asString()
                .contains("primary copy stays on the run's disk");
        assertThat(ModeNotes.of(Experiment.defaults().mode("changelog"))).singleElement().asString()
                .contains("10 min");
        assertThat(ModeNotes.of(Experiment.defaults().materializeEvery("1s"))).singleElement().asString()
                .contains("changelog only");
        assertThat(ModeNotes.of(Experiment.defaults().mode("hashmap").rocksdbMetrics("estimate-live-data-size")))
                .hasSize(2).allMatch(l -> !l.contains("\n"));
    }

    @Test
    void newSettersCheckTheirValuesWhenSet() {
        Experiment e = Experiment.defaults().state("MAP").entries(8).ttl("30s").sinkDelay("1ms").unaligned(true)
                .fileMerging(true).storage("s3").storageLatency("20ms").storageBandwidth("100mb")
                .materializeEvery("30s");
        assertThat(e.shape().kind()).isEqualTo("map");
        assertThat(e.shape().valuesPerKey()).isEqualTo(8);
        assertThat(e.extras().storageBandwidth()).isEqualTo(100L << 20);
        assertThat(e.toString()).contains("map × 8", "ttl 30 s", "storage s3 +20 ms", "unaligned", "file merging");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Experiment.defaults().state("set"))
                .hasMessageContaining("allowed: value, map, list");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Experiment.defaults().storage("gcs"))
                .hasMessageContaining("allowed: local, s3");
        assertThat(Mode.parse("forst").asyncState()).isTrue();
        assertThat(Mode.parse("changelog").changelog()).isTrue();
    }
}
