package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import ckpt.model.RunProgress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The live status line, fed the progress records the engine sends. */
class ShellStatusTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void detach() {
        Router.get().beforeWrite(null);
        Router.get().target(Router.STDOUT);
    }

    private static RunProgress p(String phase, long warm, long steadyMs, int ckpts) {
        return new RunProgress("full", phase, warm, 1_000_000, steadyMs, 30_000, ckpts, ckpts > 0 ? 1920 : -1,
                ckpts > 0 ? 262L << 20 : -1, ckpts > 0 ? 262L << 20 : -1, "http://127.0.0.1:8081");
    }

    @Test
    void formatsPhases() {
        // the same units as tables and summaries (Units): 262.0 MiB, 1.92 s
        assertThat(LiveStatus.line(p("steady", 1_000_000, 15_000, 8), 0))
                .isEqualTo("  steady   ██████████░░░░░░░░░░ 15/30 s · ckpt 8 · last 1.92 s · state 262.0 MiB · ckpted 262.0 MiB");
        // warm-up counts records: one per key, or one per row of a source table; the rate so far says what is left
        assertThat(LiveStatus.line(p("warmup", 250_000, 0, 0), 2_500))
                .isEqualTo("  warm-up  █████░░░░░░░░░░░░░░░ 250,000/1,000,000 records · 2.50 s · about 7.50 s left");
        // a restored run writes no warm-up: its line says where the state is from, with no pace to extrapolate
        assertThat(LiveStatus.line(p("restore", 1_000_000, 0, 0), 2_500)).isEqualTo(
                "  restore  ████████████████████ 1,000,000/1,000,000 warm-up records in the restored state · 2.50 s");
    }

    @Test
    void aSteadyPhaseThatRanItsLengthEndsAtItsLength() {
        // the last event said 29.4 s of 30; 900 ms later the phase was over: 30/30, full bar
        RunProgress end = ckpt.report.ProgressLine.ended(p("steady", 1_000_000, 29_400, 9), 29_400 + 900);
        assertThat(LiveStatus.line(end, 0)).contains("████████████████████ 30/30 s");
        // cancelled at 7.2 s: it stays there
        assertThat(LiveStatus.line(ckpt.report.ProgressLine.ended(p("steady", 1_000_000, 7_000, 3), 7_200), 0))
                .contains(" 7/30 s");
    }

    @Test
    void withoutTerminalPrintsPlainLinesOnPhaseChangeOnly() {
        Router router = Router.get();
        router.target(out);
        LiveStatus status = new LiveStatus(Screen.plain(router));
        status.onProgress(p("starting", 0, 0, 0));
        status.onProgress(p("warmup", 10, 0, 0));
        status.onProgress(p("warmup", 20, 0, 0));
        status.onProgress(p("steady", 1_000_000, 1_000, 1));
        status.onProgress(p("steady", 1_000_000, 1_200, 1));
        status.finish();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines()).hasSize(4);
        assertThat(text).startsWith("  Flink dashboard: http://127.0.0.1:8081\n");
        // each phase once it ended, with its last figures (not the 10 records it had at its first event)
        assertThat(text).contains("20/1,000,000 records").doesNotContain(" 10/1,000,000").contains("steady");
    }

    @Test
    void onTerminalRewritesOneLineAndGetsOutOfTheWayOfOutput() {
        Router router = Router.get();
        router.target(out);
        Screen screen = new Screen(router, true, false, () -> 100);
        LiveStatus status = new LiveStatus(screen);
        status.onProgress(p("steady", 1_000_000, 1_000, 1));
        status.onProgress(p("steady", 1_000_000, 2_000, 2));
        System.out.println("snippet output");
        status.onProgress(p("steady", 1_000_000, 3_000, 3));
        status.finish();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\r  steady").contains("1/30 s").contains("2/30 s");
        // the status line is wiped before the snippet's line, then drawn again below it
        assertThat(text).contains("\r\033[Ksnippet output\n\r  steady");
        assertThat(text).endsWith("3/30 s · ckpt 3 · last 1.92 s · state 262.0 MiB · ckpted 262.0 MiB\033[K\n");
    }
}
