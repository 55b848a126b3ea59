package ckpt.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which cluster-wide keys a running cluster already satisfies, so that it is not restarted for nothing. */
class ClusterKeysTest {
    static final String BACKUP = "execution.checkpointing.local-backup.enabled";

    @Test
    void localRecoveryOffNeedsNoRestartOfAClusterWithoutItButOnIsSwitchedBothWays() {
        assertThat(Target.satisfies(Map.of(), Map.of(BACKUP, "false"))).isTrue();
        assertThat(Target.satisfies(Map.of(), Map.of(BACKUP, "true"))).isFalse();
        assertThat(Target.satisfies(Map.of(BACKUP, "true"), Map.of(BACKUP, "false"))).isFalse();
        assertThat(Target.satisfies(Map.of(BACKUP, "true"), Map.of(BACKUP, "true"))).isTrue();
        // other keys must be there with that value
        assertThat(Target.satisfies(Map.of(), Map.of("state.changelog.storage", "filesystem"))).isFalse();
        assertThat(Target.satisfies(Map.of("s3.endpoint", "x"), Map.of("s3.endpoint", "x"))).isTrue();
    }
}
