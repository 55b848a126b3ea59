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

    @Test
    void aBadParamStopsTheReplayWithCode2BeforeTheFirstCell() throws Exception {
        Path nb = dir.resolve("p.jsh");
        Files.writeString(nb, "//% first\nSystem.out.println(\"RAN\");\n//% parameters\nvar keys = 20000;\nvar seconds = 4;\n");
        Processes.Result unknown = Processes.run("", "--replay", nb.toString(), "--param", "key=300000");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.stderr()).contains("--param key: not a parameter of p.jsh — its parameters: keys, seconds");
        assertThat(unknown.stdout()).doesNotContain("RAN").doesNotContain("[1/");
        for (String bad : new String[] {"keys=abc", "keys=1e6", "keys="}) {
            Processes.Result r = Processes.run("", "--replay", nb.toString(), "--param", bad);
            assertThat(r.exitCode()).as(bad).isEqualTo(2);
            assertThat(r.stderr()).as(bad).contains("--param keys").contains("keys is an int in the parameters cell");
            assertThat(r.stdout()).as(bad).doesNotContain("RAN");
        }
        Processes.Result good = Processes.run("", "--replay", nb.toString(), "--param", "keys=300_000");
        assertThat(good.exitCode()).as(good.stderr()).isZero();
        assertThat(good.stdout()).contains("RAN").contains("keys ==> 300000");
    }
}
