package ckpt.target;

import java.time.Instant;

/**
 * Something that happened to one TaskManager of a {@link LocalCluster}, for the engine's report.
 *
 * @param kind what happened
 * @param name the TaskManager's name, also its Flink resource id ({@code taskmanager-3}): REST's
 *             {@code /taskmanagers} lists it under this id
 * @param pid the TaskManager JVM's pid
 * @param at STARTED: when its JVM was launched; KILLED: when SIGKILL was sent
 * @param done STARTED: when the JobManager listed it with its slots; KILLED: when the JVM was seen gone
 */
public record TaskManagerEvent(Kind kind, String name, long pid, Instant at, Instant done) {
    public enum Kind { STARTED, KILLED }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + name + " (pid " + pid + ") at " + at + ", "
                + java.time.Duration.between(at, done).toMillis() + " ms";
    }
}
