package ckpt.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs refused before they can fill the disk, and runs cut short by a killed session repaired at the next start. */
class SafetyTest {

    @Test
    void aStateTooBigForTheFreeDiskIsRefusedBeforeAnythingIsWritten(@TempDir Path dir) throws Exception {
        Experiment huge = Experiment.defaults().keys(50_000_000).valueBytes(1_048_576);
        long free = Files.getFileStore(dir).getUsableSpace();
        assertThat(DiskCheck.plannedState(huge) * DiskCheck.COPIES).isGreaterThan(free);
        assertThatThrownBy(() -> DiskCheck.check(huge, dir, true))
                .isInstanceOf(CkptException.class)
                .hasMessageContaining("this run needs about")
                .hasMessageContaining("50,000,000 × (1048576 + 24) B")
                .hasMessageContaining("free").hasMessageContaining(".skipDiskCheck()");
        assertThat(dir).isEmptyDirectory();
        DiskCheck.check(huge.skipDiskCheck(), dir, true); // the user's explicit choice
        DiskCheck.check(huge, dir, false);                // a remote cluster's disks are not ours to judge
        DiskCheck.check(Experiment.defaults(), dir, true); // 100,000 × 124 B fits
    }

    @Test
    void aRunWhoseSessionDiedGetsASummaryFromItsFilesAndLosesItsWorkingFolder(@TempDir Path runs) throws Exception {
        String before = System.getProperty("ckpt.runs");
        System.setProperty("ckpt.runs", runs.toString());
        try {
            Path dead = Files.createDirectories(runs.resolve("2026-01-01T00-00-00-killed"));
            Files.writeString(dead.resolve("experiment.json"), "{\"name\":\"killed\",\"mode\":\"INCREMENTAL\"}");
            Files.writeString(dead.resolve("checkpoints.csv"), "run,mode,checkpoint_id,phase,status\n"
                    + "killed,INCREMENTAL,1,warmup,COMPLETED\nkilled,INCREMENTAL,2,steady,COMPLETED\n"
                    + "killed,INCREMENTAL,3,steady,FAILED\n");
            Files.writeString(dead.resolve(CutShort.OWNER), "{\"pid\":" + deadPid() + ",\"start\":\"x\"}");
            Files.createDirectories(dead.resolve("rocksdb-local/db")).resolve("000001.sst").toFile().createNewFile();
            Path alive = Files.createDirectories(runs.resolve("2026-01-01T00-00-01-running"));
            new Recorder(alive).json(CutShort.OWNER, java.util.Map.of("pid", ProcessHandle.current().pid(),
                    "start", ProcessHandle.current().info().startInstant().orElseThrow().toString()));
            Files.createDirectories(alive.resolve("rocksdb-local"));

            assertThat(CutShort.repair()).containsExactly("2026-01-01T00-00-00-killed");

            String summary = Files.readString(dead.resolve("summary.json"));
            assertThat(summary).contains("CUT SHORT").contains("\"checkpoints_total\" : 3")
                    .contains("\"checkpoints_completed\" : 2").contains("\"checkpoints_steady\" : 1");
            assertThat(dead.resolve("rocksdb-local")).doesNotExist();
            assertThat(dead.resolve(CutShort.OWNER)).doesNotExist();
            // a run of a live session is not touched
            assertThat(alive.resolve("summary.json")).doesNotExist();
            assertThat(alive.resolve("rocksdb-local")).isDirectory();
            assertThat(CutShort.repair()).isEmpty();
        } finally {
            if (before == null) {
                System.clearProperty("ckpt.runs");
            } else {
                System.setProperty("ckpt.runs", before);
            }
        }
    }

    static long deadPid() {
        for (long pid = 4_000_000; ; pid--) {
            if (ProcessHandle.of(pid).isEmpty()) {
                return pid;
            }
        }
    }
}
