package io.jenkins.plugins.chaos.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.chaos.alert.AlertChannel;
import io.jenkins.plugins.chaos.alert.AlertDelivery;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.TestRuns;
import io.jenkins.plugins.chaos.support.RealPrometheus;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every expression of the three dashboards, evaluated by Debian's Prometheus over series that two pushes of the CLI
 * path left on Debian's Pushgateway: each parses, and each answers with data, never NaN.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardQueriesTest {

    @TempDir
    Path dir;

    /** What Grafana substitutes before it sends a query. */
    private static String asGrafanaSends(String expr) {
        return expr.replace("$experiment", ".*").replace("$__rate_interval", "1m").replace("$__range", "1h")
                .replace("$__interval", "1m");
    }

    private static AlertOutcome alerts(double seconds) {
        return new AlertOutcome(List.of(
                new AlertDelivery(AlertChannel.PAGERDUTY, "trigger", "k", "c", true, 1, 202, null,
                        Math.round(seconds * 1000)),
                new AlertDelivery(AlertChannel.SLACK, "notify", null, null, true, 1, 200, null, 800)),
                List.of(), List.of(seconds), List.of(420.0));
    }

    @Test
    void everyDashboardExpressionAnswersARealPrometheus() throws Exception {
        try (RealPrometheus prom = RealPrometheus.withPushgateway(Files.createDirectories(dir.resolve("prom")))) {
            String gateway = prom.pushgateway().toString();
            for (int run = 0; run < 2; run++) {
                Instant injected = Instant.now().minusSeconds(20);
                RunResult result = TestRuns.mixedRun("mixed", injected);
                List<String> problems = new ArrayList<>();
                ChaosMetrics pushed = ChaosMetrics.forPush(gateway, "chaos-engineering", result, alerts(1.5 + run),
                        problems);
                assertTrue(problems.isEmpty(), problems.toString());
                pushed.push(gateway, "chaos-engineering", ChaosMetrics.groupingKey("mixed", "staging"));
                prom.awaitSeries("sum(chaos_checks_total) >= " + (run + 1) * result.checks().size(), 1,
                        Duration.ofSeconds(30));
                Thread.sleep(2_500);
            }
            List<String> failures = new ArrayList<>();
            for (String file : MonitoringFilesTest.DASHBOARDS) {
                for (String expr : MonitoringFilesTest.dashboardQueries(file)) {
                    if (expr.startsWith("label_values(")) {
                        continue;
                    }
                    String sent = asGrafanaSends(expr);
                    JsonNode data;
                    try {
                        data = prom.query(sent);
                    } catch (IllegalArgumentException rejected) {
                        failures.add(file + ": " + rejected.getMessage());
                        continue;
                    }
                    JsonNode result = data.path("result");
                    if (result.isEmpty()) {
                        failures.add(file + ": no data for " + sent);
                    }
                    for (JsonNode series : result) {
                        if (series.path("value").get(1).asText().equals("NaN")) {
                            failures.add(file + ": NaN for " + sent + " " + series.path("metric"));
                        }
                    }
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            assertFalse(MonitoringFilesTest.dashboardQueries("grafana-overview.json").isEmpty());
        }
    }
}
