package ckpt.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run does to itself during steady, to measure recovery and snapshots: a task failure ({@code failAfter}),
 * a TaskManager killed ({@code killTaskManagerAfter}, local clusters only), savepoints taken. Times count from the
 * start of steady; null / empty = none.
 */
public record Faults(Duration failAfter, Duration killTaskManagerAfter, List<SavepointAt> savepoints) {

    /** A savepoint this long into steady, in Flink's canonical or native format. */
    public record SavepointAt(Duration after, String format) {
    }

    public Faults {
        savepoints = List.copyOf(savepoints);
    }

    static Faults none() {
        return new Faults(null, null, List.of());
    }

    Faults withFailAfter(Duration v) {
        return new Faults(v, killTaskManagerAfter, savepoints);
    }

    Faults withKillAfter(Duration v) {
        return new Faults(failAfter, v, savepoints);
    }

    Faults withSavepoint(SavepointAt s) {
        List<SavepointAt> next = new ArrayList<>(savepoints);
        next.add(s);
        return new Faults(failAfter, killTaskManagerAfter, next);
    }
}
