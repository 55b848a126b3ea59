package ckpt.model;

import ckpt.text.Units;

/**
 * What {@code cleanCheckpoints(keep)} did: the bytes of checkpoint data it removed, from how many run folders,
 * and how many of the newest it kept. Prints as a sentence.
 */
public record Freed(long bytes, int runs, int kept) {
    @Override
    public String toString() {
        if (runs == 0) {
            return "nothing to free (kept the newest " + kept + ")";
        }
        return "freed " + Units.bytes(bytes) + " from " + runs + (runs == 1 ? " run" : " runs") + " (kept the newest "
                + kept + ")";
    }
}
