package ckpt.flink;

/** Readable text for a {@link Run}. */
final class RunSummary {
    private RunSummary() {
    }

    static String oneLine(Run run) {
        return run.mode() + " · " + run.status();
    }

    static String text(Run run) {
        return oneLine(run);
    }
}
