package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.model.Experiment;
import ckpt.text.Units;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a run whose state would not fit on this machine's disk before a single record is written. On targets that
 * share this disk, RocksDB's working files and the checkpoints both land in the run folder: an estimate of
 * {@code keys × (value + 24 B of key and RocksDB overhead)}, times 3 (working files with not yet compacted
 * versions, plus the retained checkpoint, plus the one being written), must fit in the free space there.
 * {@code experiment().skipDiskCheck()} runs anyway.
 */
final class DiskCheck {
    /** Per-entry overhead beyond the value: key bytes, RocksDB's internal key and block index (measured ≈ 20 B). */
    static final long ENTRY_OVERHEAD = 24;
    /** Working files, the retained checkpoint and the one in flight. */
    static final int COPIES = 3;

    private DiskCheck() {
    }

    /** Bytes of live state the experiment plans (keys × value size and overhead). */
    static long plannedState(Experiment e) {
        return e.workload().warmupRecords() * (e.valueBytes() + ENTRY_OVERHEAD);
    }

    static void check(Experiment e, Path runFolder, boolean sharesDisk) {
        if (!sharesDisk || e.tuning().skipDiskCheck()) {
            return;
        }
        long need = plannedState(e) * COPIES;
        long free;
        try {
            free = Files.getFileStore(runFolder).getUsableSpace();
        } catch (IOException ex) {
            return; // cannot tell: run, as before
        }
        if (need > free) {
            throw new CkptException(String.format(java.util.Locale.ROOT,
                    "this run needs about %s of disk (%s of state: %,d × (%d + %d) B, ×%d for RocksDB's files and the "
                            + "checkpoints) but %s has %s free — use fewer keys or smaller values, or add "
                            + ".skipDiskCheck() to run anyway",
                    Units.bytes(need), Units.bytes(plannedState(e)), e.workload().warmupRecords(), e.valueBytes(),
                    ENTRY_OVERHEAD, COPIES, runFolder.toAbsolutePath().getParent(), Units.bytes(free)));
        }
    }
}
