package ckpt.model;

/**
 * How a run gets its state: from the checkpoint or savepoint at {@code restoreFrom} (null = fills it with a
 * warm-up), claimed or not ({@code claim}: Flink's CLAIM takes ownership of the files; NO_CLAIM, its default,
 * leaves them alone and makes the first checkpoint a full one), with TaskManager-local copies of checkpoints for
 * faster failovers ({@code localRecovery}), with a verification pass over every key after the restore
 * ({@code verifyState}), and whether a cached warm state may stand in for the warm-up ({@code freshState} = no).
 * {@code fullCheckpointEvery}: in incremental mode, every n-th checkpoint is taken FULL (0 = never), which bounds
 * the chain of shared files a restore has to fetch.
 */
public record Recovery(String restoreFrom, boolean claim, boolean localRecovery, boolean verifyState,
                       boolean freshState, int fullCheckpointEvery) {

    static Recovery defaults() {
        return new Recovery(null, false, false, false, false, 0);
    }

    Recovery withRestoreFrom(String v) {
        return new Recovery(v, claim, localRecovery, verifyState, freshState, fullCheckpointEvery);
    }

    Recovery withClaim(boolean v) {
        return new Recovery(restoreFrom, v, localRecovery, verifyState, freshState, fullCheckpointEvery);
    }

    Recovery withLocalRecovery(boolean v) {
        return new Recovery(restoreFrom, claim, v, verifyState, freshState, fullCheckpointEvery);
    }

    Recovery withVerifyState(boolean v) {
        return new Recovery(restoreFrom, claim, localRecovery, v, freshState, fullCheckpointEvery);
    }

    Recovery withFreshState(boolean v) {
        return new Recovery(restoreFrom, claim, localRecovery, verifyState, v, fullCheckpointEvery);
    }

    Recovery withFullCheckpointEvery(int v) {
        return new Recovery(restoreFrom, claim, localRecovery, verifyState, freshState, v);
    }
}
