package ckpt.model;

import ckpt.error.CkptException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How checkpoints are taken. Each mode is a state backend plus its checkpoint flavour, expressed as Flink 2.x
 * configuration keys; new backends (hashmap, forst) become new constants without touching the engine.
 *
 * <ul>
 * <li>{@code full}, {@code incremental}: RocksDB, every checkpoint a complete copy, or only new SST files.</li>
 * <li>{@code hashmap}: state on the JVM heap, every checkpoint a full serialized snapshot.</li>
 * <li>{@code changelog}: RocksDB behind Flink's changelog backend: each checkpoint uploads the state changes
 *     since the last one, and RocksDB is materialized (an incremental snapshot) now and then.</li>
 * <li>{@code forst}: Flink 2's disaggregated backend, whose primary copy of the state lives in the checkpoint
 *     storage; the job uses the State V2 (asynchronous) API, without which ForSt keeps state local.</li>
 * </ul>
 */
public enum Mode {
    FULL("rocksdb", false),
    INCREMENTAL("rocksdb", true),
    HASHMAP("hashmap", false),
    CHANGELOG("rocksdb", true),
    FORST("forst", true);

    private final String backend;
    private final boolean incremental;

    Mode(String backend, boolean incremental) {
        this.backend = backend;
        this.incremental = incremental;
    }

    /** Value for {@code state.backend.type}. */
    public String backend() {
        return backend;
    }

    /** Value for {@code execution.checkpointing.incremental}. */
    public boolean incremental() {
        return incremental;
    }

    /** Whether the changelog state backend wraps the backend (state.changelog.enabled). */
    public boolean changelog() {
        return this == CHANGELOG;
    }

    /**
     * Whether the job uses the State V2 asynchronous API ({@code enableAsyncState()}): ForSt reads and writes its
     * remote primary directory only through it.
     */
    public boolean asyncState() {
        return this == FORST;
    }

    /** Whether the backend is RocksDB (so RocksDB options, native metrics and its OPTIONS file apply). */
    public boolean rocksdb() {
        return backend.equals("rocksdb");
    }

    /** Lower-case name, as users type it ("full", "incremental"). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "full", "FULL", "inc", "incremental"; anything else is an error listing the allowed values. */
    public static Mode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new CkptException("mode is empty — allowed: " + allowed());
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("inc") || t.equals("incr")) {
            return INCREMENTAL;
        }
        for (Mode m : values()) {
            if (m.label().equals(t)) {
                return m;
            }
        }
        throw new CkptException("unknown mode '" + text + "' — allowed: " + allowed());
    }

    static String allowed() {
        return Arrays.stream(values()).map(Mode::label).collect(Collectors.joining(", "));
    }
}
