package io.jenkins.plugins.chaos.metrics;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.chaos.alert.AlertChannel;
import io.jenkins.plugins.chaos.alert.AlertDelivery;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.TestRuns;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.prometheus.client.CollectorRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChaosMetricsTest {

    static final String EXPERIMENT = "gateway-isolation";
    static final Instant INJECTED = Instant.parse("2025-03-01T12:00:00.300Z");

    static AlertOutcome alerts() {
        return new AlertOutcome(List.of(
                new AlertDelivery(AlertChannel.PAGERDUTY, "trigger", "chaos:staging:x", "x", true, 1, 202, null,
                        4_200),
                new AlertDelivery(AlertChannel.SLACK, "notify", null, null, true, 2, 200, null, 800),
                new AlertDelivery(AlertChannel.SLACK, "notify", null, null, false, 4, 500, "HTTP 500", -1)),
                List.of());
    }

    @Test
    void aRunBecomesIsolationFailoverAlertAndFreshnessSeries() {
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
        RunResult run = TestRuns.mixedRun(EXPERIMENT, INJECTED);

        metrics.record(run, alerts());
        ExpositionParser text = ExpositionParser.parse(metrics.exposition());

        String e = EXPERIMENT;
        // alice tried bob (breach) and carol (refused)
        assertEquals(2, text.value("chaos_tenant_isolation_total", "experiment", e, "layer", "api", "tenant", "alice"));
        assertEquals(1, text.value("chaos_tenant_isolation_success_total", "layer", "api", "tenant", "alice"));
        assertEquals(1, text.value("chaos_tenant_isolation_total", "layer", "api", "tenant", "bob"));
        assertEquals(1, text.value("chaos_tenant_isolation_success_total", "layer", "api", "tenant", "bob"));
        assertEquals(1, text.value("chaos_tenant_isolation_success_total", "layer", "network", "tenant", "carol"));
        assertEquals(1, text.value("chaos_tenant_isolation_success_total", "layer", "rbac", "tenant", "bob"));
        assertEquals(1, text.value("chaos_tenant_isolation_breaches", "experiment", e, "layer", "api"));
        assertEquals(0, text.value("chaos_tenant_isolation_breaches", "layer", "network"));

        // failed over (secondary answered) but the p95 check warned
        assertEquals(1, text.value("chaos_provider_failover_total", "experiment", e, "outcome", "degraded"));
        // injected at .3 s, secondary first seen in the 7th second after: end of that second is 7.7 s later
        assertEquals(7.7, text.value("chaos_failover_time_seconds", "experiment", e), 1e-6);
        // 7 s of 10 errors before the switch, 8 s of 1 error after it, out of 20 s x 10 requests
        assertEquals(78.0 / 200, text.value("chaos_provider_error_ratio", "experiment", e), 1e-9);
        assertEquals(2.5, text.value("chaos_provider_latency_seconds", "percentile", "95"), 1e-9);
        assertEquals(4.0, text.value("chaos_provider_latency_seconds", "percentile", "99"), 1e-9);
        assertEquals(0.12, text.value("chaos_provider_latency_seconds", "percentile", "50"), 1e-9);

        assertEquals(1, text.value("chaos_alert_response_time_seconds_count", "channel", "pagerduty"));
        assertEquals(4.2, text.value("chaos_alert_response_time_seconds_sum", "channel", "pagerduty"), 1e-9);
        assertEquals(0, text.value("chaos_alert_response_time_seconds_bucket", "channel", "pagerduty", "le", "1.0"));
        assertEquals(1, text.value("chaos_alert_response_time_seconds_bucket", "channel", "pagerduty", "le", "5.0"));
        assertEquals(1, text.value("chaos_alert_response_time_seconds_count", "channel", "slack"),
                "a failed delivery has no response time");
        assertEquals(1, text.value("chaos_alert_deliveries_total", "channel", "slack", "result", "failed"));
        assertEquals(1, text.value("chaos_alert_deliveries_total", "channel", "slack", "result", "delivered"));

        assertEquals(run.finishedAt().toEpochMilli() / 1000.0, text.value("chaos_last_run_timestamp_seconds",
                "experiment", e), 1e-3);
        // per probe: isolation.api 2/3, isolation.network 1, isolation.rbac 1, failover (1 + 0.5)/2 is 85.4 with equal
        // weights, but the run has a breach: the score is capped and cannot read as passing
        assertEquals(50.0, text.value("chaos_resilience_score", "experiment", e), 1e-9);
        assertEquals(1, text.value("chaos_run_verdict", "experiment", e, "verdict", "critical"));
        assertEquals(0, text.value("chaos_run_verdict", "experiment", e, "verdict", "passed"));
        assertEquals(1, text.value("chaos_checks_total", "probe", "failover", "verdict", "warning"));

        assertEquals("counter", text.families.get("chaos_tenant_isolation_total").type());
        assertEquals("histogram", text.families.get("chaos_alert_response_time_seconds").type());
        assertEquals("gauge", text.families.get("chaos_last_run_timestamp_seconds").type());
        for (String name : text.sampleNames()) {
            assertTrue(name.matches("chaos_[a-z0-9_]+"), "snake_case with the chaos_ prefix: " + name);
        }
    }

    @Test
    void countersAccumulateWhileGaugesDescribeTheLatestRun() {
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
        metrics.record(TestRuns.mixedRun(EXPERIMENT, INJECTED), null);
        Instant later = INJECTED.plusSeconds(1800);
        RunResult healthy = new RunResult(EXPERIMENT, "staging", "run-43", later, later.plusSeconds(20), List.of(),
                List.of(TestRuns.check("isolation.api", "alice->bob GET /v1/tenants/bob/files", Verdict.PASSED,
                        later)), List.of(), null, List.of());

        metrics.record(healthy, AlertOutcome.nothingSent());
        ExpositionParser text = ExpositionParser.parse(metrics.exposition());

        assertEquals(3, text.value("chaos_tenant_isolation_total", "layer", "api", "tenant", "alice"));
        assertEquals(2, text.value("chaos_tenant_isolation_success_total", "layer", "api", "tenant", "alice"));
        assertEquals(0, text.value("chaos_tenant_isolation_breaches", "layer", "api"));
        assertTrue(text.find("chaos_tenant_isolation_breaches", "layer", "network").isEmpty(),
                "a layer the latest run did not test has no current breach count");
        assertTrue(text.find("chaos_failover_time_seconds").isEmpty(), "no stream in the latest run");
        assertEquals(100, text.value("chaos_resilience_score", "experiment", EXPERIMENT));
        assertEquals(1, text.value("chaos_run_verdict", "verdict", "passed"));
        assertEquals(0, text.value("chaos_run_verdict", "verdict", "critical"));
        assertEquals(later.plusSeconds(20).toEpochMilli() / 1000.0, text.value("chaos_last_run_timestamp_seconds"),
                1e-3);
        assertEquals(1, text.value("chaos_provider_failover_total", "outcome", "degraded"), "counters keep history");
    }

    /** A total outage that degraded gracefully must not look like a failed failover to the no-failover alert. */
    @Test
    void aGracefulTotalOutageIsDegradedWithoutAFailoverTime() {
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            timeline.add(new TimelinePoint(INJECTED.getEpochSecond() + s, 5, 0, 0, 5, 0, 50, 60, 70, true));
        }
        RunResult run = new RunResult("total-outage", "staging", "r", INJECTED, INJECTED.plusSeconds(10), List.of(),
                List.of(TestRuns.check("failover", ProbeIds.GRACEFUL_DEGRADATION_CHECK, Verdict.PASSED, INJECTED)),
                timeline, null, List.of());
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());

        metrics.record(run, null);
        ExpositionParser text = ExpositionParser.parse(metrics.exposition());

        assertEquals(1, text.value("chaos_provider_failover_total", "outcome", "degraded"));
        assertTrue(text.find("chaos_provider_failover_total", "outcome", "no_failover").isEmpty()
                || text.value("chaos_provider_failover_total", "outcome", "no_failover") == 0);
        assertTrue(text.find("chaos_failover_time_seconds").isEmpty(), "no failover time for a total outage");
    }

    @Test
    void noSecondaryDuringTheFaultIsNoFailoverWithInfiniteFailoverTime() {
        List<TimelinePoint> timeline = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            timeline.add(new TimelinePoint(INJECTED.getEpochSecond() + s, 5, 0, 0, 0, 5, 50, 30_000, 30_000, true));
        }
        RunResult run = new RunResult("provider-outage", "staging", "r", INJECTED, INJECTED.plusSeconds(10),
                List.of(), List.of(TestRuns.check("failover", "failover time", Verdict.CRITICAL, INJECTED)), timeline,
                null, List.of());
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());

        metrics.record(run, null);
        String exposition = metrics.exposition();
        ExpositionParser text = ExpositionParser.parse(exposition);

        assertEquals(1, text.value("chaos_provider_failover_total", "outcome", "no_failover"));
        assertEquals(Double.POSITIVE_INFINITY, text.value("chaos_failover_time_seconds"));
        assertTrue(exposition.contains("chaos_failover_time_seconds{experiment=\"provider-outage\",} +Inf"),
                exposition);
        assertEquals(1.0, text.value("chaos_provider_error_ratio"));
    }

    @Test
    void checksThatCouldNotRunAreNotCountedAsIsolationResults() {
        RunResult run = TestRuns.run("r", TestRuns.check("isolation.api", "alice->bob GET /x", Verdict.ERROR,
                Instant.now()));
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
        metrics.record(run, null);
        ExpositionParser text = ExpositionParser.parse(metrics.exposition());
        assertTrue(text.find("chaos_tenant_isolation_total").isEmpty());
        assertEquals(1, text.value("chaos_checks_total", "probe", "isolation.api", "verdict", "error"));
        assertTrue(text.find("chaos_resilience_score").isEmpty(), "nothing ran, so no score");
        assertEquals(1, text.value("chaos_run_verdict", "verdict", "error"));
    }

    @Test
    void pushSendsTheExpositionToThePushgatewayJobGroup() throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            seen.add(exchange.getRequestHeaders().getFirst("Content-Type"));
            seen.add(body);
            int status = exchange.getRequestURI().getPath().contains("broken") ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        try {
            ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
            metrics.record(TestRuns.mixedRun(EXPERIMENT, INJECTED), alerts());
            String base = "http://127.0.0.1:" + server.getAddress().getPort();

            metrics.push(base, "chaos-isolation", ChaosMetrics.groupingKey(EXPERIMENT, "prod-eu"));

            assertEquals("PUT /metrics/job/chaos-isolation/experiment/" + EXPERIMENT + "/environment/prod-eu",
                    seen.get(0), "one group per experiment and environment: runs never replace each other");
            assertTrue(seen.get(1).startsWith("text/plain; version=0.0.4"), seen.get(1));
            ExpositionParser pushed = ExpositionParser.parse(seen.get(2));
            assertEquals(1, pushed.value("chaos_tenant_isolation_breaches", "layer", "api"));
            assertTrue(pushed.sampleNames().contains("chaos_last_run_timestamp_seconds"));

            IOException failed = assertThrows(IOException.class, () -> metrics.push(
                    "http://pushuser:pushS3cretPw@127.0.0.1:" + server.getAddress().getPort(), "broken",
                    ChaosMetrics.groupingKey(EXPERIMENT, "prod-eu")));
            assertTrue(failed.getMessage().contains("500"), failed.getMessage());
            assertFalse(failed.getMessage().contains("pushS3cretPw"), failed.getMessage());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badPushArgumentsAreNamed() {
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
                () -> metrics.push("pushgateway:9091", "job", Map.of()));
        assertTrue(url.getMessage().contains("pushgatewayUrl") && url.getMessage().contains("http"),
                url.getMessage());
        IllegalArgumentException job = assertThrows(IllegalArgumentException.class,
                () -> metrics.push("http://127.0.0.1:9", " ", Map.of()));
        assertTrue(job.getMessage().startsWith("job"), job.getMessage());
    }

    @Test
    void tenantAndLayerComeFromTheCheck() {
        assertEquals("alice", RunFacts.sourceTenant(check("isolation.api", "alice->bob GET /v1/x")));
        assertEquals("tenant-carol", RunFacts.sourceTenant(check("isolation.network", "tenant-carol -> tenant-a:80")));
        assertEquals("ns-a", RunFacts.sourceTenant(check("isolation.network", "ns-a/probe-pod->ns-b/svc:8080")));
        assertEquals("unknown", RunFacts.sourceTenant(check("isolation.network", "default deny in tenant-a")));
        assertEquals("api", RunFacts.layer(check("isolation.api", "x")));
        assertEquals("network", RunFacts.layer(check("isolation.network.static", "x")));
        assertEquals("rbac", RunFacts.layer(check("isolation.rbac", "x")));
        assertEquals("other", RunFacts.layer(check("isolation.storage", "x")));
    }

    private static CheckResult check(String probe, String name) {
        return TestRuns.check(probe, name, Verdict.PASSED, Instant.now());
    }
}
