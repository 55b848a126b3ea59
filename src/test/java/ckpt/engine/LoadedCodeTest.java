package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import ckpt.model.UserJob;
import ckpt.target.Embedded;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** A loaded run's experiment keeps the code it was recorded with, and refuses to run what this session lacks. */
class LoadedCodeTest {
    static JsonNode json(String s) throws Exception {
        return new ObjectMapper().readTree(s);
    }

    @Test
    void aFunctionRunLoadsAsAFunctionRunThatSaysWhatToGiveAgain() throws Exception {
        Experiment e = PastRuns.experiment(json("{\"mode\":\"full\",\"keys\":1000,\"code\":\"function\","
                + "\"code_label\":\"function Enricher\"}"));
        assertThat(e.code().kind()).isEqualTo(UserJob.FUNCTION);
        assertThat(e.code().available()).isFalse();
        assertThat(e.code().harnessSource()).isTrue();
        assertThat(e.code().describe()).isEqualTo("function Enricher");
        // refused before any cluster is touched, and never run as the built-in operator
        assertThatThrownBy(() -> Runs.run(e, Embedded.get())).isInstanceOf(CkptException.class)
                .hasMessageContaining("loaded run").hasMessageContaining("function Enricher")
                .hasMessageContaining("experiment().function(");
        // given again, it runs as that code
        assertThat(e.withCode(UserJob.NONE).code().available()).isTrue();
    }

    @Test
    void aJarRunWhoseJarIsGoneStaysAJarRun() throws Exception {
        Experiment e = PastRuns.experiment(json("{\"code\":\"jar\",\"code_label\":\"jar gone.jar · acme.Job\","
                + "\"jar\":\"/nonexistent/gone.jar\",\"main_class\":\"acme.Job\"}"));
        assertThat(e.code().kind()).isEqualTo(UserJob.JAR);
        assertThat(e.code().harnessSource()).isFalse();
        assertThat(e.code().describe()).isEqualTo("jar gone.jar · acme.Job");
        assertThatThrownBy(() -> Runs.run(e, Embedded.get())).isInstanceOf(CkptException.class)
                .hasMessageContaining("jar gone.jar · acme.Job is not there any more");
    }

    @Test
    void aBuiltInRunStaysBuiltIn() throws Exception {
        Experiment e = PastRuns.experiment(json("{\"code\":\"built-in\",\"keys\":10}"));
        assertThat(e.code()).isEqualTo(UserJob.NONE);
    }

    /** What experiment.json says, read back as a loaded run reads it. */
    static Experiment roundTrip(Experiment e) throws Exception {
        ObjectMapper m = new ObjectMapper();
        return PastRuns.experiment(m.readTree(m.writeValueAsString(Recorder.describe(e))));
    }

    @Test
    void everySettingARunRecordsComesBackWhenItIsLoaded() throws Exception {
        // every setting off its default, so a setting experiment.json forgets (or PastRuns does not read) shows
        Experiment e = Experiment.defaults().name("everything").mode("changelog").seconds(20).parallelism(3)
                .interval("700ms").minPause("50ms").timeout("2min").retained(2).checkpointDir("file:///tmp/ckpts")
                .keys(12_345).valueBytes(64).churn(0.2).rate(5_000).seed(7)
                .rocksdb("state.backend.rocksdb.writebuffer.size", "8mb").rocksdbMetrics("estimate-live-data-size")
                .managedMemory("256m").skipDiskCheck().config("pipeline.object-reuse", "true")
                .failAfter("5s").savepointAfter("3s", "native").savepointAfter("4s", "canonical")
                .restoreFrom("file:///tmp/ckpts/j/chk-3").claim("claim").localRecovery(true).verifyState()
                .freshState().fullCheckpointEvery(4)
                .state("map").entries(9).ttl("30s").sinkDelay("1ms")
                .materializeEvery("2s").fileMerging(true).unaligned(true)
                .storage("s3").storageLatency("20ms").storageBandwidth("100mb");
        assertThat(roundTrip(e)).isEqualTo(e);
        Experiment kill = Experiment.defaults().seconds(10).killTaskManagerAfter("2s");
        assertThat(roundTrip(kill)).isEqualTo(kill);
        assertThat(roundTrip(Experiment.defaults())).isEqualTo(Experiment.defaults());
    }

    @Test
    void aRunRecordedBeforeTheseSettingsWereWrittenLoadsWithTheirDefaults() throws Exception {
        Experiment e = PastRuns.experiment(json("{\"mode\":\"full\",\"keys\":1000,\"seconds\":5}"));
        assertThat(e.extras().storage()).isEqualTo("local");
        assertThat(e.shape().isDefault()).isTrue();
        assertThat(e.recovery().localRecovery()).isFalse();
    }
}
