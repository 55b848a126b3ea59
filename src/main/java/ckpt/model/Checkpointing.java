package ckpt.model;

import java.time.Duration;

/**
 * How checkpoints are taken: the mode (backend and flavour), their pace, how many Flink keeps, and where they go
 * ({@code dir} null = the target's default: a folder inside the run's folder on targets that share this machine's
 * disk).
 */
public record Checkpointing(Mode mode, Duration interval, Duration minPause, Duration timeout, int retained,
                            String dir, CheckpointExtras extras) {

    static Checkpointing defaults() {
        return new Checkpointing(Mode.INCREMENTAL, Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10), 1,
                null, CheckpointExtras.defaults());
    }

    Checkpointing withMode(Mode v) {
        return new Checkpointing(v, interval, minPause, timeout, retained, dir, extras);
    }

    Checkpointing withInterval(Duration v) {
        return new Checkpointing(mode, v, minPause, timeout, retained, dir, extras);
    }

    Checkpointing withMinPause(Duration v) {
        return new Checkpointing(mode, interval, v, timeout, retained, dir, extras);
    }

    Checkpointing withTimeout(Duration v) {
        return new Checkpointing(mode, interval, minPause, v, retained, dir, extras);
    }

    Checkpointing withRetained(int v) {
        return new Checkpointing(mode, interval, minPause, timeout, v, dir, extras);
    }

    Checkpointing withDir(String v) {
        return new Checkpointing(mode, interval, minPause, timeout, retained, v, extras);
    }

    Checkpointing withExtras(CheckpointExtras v) {
        return new Checkpointing(mode, interval, minPause, timeout, retained, dir, v);
    }
}
