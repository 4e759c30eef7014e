package io.jenkins.plugins.chaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whole runs on the embedded playground: faults through the Chaos Mesh simulator, probes through the real gateway. */
@Timeout(120)
class ExperimentRunnerPlaygroundTest {

    @TempDir
    Path reports;

    private final RecordingListener listener = new RecordingListener();

    private static String tenants(Playground playground) {
        return playground.tenantTokens().entrySet().stream()
                .map(t -> "      - {name: " + t.getKey() + ", namespace: tenant-" + t.getKey() + ", token: \"" + t.getValue() + "\"}")
                .collect(Collectors.joining("\n"));
    }

    private RunResult run(Playground playground, String yaml) throws Exception {
        LoadResult loaded = ExperimentLoader.fromYaml(yaml, "test.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        RunOptions options = RunOptions.defaults().withReportDir(reports.toString())
                .withPollInterval(Duration.ofMillis(50))
                .withSecrets(new SecretRedactor(playground.tenantTokens().values()));
        RunResult result = new ExperimentRunner(playground.cluster().client(), listener, options).run(loaded.plan());
        assertEquals(0, playground.ourChaosResources().size(), "no fault is left behind");
        return result;
    }

    private static List<CheckResult> withVerdict(RunResult result, Verdict verdict) {
        return result.checks().stream().filter(c -> c.verdict() == verdict).toList();
    }

    private String isolationUnderPartition(Playground playground) {
        return """
                name: isolation under partition
                environment: test
                faults:
                  - name: alice-bob-partition
                    kind: NetworkChaos
                    action: partition
                    duration: 3s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                probes:
                  tenantIsolation:
                    gateway: "%s"
                    endpoints: ["GET /v1/tenants/{tenant}/files", "GET /v1/tenants/{tenant}/models"]
                    tenants:
                %s
                """.formatted(playground.gatewayUri(), tenants(playground));
    }

    @Test
    void healthyPlatformPassesEveryCheckAndWritesItsReports() throws Exception {
        try (Playground playground = Playground.start("healthy")) {
            RunResult result = run(playground, isolationUnderPartition(playground));
            assertEquals(Verdict.PASSED, result.verdict(), () -> listener.text());
            assertTrue(result.checks().stream().anyMatch(c -> c.probe().equals("isolation.api")));
            assertTrue(result.checks().stream().anyMatch(c -> c.probe().equals("isolation.network.static")));
            assertTrue(result.checks().stream().anyMatch(c -> c.probe().equals("isolation.rbac")));
            assertEquals(100.0, result.score().orElseThrow());
            assertTrue(Files.exists(reports.resolve("report.html")));
            assertTrue(Files.exists(reports.resolve("journal.json")));
            String everything = listener.text() + Files.readString(reports.resolve("journal.json"))
                    + Files.readString(reports.resolve("report.html"));
            for (String token : playground.tenantTokens().values()) {
                assertFalse(everything.contains(token), "a tenant token leaked into the log or reports");
            }
        }
    }

    @Test
    void probePodsRunUnderThePartitionAndNeverRemain() throws Exception {
        try (Playground playground = Playground.start("healthy")) {
            String yaml = isolationUnderPartition(playground).replace("    tenants:\n", "    probePods: true\n    tenants:\n");
            RunResult result = run(playground, yaml);
            List<CheckResult> dynamic = result.checks().stream()
                    .filter(c -> c.probe().equals("isolation.network.dynamic")).toList();
            assertEquals(9, dynamic.size(), () -> dynamic.toString());
            assertTrue(dynamic.stream().allMatch(c -> c.verdict() == Verdict.PASSED), () -> dynamic.toString());
            assertTrue(playground.cluster().client().pods().inAnyNamespace()
                    .withLabel("chaos-engineering/probe", "connectivity").list().getItems().isEmpty(), "probe pods remain");
        }
    }

    @Test
    void leakyGatewayYieldsExactlyTheBrokenPairsAsCritical() throws Exception {
        try (Playground playground = Playground.start("leaky")) {
            RunResult result = run(playground, isolationUnderPartition(playground));
            assertEquals(Verdict.CRITICAL, result.verdict());
            List<String> breaches = withVerdict(result, Verdict.CRITICAL).stream().map(CheckResult::name).sorted().toList();
            assertEquals(List.of(
                    "alice->bob GET /v1/tenants/bob/files", "alice->carol GET /v1/tenants/carol/files",
                    "bob->alice GET /v1/tenants/alice/files", "bob->carol GET /v1/tenants/carol/files",
                    "carol->alice GET /v1/tenants/alice/files", "carol->bob GET /v1/tenants/bob/files"), breaches);
            assertTrue(withVerdict(result, Verdict.CRITICAL).stream().allMatch(c -> c.probe().equals("isolation.api")));
        }
    }

    private String failoverUnder(Playground playground, String fault, String thresholds) {
        String tenant = playground.tenantTokens().keySet().iterator().next();
        return """
                name: provider outage
                environment: test
                faults:
                %s
                probes:
                  providerFailover:
                    gateway: "%s"
                    tenant: %s
                    token: "%s"
                    requestsPerSecond: 20
                    duration: 8s
                    timeout: 10s
                    thresholds: %s
                """.formatted(fault, playground.gatewayUri(), tenant, playground.tenantTokens().get(tenant), thresholds);
    }

    private static final String PRIMARY_DOWN = """
              - name: primary-down
                kind: PodChaos
                action: pod-failure
                duration: 3s
                mode: all
                selector: {namespaces: [inference], labelSelectors: {app: provider, provider: primary}}""";

    @Test
    void providerOutageFailsOverGracefully() throws Exception {
        try (Playground playground = Playground.start("healthy")) {
            RunResult result = run(playground, failoverUnder(playground, PRIMARY_DOWN, "{failover: 30s}"));
            assertEquals(Verdict.PASSED, result.verdict(), () -> listener.text());
            assertFalse(result.timeline().isEmpty());
            assertTrue(result.timeline().stream().anyMatch(p -> p.secondary() > 0), "the secondary served during the outage");
            assertTrue(result.timeline().stream().anyMatch(p -> p.faultActive()));
        }
    }

    @Test
    void noFailoverIsCriticalWithTheUngracefulCount() throws Exception {
        try (Playground playground = Playground.start("no-failover")) {
            RunResult result = run(playground, failoverUnder(playground, PRIMARY_DOWN, "{failover: 30s}"));
            assertEquals(Verdict.CRITICAL, result.verdict());
            CheckResult ungraceful = result.checks().stream().filter(c -> c.name().equals("ungraceful errors")).findFirst().orElseThrow();
            assertEquals(Verdict.CRITICAL, ungraceful.verdict());
            assertTrue(ungraceful.summary().matches(".*\\d+ ungraceful.*"), ungraceful.summary());
        }
    }

    @Test
    void slowProviderThroughHttpChaosDelayIsAWarningOnP95() throws Exception {
        String delay = """
                  - name: primary-slow
                    kind: HTTPChaos
                    action: delay
                    delay: 600ms
                    target: Request
                    port: 9000
                    duration: 6s
                    mode: all
                    selector: {namespaces: [inference], labelSelectors: {app: provider, provider: primary}}""";
        try (Playground playground = Playground.start("healthy")) {
            RunResult result = run(playground, failoverUnder(playground, delay, "{latency: 300ms}"));
            CheckResult p95 = result.checks().stream().filter(c -> c.name().equals("latency p95")).findFirst().orElseThrow();
            assertEquals(Verdict.WARNING, p95.verdict(), () -> p95 + "\n" + listener.text());
            assertEquals(Verdict.WARNING, result.verdict(), () -> result.checks().toString());
        }
    }

    @Test
    void abortOnCriticalEndsTheFaultEarlyAndSaysWhy() throws Exception {
        try (Playground playground = Playground.start("no-failover")) {
            String yaml = failoverUnder(playground, PRIMARY_DOWN.replace("duration: 3s", "duration: 60s"), "{failover: 30s}")
                    .replace("environment: test", "environment: test\nabortOn: critical");
            long start = System.nanoTime();
            RunResult result = run(playground, yaml);
            assertTrue(result.aborted(), "the stop condition fired");
            assertTrue(result.abortReason().contains("failover"), result.abortReason());
            assertTrue((System.nanoTime() - start) / 1e9 < 45, "the 60 s fault was ended early");
            assertNotNull(result.faults().get(0).recoveredAt());
        }
    }

    @Test
    void minScoreGateWarnsWhenTheScoreIsTooLow() throws Exception {
        try (Playground playground = Playground.start("leaky")) {
            String yaml = isolationUnderPartition(playground) + "scoring: {minScore: 99, weights: {isolation: 2}}\n";
            RunResult result = run(playground, yaml);
            CheckResult gate = result.checks().stream().filter(c -> c.probe().equals("score")).findFirst().orElseThrow();
            assertEquals(Verdict.WARNING, gate.verdict());
            assertEquals(Map.of("isolation", 2.0), result.scoreWeights());
        }
    }
}
