package ckpt.model;

import java.time.Duration;

/**
 * Faults a run injects to measure recovery: a task failure some time into steady ({@code failAfter}, null = none).
 */
public record Faults(Duration failAfter) {
    static Faults none() {
        return new Faults(null);
    }

    Faults withFailAfter(Duration v) {
        return new Faults(v);
    }
}
