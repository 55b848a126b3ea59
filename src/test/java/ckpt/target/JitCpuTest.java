package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JIT compilers' CPU, read from /proc for real processes: this JVM, a process that is no JVM, one that is gone. */
class JitCpuTest {
    @Test
    void aJvmsCompilersUsedSomeOfItsCpuAndNoMore() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        long self = ProcessHandle.current().pid();
        long before = JitCpu.millis(List.of(self));
        // a JVM that has started JUnit has compiled plenty; compiling more only adds
        long sum = 0;
        for (int i = 0; i < 3_000_000; i++) {
            sum += Long.toString(i).hashCode();
        }
        long after = JitCpu.millis(List.of(self));
        long total = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
        assertThat(before).as("sum %d", sum).isPositive();
        assertThat(after).isGreaterThanOrEqualTo(before).isLessThanOrEqualTo(total + 10);
        // one pid listed twice counts twice: the figure sums JVMs
        assertThat(JitCpu.millis(List.of(self, self))).isBetween(2 * after, 2 * JitCpu.millis(List.of(self)));
    }

    @Test
    void unknownWhereNoJvmCompilesNeverZero() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc");
        Process sleep = new ProcessBuilder("sleep", "30").start();
        try {
            assertThat(JitCpu.millis(List.of(sleep.pid()))).as("a process with no compiler threads").isEqualTo(-1);
        } finally {
            sleep.destroy();
            sleep.waitFor();
        }
        assertThat(JitCpu.millis(List.of(sleep.pid()))).as("a process that is gone").isEqualTo(-1);
        assertThat(JitCpu.millis(List.of())).isEqualTo(-1);
    }
}
