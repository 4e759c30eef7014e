package io.jenkins.plugins.chaos.probe.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.plan.FailoverExpectation;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Against the real playground gateway on 127.0.0.1; each stream is 20 req/s for at most 4 s. */
class FailoverProbeTest {

    private PlaygroundGateway gateway;
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void primaryKilledMidStreamFailsOverAndRecovers() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        FailoverRun run = new FailoverProbe(config("4s"), listener).start();
        Thread.sleep(1000);
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        run.faultInjected(Instant.now());
        Thread.sleep(1500);
        gateway.faults().providerUp(PlaygroundGateway.PRIMARY);
        run.faultRemoved(Instant.now());
        FailoverResult result = run.awaitResult();

        FailoverStats stats = result.stats();
        assertTrue(stats.primary() > 0 && stats.secondary() > 0, stats.toString());
        assertEquals(0, stats.ungraceful(), stats.toString());
        assertNotNull(stats.failoverMillis());
        assertTrue(stats.failoverMillis() < 3000, "failover took " + stats.failoverMillis() + " ms");
        assertNotNull(stats.recoveryMillis());
        for (CheckResult check : result.checks()) {
            assertEquals(Verdict.PASSED, check.verdict(), check.name() + ": " + check.summary());
            assertEquals(FailoverProbe.PROBE, check.probe());
        }
        assertTrue(result.check("failover time").summary().startsWith("failed over in"));
        assertTrue(stats.requests() >= 70 && stats.requests() <= 81, "requests " + stats.requests());
        assertTimeline(result);
        assertTrue(result.timeline().stream().anyMatch(TimelinePoint::faultActive));
        assertTrue(result.timeline().stream().anyMatch(p -> !p.faultActive()));
        assertTrue(result.timeline().stream().filter(p -> p.secondary() > 0).allMatch(TimelinePoint::faultActive),
                result.timeline().toString());
        assertNull(result.stoppedEarly());
        assertNoToken(result);
    }

    @Test
    void noFailoverIsCriticalWithUngracefulAndGracefulCounts() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.NO_FAILOVER, List.of("alice"));
        List<String> criticals = Collections.synchronizedList(new ArrayList<>());
        FailoverRun run = new FailoverProbe(config("3s"), listener).start((check, reason) -> criticals.add(check));
        Thread.sleep(800);
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        run.faultInjected(Instant.now());
        Thread.sleep(1200);
        gateway.faults().providerUp(PlaygroundGateway.PRIMARY);
        run.faultRemoved(Instant.now());
        FailoverResult result = run.awaitResult();

        CheckResult failover = result.check("failover time");
        assertEquals(Verdict.CRITICAL, failover.verdict(), failover.summary());
        assertTrue(failover.summary().startsWith("no failover"), failover.summary());
        CheckResult ungraceful = result.check("ungraceful errors");
        assertEquals(Verdict.CRITICAL, ungraceful.verdict());
        assertTrue(ungraceful.evidence().stream().anyMatch(e -> e.matches("\\d+ responses: \\d+ primary, 0 secondary, 0 graceful errors, [1-9]\\d* ungraceful")),
                ungraceful.evidence().toString());
        assertTrue(ungraceful.evidence().stream().anyMatch(e -> e.startsWith("ungraceful, status 502, stack trace in body: ")),
                ungraceful.evidence().toString());
        String excerpt = ungraceful.evidence().stream().filter(e -> e.startsWith("first ungraceful response: ")).findFirst().orElseThrow();
        assertTrue(excerpt.contains("<html>") && excerpt.length() < 400, excerpt);
        assertEquals(Verdict.PASSED, result.check("recovery").verdict());
        assertEquals(List.of("ungraceful errors"), criticals);
        assertNoToken(result);
    }

    /** Total outage on a healthy gateway: graceful 503s are no failover, and exactly graceful degradation. */
    @Test
    void totalOutageIsNoFailoverButGracefulDegradation() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        FailoverResult expectingFailover = totalOutage(config("3s"));
        CheckResult failover = expectingFailover.check("failover time");
        assertEquals(Verdict.CRITICAL, failover.verdict(), failover.summary());
        assertTrue(failover.summary().startsWith("no failover") && failover.summary().contains("graceful"), failover.summary());

        FailoverResult degrading = totalOutage(config("3s").withExpect(FailoverExpectation.GRACEFUL_DEGRADATION));
        for (CheckResult check : degrading.checks()) {
            assertEquals(Verdict.PASSED, check.verdict(), check.name() + ": " + check.summary());
        }
        assertTrue(degrading.check("graceful degradation").summary().startsWith("degraded gracefully"),
                degrading.check("graceful degradation").summary());
        assertTrue(degrading.stats().gracefulErrors() > 0 && degrading.stats().ungraceful() == 0, degrading.stats().toString());
        assertTrue(degrading.check("recovery").summary().startsWith("a provider served again"),
                degrading.check("recovery").summary());
        assertNoToken(degrading);
    }

    @Test
    void htmlOnTotalOutageIsCriticalNamingTheBoundary() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HTML_ON_OUTAGE, List.of("alice"));
        FailoverResult result = totalOutage(config("3s").withExpect(FailoverExpectation.GRACEFUL_DEGRADATION));
        CheckResult degradation = result.check("graceful degradation");
        assertEquals(Verdict.CRITICAL, degradation.verdict(), degradation.summary());
        assertTrue(degradation.summary().contains("not graceful"), degradation.summary());
        CheckResult ungraceful = result.check("ungraceful errors");
        assertEquals(Verdict.CRITICAL, ungraceful.verdict());
        assertTrue(ungraceful.evidence().stream().anyMatch(e -> e.startsWith("ungraceful, status 503, HTML body: ")),
                ungraceful.evidence().toString());
    }

    private FailoverResult totalOutage(FailoverConfig config) throws Exception {
        FailoverRun run = new FailoverProbe(config, listener).start();
        Thread.sleep(700);
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        gateway.faults().providerDown(PlaygroundGateway.SECONDARY);
        run.faultInjected(Instant.now());
        Thread.sleep(1200);
        // The primary first: a secondary answering while the primary restarts would be a (late) failover.
        gateway.faults().providerUp(PlaygroundGateway.PRIMARY);
        run.faultRemoved(Instant.now());
        FailoverResult result = run.awaitResult();
        gateway.faults().providerUp(PlaygroundGateway.SECONDARY);
        return result;
    }

    @Test
    void stopOnCriticalEndsTheStreamEarly() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.NO_FAILOVER, List.of("alice"));
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        long started = System.nanoTime();
        FailoverRun run = new FailoverProbe(config("20s").withStopOnCritical(true), listener).start();
        run.faultInjected(Instant.now());
        FailoverResult result = run.awaitResult(Duration.ofSeconds(10)).orElseThrow();
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        assertTrue(seconds < 10, "ran " + seconds + " s");
        assertNotNull(result.stoppedEarly());
        assertTrue(result.stoppedEarly().startsWith("CRITICAL ungraceful errors"), result.stoppedEarly());
        assertEquals(Verdict.CRITICAL, result.check("ungraceful errors").verdict());
        assertEquals(Verdict.ERROR, result.check("recovery").verdict());
    }

    @Test
    void delayOnPrimaryAboveTheP95ThresholdWarns() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        gateway.faults().delayCalls(PlaygroundGateway.PRIMARY, Duration.ofMillis(400));
        FailoverRun run = new FailoverProbe(config("3s").withThresholds("30s", "200ms", null), listener).start();
        run.faultInjected(Instant.now());
        Thread.sleep(2500);
        gateway.faults().clearHttpChaos(PlaygroundGateway.PRIMARY);
        run.faultRemoved(Instant.now());
        FailoverResult result = run.awaitResult();

        CheckResult latency = result.check("latency p95");
        assertEquals(Verdict.WARNING, latency.verdict(), latency.summary());
        assertTrue(result.stats().p95Millis() >= 400, result.stats().toString());
        assertEquals(Verdict.PASSED, result.check("failover time").verdict());
        assertTrue(result.check("failover time").summary().startsWith("no failover was needed"));
        assertEquals(Verdict.PASSED, result.check("ungraceful errors").verdict());
        assertEquals(0, result.stats().secondary());
    }

    @Test
    void bothProvidersDownIsGracefulButNoFailoverAndTheErrorRateWarns() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        FailoverRun run = new FailoverProbe(config("2s"), listener).start();
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        gateway.faults().providerDown(PlaygroundGateway.SECONDARY);
        run.faultInjected(Instant.now());
        FailoverResult result = run.awaitResult();

        assertTrue(result.stats().gracefulErrors() > 0, result.stats().toString());
        assertEquals(Verdict.PASSED, result.check("ungraceful errors").verdict(), result.check("ungraceful errors").evidence().toString());
        // expect: failover (the default) is wrong for a total outage: graceful errors are no failover
        assertEquals(Verdict.CRITICAL, result.check("failover time").verdict());
        assertEquals(Verdict.WARNING, result.check("error rate").verdict());
        assertEquals(Verdict.ERROR, result.check("recovery").verdict());
    }

    @Test
    void primaryThatNeverComesBackIsARecoveryWarning() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        FailoverRun run = new FailoverProbe(config("2s"), listener).start();
        Thread.sleep(300);
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        run.faultInjected(Instant.now());
        Thread.sleep(700);
        run.faultRemoved(Instant.now());
        FailoverResult result = run.awaitResult();
        assertEquals(Verdict.WARNING, result.check("recovery").verdict(), result.check("recovery").summary());
        assertEquals(Verdict.PASSED, result.check("failover time").verdict());
    }

    @Test
    void noInjectionReportedIsAnErrorNotAPass() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        FailoverResult result = new FailoverProbe(config("1s"), listener).start().awaitResult();
        assertEquals(Verdict.ERROR, result.check("failover time").verdict());
        assertEquals(Verdict.PASSED, result.check("latency p95").verdict());
    }

    @Test
    void badConfigurationNamesEveryField() {
        FailoverConfig bad = new FailoverConfig("gateway", null, null, "secret-token", -1.0, "forever", null, 0, null,
                null, "p", "p", List.of(200), null, "fast", 20.0, null, null, "hope");
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new FailoverProbe(bad, listener));
        for (String field : List.of("url:", "tenant:", "rate:", "duration:", "maxInFlight:", "maxErrorRate:", "expect:",
                "gracefulStatuses:", "secondary:", "maxP95:")) {
            assertTrue(error.getMessage().contains(field), field + " missing in " + error.getMessage());
        }
        assertFalse(error.getMessage().contains("secret-token"));
        assertFalse(bad.toString().contains("secret-token"));
    }

    private FailoverConfig config(String duration) {
        return FailoverConfig.of(gateway.baseUri().toString(), "alice", gateway.tenants().token("alice"))
                .withRate(20).withDuration(duration).withTimeout("5s");
    }

    private static void assertTimeline(FailoverResult result) {
        List<TimelinePoint> timeline = result.timeline();
        for (int i = 1; i < timeline.size(); i++) {
            assertEquals(timeline.get(i - 1).epochSecond() + 1, timeline.get(i).epochSecond(), "one point per second");
        }
        assertEquals(result.stats().requests(), timeline.stream().mapToLong(TimelinePoint::requests).sum());
    }

    private void assertNoToken(FailoverResult result) {
        String token = gateway.tenants().token("alice");
        for (CheckResult check : result.checks()) {
            assertFalse(check.toString().contains(token), check.name());
        }
        assertFalse(result.toString().contains(token));
        listener.lines().forEach(line -> assertFalse(line.contains(token), line));
    }
}
