package ckpt.model;

import ckpt.CkptException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How checkpoints are taken. Each mode is a state backend plus its checkpoint flavour, expressed as Flink 2.x
 * configuration keys; new backends (hashmap, forst) become new constants without touching the engine.
 */
public enum Mode {
    FULL("rocksdb", false),
    INCREMENTAL("rocksdb", true);

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
