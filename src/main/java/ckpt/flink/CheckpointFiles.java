package ckpt.flink;

import ckpt.CkptException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a retained checkpoint is made of, read from its {@code _metadata} with Flink's own loader. Files on disk
 * carry random names; the metadata keeps the RocksDB name of each (000012.sst, MANIFEST-000004, OPTIONS-000009),
 * whether it is shared between incremental checkpoints or private to this one, and its size.
 */
public final class CheckpointFiles {
    private CheckpointFiles() {
    }

    /**
     * One row per file the checkpoint references: {@code operator}, {@code subtask}, {@code rocksdb_file}, {@code kind}
     * (shared / private / stream / inline), {@code bytes}, {@code path} (where it is on disk; empty when inlined).
     */
    public static Table of(Path chkDir) {
        Path metadata = metadataFile(chkDir).orElseThrow(
                () -> new CkptException(chkDir + ": no _metadata (not a completed checkpoint folder)"));
        Table t = Table.create(metadata.getParent().getFileName().toString(), StringColumn.create("operator"),
                LongColumn.create("subtask"), StringColumn.create("rocksdb_file"), StringColumn.create("kind"),
                LongColumn.create("bytes"), StringColumn.create("path"));
        CheckpointMetadata m = load(metadata);
        for (OperatorState op : m.getOperatorStates()) {
            op.getSubtaskStates().forEach((subtask, state) -> add(t, op, subtask, state));
        }
        return t;
    }

    /**
     * The {@code _metadata} file for a path that is the file itself, a {@code chk-N} folder, or a job's checkpoint
     * folder (then its newest completed {@code chk-N}).
     */
    public static Optional<Path> metadataFile(Path path) {
        if (path == null || !Files.exists(path)) {
            return Optional.empty();
        }
        if (Files.isRegularFile(path)) {
            return Optional.of(path);
        }
        Path direct = path.resolve("_metadata");
        return Files.isRegularFile(direct) ? Optional.of(direct) : latest(path).map(chk -> chk.resolve("_metadata"));
    }

    /** The newest chk-N folder with a _metadata under a job's checkpoint directory. */
    public static Optional<Path> latest(Path jobCheckpointDir) {
        if (jobCheckpointDir == null || !Files.isDirectory(jobCheckpointDir)) {
            return Optional.empty();
        }
        try (var dirs = Files.list(jobCheckpointDir)) {
            return dirs.filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .max((a, b) -> Long.compare(number(a), number(b)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long number(Path chk) {
        return Long.parseLong(chk.getFileName().toString().substring(4));
    }

    /** Loads a _metadata file with Flink's own reader (the format Flink restores from). */
    public static CheckpointMetadata load(Path metadata) {
        try (InputStream in = Files.newInputStream(metadata); DataInputStream din = new DataInputStream(in)) {
            return Checkpoints.loadCheckpointMetadata(din, CheckpointFiles.class.getClassLoader(),
                    metadata.getParent().toString());
        } catch (IOException e) {
            throw new CkptException(metadata + ": cannot read checkpoint metadata: " + e.getMessage());
        }
    }

    private static void add(Table t, OperatorState op, int subtask, OperatorSubtaskState state) {
        for (KeyedStateHandle h : state.getManagedKeyedState()) {
            if (h instanceof IncrementalKeyedStateHandle inc) {
                for (HandleAndLocalPath f : inc.getSharedStateHandles()) {
                    row(t, op, subtask, f.getLocalPath(), "shared", f.getHandle());
                }
                if (inc instanceof org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle remote) {
                    for (HandleAndLocalPath f : remote.getPrivateState()) {
                        row(t, op, subtask, f.getLocalPath(), "private", f.getHandle());
                    }
                    row(t, op, subtask, "(meta data)", "private", remote.getMetaDataStateHandle());
                }
            } else if (h instanceof KeyGroupsStateHandle kg) {
                row(t, op, subtask, "(key-value stream)", "stream", kg.getDelegateStateHandle());
            }
        }
        // Non-keyed state, e.g. the source's split position: small, but part of the size Flink reports.
        for (var h : state.getManagedOperatorState()) {
            row(t, op, subtask, "(operator state)", "operator", h.getDelegateStateHandle());
        }
        for (var h : state.getRawOperatorState()) {
            row(t, op, subtask, "(raw operator state)", "operator", h.getDelegateStateHandle());
        }
    }

    private static void row(Table t, OperatorState op, int subtask, String name, String kind, StreamStateHandle h) {
        boolean file = h instanceof FileStateHandle;
        t.stringColumn("operator").append(op.getOperatorID().toString());
        t.longColumn("subtask").append(subtask);
        t.stringColumn("rocksdb_file").append(name);
        t.stringColumn("kind").append(file ? kind : "inline");
        t.longColumn("bytes").append(h.getStateSize());
        t.stringColumn("path").append(file ? Path.of(((FileStateHandle) h).getFilePath().toUri()).toString() : "");
    }
}
