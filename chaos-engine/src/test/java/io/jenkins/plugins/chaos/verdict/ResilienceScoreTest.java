package io.jenkins.plugins.chaos.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceScoreTest {

    private static CheckResult check(String probe, int i, Verdict verdict) {
        return new CheckResult(probe, "check " + i, verdict, "", List.of(), Instant.EPOCH, 1);
    }

    @Test
    void twelveIsolationBreachesCannotReadAsPassing() {
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < 432; i++) {
            checks.add(check(ProbeIds.ISOLATION_API, i, i < 12 ? Verdict.CRITICAL : Verdict.PASSED));
        }
        // 420/432 held: 97.2 uncapped, which read as a pass under a red CRITICAL banner
        assertEquals(ResilienceScore.CRITICAL_CAP, ResilienceScore.of(checks, Map.of()).getAsDouble());
        String why = ResilienceScore.capReason(checks);
        assertTrue(why.startsWith("resilience score capped at 50.0/100: 12 CRITICAL check(s)"), why);
    }

    @Test
    void withoutACriticalTheScoreIsTheWeightedShareThatHeld() {
        List<CheckResult> checks = List.of(check(ProbeIds.ISOLATION_API, 1, Verdict.PASSED),
                check(ProbeIds.FAILOVER, 2, Verdict.WARNING), check(ProbeIds.FAILOVER, 3, Verdict.PASSED));
        assertEquals(87.5, ResilienceScore.of(checks, Map.of()).getAsDouble());
        assertEquals("", ResilienceScore.capReason(checks));
        List<CheckResult> low = List.of(check(ProbeIds.ISOLATION_API, 1, Verdict.CRITICAL),
                check(ProbeIds.ISOLATION_API, 2, Verdict.PASSED), check(ProbeIds.ISOLATION_API, 3, Verdict.PASSED),
                check(ProbeIds.ISOLATION_API, 4, Verdict.PASSED), check(ProbeIds.ISOLATION_API, 5, Verdict.CRITICAL),
                check(ProbeIds.ISOLATION_API, 6, Verdict.CRITICAL));
        assertEquals(50.0, ResilienceScore.of(low, Map.of()).getAsDouble(), "a score already below the cap stays");
    }
}
