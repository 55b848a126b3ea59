package ckpt.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs the shell must refuse in one line, naming what was wrong, before anything runs. */
class ShellInputTest {
    @TempDir
    Path dir;

    /** Bytes of a PNG header: not UTF-8 (0x89), and NUL bytes. */
    private Path binary() throws Exception {
        Path bin = dir.resolve("chart.png");
        Files.write(bin, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
        return bin;
    }

    @Test
    void aBinaryFileIsNamedAsNotText() throws Exception {
        Path bin = binary();
        Processes.Result r = Processes.run("", "--replay", bin.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains(bin + ": not a text file").doesNotContain("Input length");

        // valid UTF-8 but with NUL bytes (an uncompressed archive, a RocksDB file)
        Path nul = dir.resolve("data.sst");
        Files.write(nul, new byte[] {'a', 0, 'b', '\n'});
        Processes.Result piped = Processes.run("/open " + bin + "\n/open " + nul + "\n1+1\n");
        assertThat(piped.stdout()).contains(bin + ": not a text file").contains(nul + ": not a text file")
                .doesNotContain("Input length").endsWith("2\n");
    }
}
