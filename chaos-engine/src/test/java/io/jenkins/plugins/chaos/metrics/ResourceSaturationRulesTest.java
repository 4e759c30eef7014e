package io.jenkins.plugins.chaos.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The resource-exhaustion warning's Prometheus side (examples/monitoring/resource-saturation-*): promtool accepts
 * the rules and their unit tests (85% of the limit for 10 minutes warns, a spike or 50% does not), and the dashboard
 * draws exactly the two recorded ratios.
 */
class ResourceSaturationRulesTest {

    private static final Path MONITORING = Path.of("..", "examples", "monitoring");

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTests() throws Exception {
        String promtool = onPath("promtool");
        if (promtool == null) {
            System.err.println("*** SKIPPED ResourceSaturationRulesTest: promtool is not on PATH (Debian package "
                    + "'prometheus'); the resource-saturation rules were not checked ***");
        }
        assumeTrue(promtool != null, "promtool is not on PATH");
        assertEquals("", run(promtool, "check", "rules", "resource-saturation-rules.yaml"));
        assertEquals("", run(promtool, "test", "rules", "resource-saturation-rules.test.yaml"));
    }

    @Test
    void theDashboardDrawsTheRecordedRatiosAgainstThe85PercentLine() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(MONITORING.resolve("resource-saturation-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> queries.add(t.path("expr").asText()));
            JsonNode steps = panel.path("fieldConfig").path("defaults").path("thresholds").path("steps");
            assertEquals(0.85, steps.get(steps.size() - 1).path("value").asDouble(), panel.path("title").asText());
        }
        assertEquals(2, queries.size(), queries.toString());
        assertTrue(queries.get(0).startsWith("namespace_pod_container:cpu_limit_ratio"), queries.get(0));
        assertTrue(queries.get(1).startsWith("namespace_pod_container:memory_limit_ratio"), queries.get(1));
        String rules = Files.readString(MONITORING.resolve("resource-saturation-rules.yaml"));
        for (String metric : List.of("container_cpu_usage_seconds_total", "container_memory_working_set_bytes",
                "kube_pod_container_resource_limits", "record: namespace_pod_container:cpu_limit_ratio",
                "record: namespace_pod_container:memory_limit_ratio", "> 0.85", "for: 10m")) {
            assertTrue(rules.contains(metric), metric);
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
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
