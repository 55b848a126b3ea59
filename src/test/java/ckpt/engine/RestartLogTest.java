package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.Experiment;
import ckpt.model.RestartTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Restarts from entries shaped like Flink's exception history ({@code GET /jobs/:id/exceptions}). */
class RestartLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode entry(long at, String task, String name, String trace) {
        ObjectNode n = JSON.createObjectNode();
        n.put("timestamp", at);
        n.put("taskName", task);
        n.put("exceptionName", name);
        n.put("stacktrace", trace);
        return n;
    }

    @Test
    void eachEntryIsARestartWithItsRootCauseAndTimeSinceTheJobStarted() {
        RestartLog log = new RestartLog(Experiment.defaults().name("r"));
        JsonNode injected = entry(1_500, "ckpt-state (1/2)", "org.apache.flink.runtime.JobException",
                "org.apache.flink.runtime.JobException: Recovery is suppressed\n\tat x.y(Z.java:1)\n"
                        + "Caused by: ckpt.job.Phases$InjectedFailure: injected after 2000 ms\n\tat ckpt.job.A.b(A.java:9)\n");
        assertThat(log.read(List.of(injected), 1_000, List.of())).isTrue();
        assertThat(log.read(List.of(injected), 1_000, List.of())).as("the same history again").isFalse();
        assertThat(log.count()).isEqualTo(1);
        assertThat(log.table().stringColumn(RestartTable.CAUSE).get(0))
                .isEqualTo("ckpt.job.Phases$InjectedFailure: injected after 2000 ms");
        assertThat(log.table().longColumn("t_ms").get(0)).isEqualTo(500L);
        assertThat(log.table().stringColumn(RestartTable.TASK).get(0)).isEqualTo("ckpt-state (1/2)");
        // the built-in job's failures are the runner's to measure, never the user's
        assertThat(log.userFailure()).isNull();
        // without "Caused by:" the trace's first line is the cause
        assertThat(RestartLog.cause(entry(0, "t", "java.lang.IllegalStateException",
                "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:3)\n")))
                .isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void aFailureInTheUsersCodeEndsTheRunButOneAfterAKilledTaskManagerDoesNot(@TempDir Path dir) throws Exception {
        Path jar = Files.createFile(dir.resolve("app.jar"));
        Experiment own = Experiment.defaults().jar(jar.toString()).name("app");
        String users = "java.lang.RuntimeException: lookup failed\n\tat acme.Lookup.open(Lookup.java:22)\n";

        RestartLog afterKill = new RestartLog(own);
        afterKill.read(List.of(entry(5_000, "Map (1/1)", "java.lang.RuntimeException", users)), 0, List.of(4_000L));
        assertThat(afterKill.userFailure()).as("after the runner killed a TaskManager at 4 s").isNull();

        RestartLog plain = new RestartLog(own);
        plain.read(List.of(entry(5_000, "Map (1/1)", "java.lang.RuntimeException", users)), 0, List.of());
        assertThat(plain.userFailure()).startsWith("the job failed: java.lang.RuntimeException: lookup failed")
                .contains("acme.Lookup.open(Lookup.java:22)");
    }
}
