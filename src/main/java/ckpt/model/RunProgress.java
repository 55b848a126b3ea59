package ckpt.model;

/**
 * A snapshot of a run in flight, pushed to the {@link ProgressListener} at each look of the runner (every 100 ms
 * in steady, less often during a long warm-up).
 *
 * @param run           run display name
 * @param phase         "starting", "warmup", "restore" (a run that starts from a checkpoint, a savepoint or the
 *                      warm-state cache instead of writing its warm-up), "steady" or "stopping"; "warming" is the
 *                      throwaway job a newly started cluster runs before the first measured run
 * @param warmupDone    records written in warm-up so far (restore: warm-up records the restored positions hold)
 * @param warmupTotal   records warm-up writes in total (keys, or table rows)
 * @param steadyMillis  elapsed steady-phase time
 * @param steadyTotalMillis configured steady-phase time
 * @param checkpoints   completed checkpoints so far (all phases)
 * @param lastDurationMs end-to-end duration of the latest completed checkpoint, or -1
 * @param stateBytes    full state size of the latest completed checkpoint, or -1
 * @param lastCheckpointedBytes what the latest completed checkpoint persisted, or -1
 * @param dashboard     the Flink web UI address
 */
public record RunProgress(String run, String phase, long warmupDone, long warmupTotal, long steadyMillis,
                          long steadyTotalMillis, int checkpoints, long lastDurationMs, long stateBytes,
                          long lastCheckpointedBytes, String dashboard) {

    /** Receives progress; the shell draws a status line from it, the default prints plain lines. */
    @FunctionalInterface
    public interface ProgressListener {
        void onProgress(RunProgress progress);
    }
}
