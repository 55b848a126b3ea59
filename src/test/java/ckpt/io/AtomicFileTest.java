package ckpt.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir
    Path dir;

    private Stream<Path> files() throws IOException {
        return Files.list(dir);
    }

    @Test
    void aWriteThatFailsHalfwayLeavesTheOldFileAndNoTempFile() throws Exception {
        Path report = dir.resolve("report.html");
        Files.writeString(report, "the old report");
        assertThatThrownBy(() -> AtomicFile.write(report, out -> {
            out.write(new byte[100_000]); // more than the buffer: part of it reached the temp file
            throw new IOException("No space left on device");
        })).hasMessage("No space left on device");
        assertThat(Files.readString(report)).isEqualTo("the old report");
        assertThat(files()).containsExactly(report);
    }

    @Test
    void aSuccessfulWriteReplacesTheFileWhole() throws Exception {
        Path f = dir.resolve("sub/out.csv");
        AtomicFile.writeString(f, "one");
        AtomicFile.write(f, out -> {
            out.write("two".getBytes());
            out.close(); // writers close their stream; the helper still finishes its job
        });
        assertThat(Files.readString(f)).isEqualTo("two");
        assertThat(Files.list(f.getParent())).containsExactly(f);
    }

    @Test
    void theFailureSaysTheOldFileIsUnchanged() throws Exception {
        Path f = dir.resolve("x.json");
        assertThat(AtomicFile.failure(f, new IOException("File too large"))).isEqualTo("cannot write " + f + ": File too large");
        Files.writeString(f, "{}");
        assertThat(AtomicFile.failure(f, new IOException("File too large")))
                .isEqualTo("cannot write " + f + ": File too large (the file there is unchanged)");
    }
}
