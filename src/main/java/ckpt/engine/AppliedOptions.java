package ckpt.engine;

import ckpt.error.CkptException;
import ckpt.rocksdb.RocksDbOptionsFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.flink.core.fs.Path;
import org.apache.flink.runtime.checkpoint.OperatorState;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.runtime.state.IncrementalKeyedStateHandle.HandleAndLocalPath;
import org.apache.flink.runtime.state.IncrementalRemoteKeyedStateHandle;
import org.apache.flink.runtime.state.KeyedStateHandle;

/** RocksDB options as RocksDB itself wrote them (its OPTIONS file): the proof that settings were applied. */
public final class AppliedOptions {
    private static final Pattern OPTIONS_FILE = Pattern.compile("OPTIONS-(\\d+)");

    private AppliedOptions() {
    }

    /**
     * Prefers the OPTIONS file inside the retained checkpoint (what a restore would use; both modes keep it, inlined
     * in _metadata or uploaded), else the copy taken from RocksDB's working directory during the run. Keys are
     * section-qualified: {@code CFOptions "value".write_buffer_size}.
     */
    static Map<String, String> read(java.nio.file.Path copied, URI jobCheckpointDir) {
        try {
            var fromCheckpoint = fromCheckpoint(jobCheckpointDir);
            if (fromCheckpoint.isPresent()) {
                return fromCheckpoint.get();
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(AppliedOptions.class).warn("checkpoint metadata", e);
        }
        return copied != null && Files.isRegularFile(copied) ? RocksDbOptionsFile.read(copied) : Map.of();
    }

    /**
     * The OPTIONS file Flink stored in a checkpoint, found through Flink's own checkpoint metadata: the
     * {@code _metadata} of the given {@code chk-N} folder (or of the highest {@code chk-N} under a job's checkpoint
     * folder) is loaded, and the misc file RocksDB named {@code OPTIONS-*} is read from its handle — whether Flink
     * inlined it into {@code _metadata} (files under {@code execution.checkpointing.data-inline-threshold}, 20 kb by
     * default, which an OPTIONS file usually is) or uploaded it under a random name (incremental: {@code shared/};
     * FULL, a native copy of the SSTs and misc files: private to {@code chk-N}). Empty when there is no checkpoint
     * or it holds no OPTIONS file.
     */
    public static Optional<Map<String, String>> fromCheckpoint(URI checkpoint) {
        Optional<Path> metadata = CheckpointFiles.metadataFile(checkpoint);
        if (metadata.isEmpty()) {
            return Optional.empty();
        }
        Path md = metadata.get();
        CheckpointMetadata cm = CheckpointFiles.load(md);
        for (OperatorState op : cm.getOperatorStates()) {
            for (OperatorSubtaskState sub : op.getStates()) {
                for (KeyedStateHandle h : sub.getManagedKeyedState()) {
                    if (!(h instanceof IncrementalRemoteKeyedStateHandle inc)) {
                        continue;
                    }
                    List<HandleAndLocalPath> files = new ArrayList<>(inc.getPrivateState());
                    files.sort(Comparator.comparing(HandleAndLocalPath::getLocalPath).reversed());
                    for (HandleAndLocalPath f : files) {
                        if (OPTIONS_FILE.matcher(f.getLocalPath()).matches()) {
                            return Optional.of(readHandle(f, md));
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> readHandle(HandleAndLocalPath f, Path metadata) {
        String source = f.getLocalPath() + " in " + metadata;
        try (InputStream in = f.getHandle().openInputStream()) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return RocksDbOptionsFile.parse(text.lines().toList(), source);
        } catch (IOException e) {
            throw new CkptException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }
}
