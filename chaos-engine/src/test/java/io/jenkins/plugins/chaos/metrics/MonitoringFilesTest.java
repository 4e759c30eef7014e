package io.jenkins.plugins.chaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.chaos.alert.AlertChannel;
import io.jenkins.plugins.chaos.alert.AlertDelivery;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.alert.TestRuns;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.prometheus.client.CollectorRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example rules and dashboard only use series that {@link ChaosMetrics} really exports, and they are sound. */
class MonitoringFilesTest {

    private static final Pattern METRIC = Pattern.compile("\\bchaos_[a-z0-9_]+\\b");
    private static final Path MONITORING = findMonitoringDir();

    private static Path findMonitoringDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples/monitoring");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/monitoring not found above " + Path.of("").toAbsolutePath());
    }

    /** Every series ChaosMetrics can produce: a mixed run, a run without failover, and alert deliveries. */
    static Set<String> exportedNames() {
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
        Instant injected = Instant.parse("2025-03-01T12:00:00Z");
        metrics.record(TestRuns.mixedRun("mixed", injected), new AlertOutcome(List.of(
                new AlertDelivery(AlertChannel.PAGERDUTY, "trigger", "k", "c", true, 1, 202, null, 3_000),
                new AlertDelivery(AlertChannel.SLACK, "notify", null, null, false, 4, 500, "HTTP 500", -1)),
                List.of(), List.of(3.5), List.of(600.0)));
        metrics.expectRunsWithin("mixed", Duration.ofMinutes(45));
        RunResult outage = new RunResult("outage", "staging", "r2", injected, injected.plusSeconds(5), List.of(),
                List.of(TestRuns.check("failover", "failover time", Verdict.CRITICAL, injected)),
                List.of(new TimelinePoint(injected.getEpochSecond(), 3, 0, 0, 0, 3, 10, 20, 30, true)), null,
                List.of());
        metrics.record(outage, null);
        return ExpositionParser.parse(metrics.exposition()).sampleNames();
    }

    static Set<String> metricNames(String promql) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(promql);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    static Map<String, JsonNode> rules() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(MONITORING.resolve("prometheus-rules.yaml").toFile());
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        for (JsonNode group : root.get("groups")) {
            for (JsonNode rule : group.get("rules")) {
                rules.put(rule.get("alert").asText(), rule);
            }
        }
        return rules;
    }

    @Test
    void everyMetricInTheAlertRulesIsExported() throws IOException {
        Set<String> exported = exportedNames();
        Set<String> used = new TreeSet<>();
        for (JsonNode rule : rules().values()) {
            used.addAll(metricNames(rule.get("expr").asText()));
        }
        assertTrue(used.size() >= 7, "rules use the chaos metrics: " + used);
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        assertTrue(missing.isEmpty(), "used by the rules but not exported: " + missing + "; exported: " + exported);
    }

    @Test
    void rulesAreAnnotatedAndFireWithinTheirTargets() throws IOException {
        Map<String, JsonNode> rules = rules();
        for (Map.Entry<String, JsonNode> e : rules.entrySet()) {
            JsonNode rule = e.getValue();
            String severity = rule.path("labels").path("severity").asText();
            assertTrue(Set.of("critical", "warning").contains(severity), e.getKey() + " severity " + severity);
            for (String annotation : List.of("summary", "description", "runbook_url")) {
                assertFalse(rule.path("annotations").path(annotation).asText().isBlank(),
                        e.getKey() + " lacks " + annotation);
            }
            assertTrue(rule.path("annotations").path("runbook_url").asText().startsWith("https://"));
        }
        // scrape (30 s) + evaluation (30 s) + for: critical pages within 5 minutes, warnings within 15
        for (String critical : List.of("ChaosTenantIsolationBreach", "ChaosProviderNoFailover",
                "ChaosProviderFailoverTooSlow", "ChaosRunsStopped")) {
            assertEquals("critical", rules.get(critical).path("labels").path("severity").asText(), critical);
            assertTrue(forDuration(rules.get(critical)).compareTo(Duration.ofMinutes(4)) <= 0, critical);
        }
        for (String warning : List.of("ChaosProviderErrorRateHigh", "ChaosProviderLatencyHigh")) {
            assertEquals("warning", rules.get(warning).path("labels").path("severity").asText(), warning);
            assertTrue(forDuration(rules.get(warning)).compareTo(Duration.ofMinutes(14)) <= 0, warning);
        }
        // one dead-man's switch per experiment, never the newest run of all of them
        String stopped = rules.get("ChaosRunsStopped").get("expr").asText();
        assertTrue(stopped.contains("max by (experiment, environment) (chaos_last_run_timestamp_seconds)"), stopped);
        assertFalse(stopped.contains("max(chaos_last_run_timestamp_seconds)"), stopped);
        assertEquals("absent(chaos_last_run_timestamp_seconds)",
                rules.get("ChaosMetricsAbsent").get("expr").asText().trim());
    }

    private static Duration forDuration(JsonNode rule) {
        String text = rule.path("for").asText("0s");
        return text.equals("0m") || text.equals("0s") ? Duration.ZERO : GoDuration.parse(text).orElseThrow();
    }

    /** The runbook's three dashboards. */
    static final List<String> DASHBOARDS = List.of("grafana-overview.json", "grafana-tenant-isolation.json",
            "grafana-provider-failover.json");

    static List<String> dashboardQueries(String file) throws IOException {
        List<String> queries = new ArrayList<>();
        collectQueries(new ObjectMapper().readTree(MONITORING.resolve(file).toFile()), queries);
        return queries;
    }

    static Path monitoringDir() {
        return MONITORING;
    }

    @Test
    void everyQueryOfTheDashboardsUsesExportedMetricsAndThePanelsAreThere() throws IOException {
        Map<String, Map<String, JsonNode>> byTitle = new LinkedHashMap<>();
        for (String file : DASHBOARDS) {
            JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve(file).toFile());
            assertTrue(dashboard.get("schemaVersion").asInt() >= 39, file);
            Set<String> used = new TreeSet<>();
            dashboardQueries(file).forEach(q -> used.addAll(metricNames(q)));
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(exportedNames());
            assertTrue(missing.isEmpty(), file + " uses metrics that are not exported: " + missing);
            Map<String, JsonNode> panels = new LinkedHashMap<>();
            dashboard.get("panels").forEach(p -> panels.put(p.get("title").asText(), p));
            byTitle.put(dashboard.get("title").asText(), panels);
        }
        assertEquals(List.of("Chaos Engineering Overview", "Tenant Isolation Health", "Provider Failover Status"),
                List.copyOf(byTitle.keySet()));
        Map<String, JsonNode> overview = byTitle.get("Chaos Engineering Overview");
        assertPanel(overview, "Tenant isolation success ratio", "stat", "chaos_tenant_isolation_success_total");
        assertPanel(overview, "Time since last chaos run", "stat", "chaos_last_run_timestamp_seconds");
        assertPanel(overview, "Alert response time (p50 / p95)", "timeseries",
                "chaos_alert_response_time_seconds_bucket");
        assertPanel(overview, "MTTD", "stat", "chaos_mttd_seconds");
        assertPanel(overview, "MTTR", "stat", "chaos_mttr_seconds");
        Map<String, JsonNode> isolation = byTitle.get("Tenant Isolation Health");
        assertPanel(isolation, "Isolation attempts by source tenant", "timeseries", "chaos_tenant_isolation_total");
        assertPanel(isolation, "Denials by source tenant", "timeseries", "chaos_tenant_isolation_success_total");
        assertPanel(isolation, "Breaches by pair (latest runs)", "table", "chaos_tenant_isolation_pair_breaches");
        Map<String, JsonNode> failover = byTitle.get("Provider Failover Status");
        assertPanel(failover, "Provider health", "stat", "chaos_provider_health");
        assertPanel(failover, "Failover frequency by outcome", "timeseries", "chaos_provider_failover_total");
        assertPanel(failover, "Failover time", "timeseries", "chaos_failover_time_seconds");
        assertPanel(failover, "Error ratio and p95 latency during the fault", "timeseries",
                "chaos_provider_error_ratio");
    }

    private static void assertPanel(Map<String, JsonNode> panels, String title, String type, String metric) {
        JsonNode panel = panels.get(title);
        assertTrue(panel != null, "panel '" + title + "' missing from " + panels.keySet());
        assertEquals(type, panel.get("type").asText(), title);
        assertTrue(panel.get("targets").toString().contains(metric), title + " queries " + metric);
    }

    private static void collectQueries(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if ((field.getKey().equals("expr") || field.getKey().equals("definition")) && field.getValue()
                        .isTextual()) {
                    out.add(field.getValue().asText());
                } else {
                    collectQueries(field.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectQueries(child, out));
        }
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTests() throws Exception {
        String promtool = onPath("promtool");
        assumeTrue(promtool != null, "promtool is not on PATH (Debian package 'prometheus'); rule syntax not checked");
        assertEquals("", run(promtool, "check", "rules", "prometheus-rules.yaml"));
        assertEquals("", run(promtool, "test", "rules", "prometheus-rules.test.yaml"));
    }

    /** Runs promtool in the monitoring folder; returns "" on success, else its output. */
    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true)
                .start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        return process.exitValue() == 0 ? "" : new String(output, StandardCharsets.UTF_8);
    }

    private static String onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
