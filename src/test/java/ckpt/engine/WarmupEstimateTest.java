package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The runner's estimate of the warm-up left, which decides how rarely it looks at a job during a long warm-up. */
class WarmupEstimateTest {
    static JobProbe.Phase warming(long done, long total, long start) {
        return new JobProbe.Phase(done, total, start, -1, -1, -1, -1, 0, 0, 0);
    }

    @Test
    void theRestOfTheRecordsAtTheRateSoFar() {
        // 250,000 of 1,000,000 records in 2 s: 750,000 more take 6 s
        assertThat(warming(250_000, 1_000_000, 10_000).warmupMillisLeft(12_000)).isEqualTo(6_000);
        assertThat(warming(999_000, 1_000_000, 0).warmupMillisLeft(9_990)).isEqualTo(10);
    }

    @Test
    void unknownBeforeTheFirstRecordAndZeroOnceWarm() {
        assertThat(warming(0, 1_000, -1).warmupMillisLeft(5_000)).isEqualTo(-1);
        assertThat(warming(0, 1_000, 5_000).warmupMillisLeft(5_000)).isEqualTo(-1);
        JobProbe.Phase warm = new JobProbe.Phase(1_000, 1_000, 5_000, 5_100, 5_200, -1, -1, 0, 0, 0);
        assertThat(warm.warmupMillisLeft(6_000)).isZero();
    }
}
