package io.jenkins.plugins.chaos.alert;

import static io.jenkins.plugins.chaos.alert.DeadMansSwitchPolicy.Transition.BECAME_OVERDUE;
import static io.jenkins.plugins.chaos.alert.DeadMansSwitchPolicy.Transition.NONE;
import static io.jenkins.plugins.chaos.alert.DeadMansSwitchPolicy.Transition.RECOVERED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DeadMansSwitchPolicyTest {
    private static final long MINUTE = 60_000L;

    @Test
    void overdueOnlyPastTheThreshold() {
        assertFalse(DeadMansSwitchPolicy.isOverdue(0, 30, 30 * MINUTE));
        assertTrue(DeadMansSwitchPolicy.isOverdue(0, 30, 30 * MINUTE + 1));
    }

    @Test
    void pagesOnceWhenOverdueAndResolvesOnceWhenBack() {
        DeadMansSwitchPolicy policy = new DeadMansSwitchPolicy();
        assertEquals(NONE, policy.evaluate("iso", 0, 30, 10 * MINUTE));
        assertEquals(BECAME_OVERDUE, policy.evaluate("iso", 0, 30, 31 * MINUTE));
        assertEquals(NONE, policy.evaluate("iso", 0, 30, 32 * MINUTE), "no second page a minute later");
        assertEquals(Set.of("iso"), policy.overdueJobs());
        assertEquals(RECOVERED, policy.evaluate("iso", 40 * MINUTE, 30, 41 * MINUTE));
        assertEquals(NONE, policy.evaluate("iso", 40 * MINUTE, 30, 42 * MINUTE));
        assertEquals(Set.of(), policy.overdueJobs());
    }

    @Test
    void jobsAreTrackedSeparately() {
        DeadMansSwitchPolicy policy = new DeadMansSwitchPolicy();
        assertEquals(BECAME_OVERDUE, policy.evaluate("iso", 0, 30, 31 * MINUTE));
        assertEquals(NONE, policy.evaluate("failover", 0, 300, 31 * MINUTE));
        assertEquals(Set.of("iso"), policy.overdueJobs());
    }

    @Test
    void aThresholdBelowOneMinuteIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DeadMansSwitchPolicy().evaluate("iso", 0, 0, 1));
        assertTrue(e.getMessage().startsWith("deadManThresholdMinutes:"), e.getMessage());
    }
}
