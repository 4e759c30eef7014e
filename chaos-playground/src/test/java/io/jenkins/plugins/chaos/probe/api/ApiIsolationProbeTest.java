package io.jenkins.plugins.chaos.probe.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiIsolationProbeTest {

    private static final List<String> TENANTS = List.of("alice", "bob", "carol");
    private PlaygroundGateway gateway;
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void healthyGatewayPassesEveryCheck() throws Exception {
        List<CheckResult> checks = probe(GatewayScenario.HEALTHY);
        // 3 tenants x 3 callers x 4 endpoints: 24 cross-tenant checks and 12 positive controls
        assertEquals(36, checks.size());
        for (CheckResult check : checks) {
            assertEquals(Verdict.PASSED, check.verdict(), check.name() + ": " + check.summary());
            assertEquals(ApiIsolationProbe.PROBE, check.probe());
        }
        assertTrue(checks.stream().anyMatch(c -> c.name().equals("alice->bob GET /v1/tenants/bob/files")));
        assertTrue(checks.stream().filter(c -> c.name().equals("alice->bob GET /v1/tenants/bob/files"))
                .allMatch(c -> c.summary().equals("denied with 403")));
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("50%")), listener.lines().toString());
        assertNoTokens(checks);
    }

    @Test
    void leakyGatewayIsCriticalForExactlyTheLeakyEndpointsPairs() throws Exception {
        List<CheckResult> checks = probe(GatewayScenario.LEAKY);
        Set<String> critical = checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL)
                .map(CheckResult::name).collect(Collectors.toSet());
        Set<String> expected = TENANTS.stream().flatMap(a -> TENANTS.stream().filter(b -> !b.equals(a))
                .map(b -> a + "->" + b + " GET /v1/tenants/" + b + "/files")).collect(Collectors.toSet());
        assertEquals(expected, critical);
        assertEquals(checks.size() - expected.size(), checks.stream().filter(c -> c.verdict() == Verdict.PASSED).count());
        CheckResult breach = checks.stream().filter(c -> c.name().equals("carol->alice GET /v1/tenants/alice/files"))
                .findFirst().orElseThrow();
        assertTrue(breach.summary().startsWith("isolation breach"), breach.summary());
        assertTrue(breach.evidence().stream().anyMatch(e -> e.equals("status: 200")), breach.evidence().toString());
        assertTrue(breach.evidence().stream().anyMatch(e -> e.startsWith("body: ") && e.contains("alice-fine-tuning.jsonl")
                && e.length() <= "body: ".length() + 300), breach.evidence().toString());
        assertTrue(breach.evidence().stream().anyMatch(e -> e.startsWith("request: GET http://127.0.0.1:")));
        assertNoTokens(checks);
    }

    @Test
    void denyAllGatewayIsErrorNeverPassed() throws Exception {
        List<CheckResult> checks = probe(GatewayScenario.DENY_ALL);
        assertFalse(checks.isEmpty());
        for (CheckResult check : checks) {
            assertEquals(Verdict.ERROR, check.verdict(), check.name() + ": " + check.summary());
            assertTrue(check.summary().contains("positive control failed"), check.summary());
        }
    }

    @Test
    void unreachableGatewayIsErrorNotPassed() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, TENANTS);
        Map<String, String> tokens = gateway.tenants().tokens();
        String url = gateway.baseUri().toString();
        gateway.close();
        gateway = null;
        List<CheckResult> checks = new ApiIsolationProbe(new ApiIsolationConfig(url, tokens, null, null, 4, "2s"),
                listener).run();
        assertTrue(checks.stream().allMatch(c -> c.verdict() == Verdict.ERROR), checks.toString());
        assertTrue(checks.stream().filter(c -> !c.name().startsWith("alice->alice"))
                .anyMatch(c -> c.summary().startsWith("could not check")));
        assertNoTokens(checks, tokens);
    }

    @Test
    void badConfigurationNamesEveryField() {
        ApiIsolationConfig config = new ApiIsolationConfig("ftp://x", Map.of("alice", "t1"),
                List.of(RequestTemplate.parse("GET /v1/models")),
                List.of(200), 0, "soon");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new ApiIsolationProbe(config, listener));
        for (String field : List.of("gatewayUrl:", "tenants:", "endpoints:", "denialStatuses:", "concurrency:", "timeout:")) {
            assertTrue(error.getMessage().contains(field), field + " missing in " + error.getMessage());
        }
        assertFalse(error.getMessage().contains("t1"));
    }

    private List<CheckResult> probe(GatewayScenario scenario) throws InterruptedException {
        gateway = PlaygroundGateway.start(scenario, TENANTS);
        ApiIsolationConfig config = new ApiIsolationConfig(gateway.baseUri().toString(), gateway.tenants().tokens(),
                null, null, 8, "5s");
        return new ApiIsolationProbe(config, listener).run();
    }

    private void assertNoTokens(List<CheckResult> checks) {
        assertNoTokens(checks, gateway.tenants().tokens());
    }

    private void assertNoTokens(List<CheckResult> checks, Map<String, String> tokens) {
        for (CheckResult check : checks) {
            String all = check.toString();
            for (String token : tokens.values()) {
                assertFalse(all.contains(token), "token leaked in " + check.name());
            }
        }
        for (String line : listener.lines()) {
            for (String token : tokens.values()) {
                assertFalse(line.contains(token), "token leaked in console line " + line);
            }
        }
    }
}
