package io.jenkins.plugins.chaos.probe.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.playground.failover.SimulatedTimeSource;
import io.jenkins.plugins.chaos.playground.failover.SyntheticGatewayTransport;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The probe's pacing and measurements on a simulated clock, where every instant is exact. */
class SimulatedFailoverTest {

    private static final long SECOND = 1_000_000_000L;
    private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void measuresFailoverAndRecoveryFromInstantsReportedLate() throws Exception {
        SimulatedTimeSource time = new SimulatedTimeSource(START);
        FaultWindow window = new FaultWindow();
        long down = 20 * SECOND + 500_000_000L;
        long up = 40 * SECOND + 200_000_000L;
        SyntheticGatewayTransport transport = new SyntheticGatewayTransport(time, now -> {
            // the injector notices AllInjected / deletion seconds after the fact
            if (now >= 25 * SECOND) {
                window.injected(time.toInstant(down));
            }
            if (now >= 45 * SECOND) {
                window.removed(time.toInstant(up));
            }
            return now >= down && now < up;
        });
        FailoverConfig config = FailoverConfig.of("http://127.0.0.1:1", "alice", null).withRate(1).withDuration("60s");
        FailoverResult result = FailoverProbe.simulated(config, RunListener.silent(), time, transport)
                .start(window, CriticalListener.none()).awaitResult();

        assertEquals(60, result.stats().requests());
        assertEquals(60, transport.sent());
        // requests are due on whole seconds: the first after 20.5 s is at 21 s, the first after 40.2 s at 41 s
        assertEquals(500L, result.stats().failoverMillis());
        assertEquals(800L, result.stats().recoveryMillis());
        assertEquals(20, result.stats().secondary());
        assertEquals(60, result.timeline().size());
        for (TimelinePoint point : result.timeline()) {
            long second = point.epochSecond() - START.getEpochSecond();
            assertEquals(second >= 20 && second <= 40, point.faultActive(), "second " + second);
            assertEquals(1, point.requests());
        }
        result.checks().forEach(c -> assertEquals(Verdict.PASSED, c.verdict(), c.name() + ": " + c.summary()));
    }

    @Test
    void failoverSlowerThanTheThresholdIsCritical() throws Exception {
        SimulatedTimeSource time = new SimulatedTimeSource(START);
        FaultWindow window = new FaultWindow();
        // The gateway keeps serving from the primary for 40 s after the primary "went down" (e.g. stale routing),
        // then switches: no ungraceful answer, but failover took longer than the 30 s threshold.
        SyntheticGatewayTransport transport = new SyntheticGatewayTransport(time, now -> {
            if (now >= 10 * SECOND) {
                window.injected(time.toInstant(10 * SECOND));
            }
            return now >= 50 * SECOND;
        });
        FailoverConfig config = FailoverConfig.of("http://127.0.0.1:1", "alice", null).withRate(2).withDuration("60s");
        StringBuilder critical = new StringBuilder();
        FailoverResult result = FailoverProbe.simulated(config, RunListener.silent(), time, transport)
                .start(window, (check, reason) -> critical.append(check)).awaitResult();
        assertEquals(40_000L, result.stats().failoverMillis());
        assertEquals(Verdict.CRITICAL, result.check("failover time").verdict());
        assertTrue(result.check("failover time").summary().contains("more than 30s"), result.check("failover time").summary());
        assertEquals("failover time", critical.toString());
    }
}
