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
}
