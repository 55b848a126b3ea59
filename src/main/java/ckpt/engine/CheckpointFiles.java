package ckpt.engine;

import ckpt.error.CkptException;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.Checkpoints;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.KeyGroupsStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;
import org.apache.flink.runtime.state.StreamStateHandle;
import org.apache.flink.runtime.state.changelog.ChangelogStateBackendHandle;
import org.apache.flink.runtime.state.changelog.ChangelogStateHandle;
import org.apache.flink.runtime.state.changelog.ChangelogStateHandleStreamImpl;
import org.apache.flink.runtime.state.filesystem.FileStateHandle;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What a retained checkpoint is made of, read from its {@code _metadata} with Flink's own loader through Flink's
 * FileSystem (so file://, s3://, hdfs:// alike). Files in storage carry random names; the metadata keeps the
 * RocksDB name of each (000012.sst, MANIFEST-000004, OPTIONS-000009), whether it is shared between incremental
 * checkpoints or private to this one, and its size.
 */
public final class CheckpointFiles {
    private CheckpointFiles() {
    }

    /**
     * One row per file the checkpoint references: {@code operator}, {@code subtask}, {@code rocksdb_file},
     * {@code kind} (shared / private / stream / operator / inline; changelog / changelog-file for the changelog
     * backend's state changes), {@code bytes}, {@code path} (its URI; empty when inlined into _metadata).
     */
    public static Table of(URI checkpoint) {
        return of(checkpoint, java.util.Map.of());
    }

    /**
     * Like {@link #of(URI)}, with operators named: {@code names} maps operator ids to names (a chain's head operator
     * has its job vertex's id, so the REST vertex names do).
     */
    public static Table of(URI checkpoint, java.util.Map<String, String> names) {
        Path metadata = metadataFile(checkpoint).orElseThrow(
                () -> new CkptException(checkpoint + ": no _metadata (not a completed checkpoint folder)"));
        Table t = Table.create(metadata.getParent().getName(), StringColumn.create("operator"),
                LongColumn.create("subtask"), StringColumn.create("rocksdb_file"), StringColumn.create("kind"),
                LongColumn.create("bytes"), StringColumn.create("path"));
        CheckpointMetadata m = load(metadata);
        for (OperatorState op : m.getOperatorStates()) {
            String name = names.getOrDefault(op.getOperatorID().toString(), op.getOperatorID().toString());
            op.getSubtaskStates().forEach((subtask, state) -> add(t, name, subtask, state));
        }
        return t;
    }

    /**
     * The {@code _metadata} for a URI that is the file itself, a {@code chk-N} folder, or a job's checkpoint folder
     * (then its newest completed {@code chk-N}).
     */
    public static Optional<Path> metadataFile(URI location) {
        try {
            Path path = new Path(location);
            FileSystem fs = path.getFileSystem();
            if (!fs.exists(path)) {
                return Optional.empty();
            }
            if (!fs.getFileStatus(path).isDir()) {
                return Optional.of(path);
            }
            Path direct = new Path(path, "_metadata");
            if (fs.exists(direct)) {
                return Optional.of(direct);
            }
            return latest(location).map(chk -> new Path(chk, "_metadata"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The newest chk-N folder with a _metadata under a job's checkpoint folder. */
    public static Optional<Path> latest(URI jobCheckpointDir) {
        List<Path> all = retained(jobCheckpointDir);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Every completed chk-N folder (one with a _metadata) under a job's checkpoint folder, oldest first. */
    public static List<Path> retained(URI jobCheckpointDir) {
        List<Path> out = new ArrayList<>();
        try {
            Path dir = new Path(jobCheckpointDir);
            FileSystem fs = dir.getFileSystem();
            FileStatus[] children = fs.exists(dir) ? fs.listStatus(dir) : null;
            for (FileStatus s : children == null ? new FileStatus[0] : children) {
                String name = s.getPath().getName();
                if (s.isDir() && name.matches("chk-\\d+") && fs.exists(new Path(s.getPath(), "_metadata"))) {
                    out.add(s.getPath());
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        out.sort(Comparator.comparingLong(p -> Long.parseLong(p.getName().substring(4))));
        return out;
    }

    /**
     * Each retained checkpoint's id and the length of its {@code _metadata} file: the size Flink reports for it (the
     * bytes of the metadata stream it wrote). Empty when the storage cannot be read.
     */
    public static Map<Long, Long> metadataLengths(URI jobCheckpointDir) {
        Map<Long, Long> out = new java.util.TreeMap<>();
        for (Path chk : retained(jobCheckpointDir)) {
            try {
                Path m = new Path(chk, "_metadata");
                out.put(Long.parseLong(chk.getName().substring(4)), m.getFileSystem().getFileStatus(m).getLen());
            } catch (IOException e) {
                // removed since it was listed (a newer checkpoint subsumed it): not retained any more
            }
        }
        return out;
    }

    /** Loads a _metadata file with Flink's own reader (the format Flink restores from). */
    public static CheckpointMetadata load(Path metadata) {
        try (DataInputStream in = new DataInputStream(metadata.getFileSystem().open(metadata))) {
            return Checkpoints.loadCheckpointMetadata(in, CheckpointFiles.class.getClassLoader(),
                    metadata.getParent().toString());
        } catch (IOException e) {
            throw new CkptException(metadata + ": cannot read checkpoint metadata: " + e.getMessage());
        }
    }

    private static void add(Table t, String op, int subtask, OperatorSubtaskState state) {
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
            } else if (h instanceof ChangelogStateBackendHandle cl) {
                changelog(t, op, subtask, cl);
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

    /**
     * The changelog backend's handle: the last materialization (RocksDB's own files, listed as usual) and the state
     * changes since, as one row of kind {@code changelog} with the size Flink gives them, followed by one row per
     * file they lie in (kind {@code changelog-file}, bytes missing: Flink records where each part starts in a file,
     * not how long it is, and one file can hold the changes of several subtasks).
     */
    private static void changelog(Table t, String op, int subtask, ChangelogStateBackendHandle cl) {
        OperatorSubtaskState materialized = OperatorSubtaskState.builder()
                .setManagedKeyedState(new org.apache.flink.runtime.checkpoint.StateObjectCollection<>(
                        cl.getMaterializedStateHandles()))
                .build();
        add(t, op, subtask, materialized);
        for (ChangelogStateHandle c : cl.getNonMaterializedStateHandles()) {
            t.stringColumn("operator").append(op);
            t.longColumn("subtask").append(subtask);
            t.stringColumn("rocksdb_file").append("(state changes)");
            t.stringColumn("kind").append("changelog");
            t.longColumn("bytes").append(c.getStateSize());
            t.stringColumn("path").append("");
            if (c instanceof ChangelogStateHandleStreamImpl stream) {
                java.util.Set<String> seen = new java.util.LinkedHashSet<>();
                for (var handleAndOffset : stream.getHandlesAndOffsets()) {
                    StreamStateHandle f = handleAndOffset.f0;
                    String path = f instanceof FileStateHandle fh ? fh.getFilePath().toUri().toString() : "";
                    if (!path.isEmpty() && seen.add(path)) {
                        t.stringColumn("operator").append(op);
                        t.longColumn("subtask").append(subtask);
                        t.stringColumn("rocksdb_file").append("(changelog file)");
                        t.stringColumn("kind").append("changelog-file");
                        t.longColumn("bytes").appendMissing();
                        t.stringColumn("path").append(path);
                    }
                }
            }
        }
    }

    private static void row(Table t, String op, int subtask, String name, String kind, StreamStateHandle h) {
        boolean file = h instanceof FileStateHandle;
        t.stringColumn("operator").append(op);
        t.longColumn("subtask").append(subtask);
        t.stringColumn("rocksdb_file").append(name);
        t.stringColumn("kind").append(file ? kind : "inline");
        t.longColumn("bytes").append(h.getStateSize());
        t.stringColumn("path").append(file ? ((FileStateHandle) h).getFilePath().toUri().toString() : "");
    }
}
