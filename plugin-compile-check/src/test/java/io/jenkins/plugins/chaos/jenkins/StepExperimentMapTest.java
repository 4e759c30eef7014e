package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Step arguments become the YAML experiment's keys, with only what the user set. */
class StepExperimentMapTest {

    private static FaultSelector selector(List<String> namespaces, List<String> labels) {
        FaultSelector selector = new FaultSelector();
        selector.setNamespaces(namespaces);
        selector.setLabelSelectors(labels);
        return selector;
    }

    @Test
    void chaosInjectFlatKeysBecomeOneFault() {
        ChaosInjectStep step = new ChaosInjectStep();
        step.setName("primary-down");
        step.setEnvironment("staging");
        step.setKind("PodChaos");
        step.setAction("pod-kill");
        step.setMode("all");
        step.setDuration("2m");
        step.setSelector(selector(List.of("providers"), List.of("app=provider-primary", "tier = model")));
        Map<String, Object> map = step.toExperimentMap(Map.of(), p -> p);
        assertEquals("primary-down", map.get("name"));
        assertEquals("staging", map.get("environment"));
        assertFalse(map.containsKey("probes"));
        assertEquals(List.of(Map.of("name", "primary-down", "kind", "PodChaos", "action", "pod-kill", "duration", "2m", "mode", "all",
                "selector", Map.of("namespaces", List.of("providers"), "labelSelectors", Map.of("app", "provider-primary", "tier", "model")))),
                map.get("faults"));
    }

    @Test
    void manifestPathsAreResolvedByTheCaller() {
        ChaosInjectStep step = new ChaosInjectStep();
        step.setManifest("chaos/partition.yaml");
        Map<String, Object> map = step.toExperimentMap(Map.of(), p -> "/agent/ws/" + p);
        assertEquals(List.of(Map.of("manifest", "/agent/ws/chaos/partition.yaml")), map.get("faults"));
        assertEquals(List.of("chaos/partition.yaml"), step.manifests());
    }

    @Test
    void chaosInjectWithoutAnyFaultSaysWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ChaosInjectStep().toExperimentMap(Map.of(), p -> p));
        assertTrue(e.getMessage().startsWith("chaosInject: no fault given"), e.getMessage());
        ChaosInjectStep fromFile = new ChaosInjectStep();
        fromFile.setExperiment("chaos/outage.yaml");
        assertEquals(Map.of(), fromFile.toExperimentMap(Map.of(), p -> p), "the YAML file supplies the faults");
    }

    @Test
    void badLabelSelectorNamesTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> selector(List.of("a"), List.of("app")));
        assertEquals("labelSelectors: 'app' is not a label selector; use key=value, e.g. app=gateway", e.getMessage());
    }

    @Test
    void tenantTokensComeFromTheResolvedSecretsOnly() {
        TenantIsolationProbeStep step = new TenantIsolationProbeStep();
        TenantArgument alice = new TenantArgument("alice");
        alice.setNamespace("tenant-alice");
        alice.setTokenCredentialsId("alice-token");
        TenantArgument bob = new TenantArgument("bob");
        step.setTenants(List.of(alice, bob));
        step.setGateway("http://127.0.0.1:8080");
        step.setEndpoints(List.of("GET /v1/tenants/{tenant}/files"));
        step.setDeniedStatuses(List.of(401, 403));
        assertEquals(Set.of("alice-token"), step.stringCredentialIds());
        Map<String, Object> map = step.toExperimentMap(Map.of("alice-token", "s3cr3t-alice"), p -> p);
        @SuppressWarnings("unchecked")
        Map<String, Object> probe = (Map<String, Object>) ((Map<String, Object>) map.get("probes")).get("tenantIsolation");
        assertEquals(List.of(Map.of("name", "alice", "namespace", "tenant-alice", "token", "s3cr3t-alice"), Map.of("name", "bob")),
                probe.get("tenants"));
        assertEquals("http://127.0.0.1:8080", probe.get("gateway"));
        assertEquals(List.of(401, 403), probe.get("deniedStatuses"));
        assertFalse(map.containsKey("faults"), "no faults given, none sent");
    }

    @Test
    void failoverThresholdsAndFaultsList() {
        ProviderFailoverProbeStep step = new ProviderFailoverProbeStep();
        step.setTokenCredentialsId("gw");
        step.setMaxFailover("30s");
        step.setMaxErrorPercent(20);
        ChaosFault fault = new ChaosFault();
        fault.setKind("HTTPChaos");
        fault.setAction("delay");
        fault.setLatency("20s");
        fault.setDuration("5m");
        step.setFaults(List.of(fault));
        Map<String, Object> map = step.toExperimentMap(Map.of("gw", "tok"), p -> p);
        @SuppressWarnings("unchecked")
        Map<String, Object> probe = (Map<String, Object>) ((Map<String, Object>) map.get("probes")).get("providerFailover");
        assertEquals(Map.of("failover", "30s", "errorRatePercent", 20), probe.get("thresholds"));
        assertEquals("tok", probe.get("token"));
        assertEquals(List.of(Map.of("kind", "HTTPChaos", "action", "delay", "latency", "20s", "duration", "5m",
                "target", "Request")), map.get("faults"), "a step's HTTPChaos hits requests");
        assertThrows(IllegalArgumentException.class, () -> step.setMaxErrorPercent(101));
    }

    @Test
    void failOnSetterRejectsUnknownValuesAndDeadManThresholdMustBePositive() {
        TenantIsolationProbeStep step = new TenantIsolationProbeStep();
        step.setFailOn("WARNING");
        assertEquals("warning", step.getFailOn());
        assertThrows(IllegalArgumentException.class, () -> step.setFailOn("always"));
        assertThrows(IllegalArgumentException.class, () -> step.setDeadManThresholdMinutes(0));
        assertEquals("chaos-reports/tenantIsolationProbe", step.effectiveReportDir());
    }

    @Test
    void resolvedCredentialsNeverPrintTheirValues() {
        ResolvedCredentials credentials = new ResolvedCredentials("apiVersion: v1\nusers: [token: abc123]", Map.of("alice-token", "s3cr3t-alice"));
        assertFalse(credentials.toString().contains("s3cr3t"), credentials.toString());
        assertFalse(credentials.toString().contains("abc123"), credentials.toString());
        assertEquals("GET with **** failed", credentials.redactor().redact("GET with s3cr3t-alice failed"));
        AlertTargets targets = new AlertTargets("https://hooks.slack.com/services/T/B/XYZ", "#sre", "routing-key-123", "prod", null, null);
        assertFalse(targets.toString().contains("XYZ") || targets.toString().contains("routing-key-123"), targets.toString());
    }
}
