package io.jenkins.plugins.chaos.jenkins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The steps' arguments become the engine's experiment keys: what each step builds must be accepted by the real
 * {@link ExperimentLoader}, so that a Jenkinsfile written from the step reference never fails on a key mismatch.
 */
class StepMapsLoadInTheEngineTest {

    private static FaultSelector selector(List<String> namespaces, List<String> labels) {
        FaultSelector selector = new FaultSelector();
        selector.setNamespaces(namespaces);
        selector.setLabelSelectors(labels);
        return selector;
    }

    private static Experiment load(Map<String, Object> map) {
        Map<String, Object> named = new LinkedHashMap<>(map);
        named.putIfAbsent("name", "from-a-step");
        LoadResult loaded = ExperimentLoader.fromMap(named, "step");
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.experiment();
    }

    @Test
    void chaosInjectPartitionWithATarget() {
        ChaosInjectStep step = new ChaosInjectStep();
        step.setKind("NetworkChaos");
        step.setAction("partition");
        step.setMode("all");
        step.setDuration("10m");
        step.setDirection("both");
        step.setSelector(selector(List.of("tenant-alice"), null));
        step.setTarget(selector(List.of("tenant-bob"), null));
        Experiment experiment = load(step.toExperimentMap(Map.of(), p -> p));
        assertEquals(Map.of("mode", "all", "selector", Map.of("namespaces", List.of("tenant-bob"))),
                experiment.getFaults().get(0).getParameters().get("target"));
    }

    @Test
    void networkDelayAndLossShorthands() {
        ChaosInjectStep delay = new ChaosInjectStep();
        delay.setKind("NetworkChaos");
        delay.setAction("delay");
        delay.setMode("one");
        delay.setDuration("1m");
        delay.setLatency("200ms");
        delay.setSelector(selector(List.of("inference"), List.of("app=gateway")));
        assertEquals(Map.of("latency", "200ms"), load(delay.toExperimentMap(Map.of(), p -> p)).getFaults().get(0)
                .getParameters().get("delay"));

        ChaosInjectStep loss = new ChaosInjectStep();
        loss.setKind("NetworkChaos");
        loss.setAction("loss");
        loss.setMode("all");
        loss.setDuration("1m");
        loss.setPercent(30);
        loss.setSelector(selector(List.of("inference"), List.of("app=gateway")));
        assertEquals(Map.of("loss", "30"), load(loss.toExperimentMap(Map.of(), p -> p)).getFaults().get(0)
                .getParameters().get("loss"));
    }

    @Test
    void httpChaosDelayOnAProviderPort() {
        ChaosInjectStep step = new ChaosInjectStep();
        step.setKind("HTTPChaos");
        step.setAction("delay");
        step.setMode("all");
        step.setDuration("5m");
        step.setLatency("20s");
        step.setPort(9000);
        step.setPath("/v1/*");
        step.setSelector(selector(List.of("inference"), List.of("app=provider", "provider=primary")));
        Map<String, Object> parameters = load(step.toExperimentMap(Map.of(), p -> p)).getFaults().get(0).getParameters();
        assertEquals("20s", parameters.get("delay"));
        assertEquals("Request", parameters.get("target"));
    }

    @Test
    void tenantIsolationProbeArguments() {
        TenantIsolationProbeStep step = new TenantIsolationProbeStep();
        TenantArgument alice = new TenantArgument("alice");
        alice.setNamespace("tenant-alice");
        alice.setTokenCredentialsId("alice-token");
        TenantArgument bob = new TenantArgument("bob");
        bob.setNamespace("tenant-bob");
        bob.setTokenCredentialsId("bob-token");
        step.setTenants(List.of(alice, bob));
        step.setGateway("http://127.0.0.1:8080");
        step.setEndpoints(List.of("GET /v1/tenants/{tenant}/files"));
        Experiment experiment = load(step.toExperimentMap(Map.of("alice-token", "a", "bob-token", "b"), p -> p));
        assertEquals(2, experiment.getProbes().tenantIsolation().tenants().size());
        assertFalse(experiment.getProbes().tenantIsolation().endpoints().isEmpty());
    }

    @Test
    void providerFailoverProbeArguments() {
        ProviderFailoverProbeStep step = new ProviderFailoverProbeStep();
        step.setGateway("http://127.0.0.1:8080");
        step.setPath("/v1/tenants/alice/chat/completions");
        step.setTokenCredentialsId("gw");
        step.setMaxFailover("30s");
        step.setMaxLatency("5s");
        step.setMaxErrorPercent(20);
        step.setRequestsPerSecond(5);
        ChaosFault fault = new ChaosFault();
        fault.setKind("PodChaos");
        fault.setAction("pod-failure");
        fault.setMode("all");
        fault.setDuration("2m");
        fault.setSelector(selector(List.of("inference"), List.of("provider=primary")));
        step.setFaults(List.of(fault));
        Experiment experiment = load(step.toExperimentMap(Map.of("gw", "token"), p -> p));
        assertEquals("30s", experiment.getProbes().providerFailover().failover());
        assertEquals(20.0, experiment.getProbes().providerFailover().errorRatePercent());
        assertEquals(1, experiment.getFaults().size());
    }

    /** chaosInject without a body holds its faults for the engine's plan: the longest fault, nothing in a dry run. */
    @Test
    void withoutABodyChaosInjectHoldsForTheLongestDuration() {
        ChaosInjectStep step = new ChaosInjectStep();
        step.setName("hold");
        step.setKind("NetworkChaos");
        step.setAction("partition");
        step.setMode("all");
        step.setDuration("90s");
        step.setSelector(selector(List.of("tenant-alice"), null));
        step.setTarget(selector(List.of("tenant-bob"), null));
        ChaosFault other = new ChaosFault();
        other.setKind("PodChaos");
        other.setAction("pod-failure");
        other.setMode("all");
        other.setDuration("5m");
        other.setSelector(selector(List.of("inference"), List.of("app=provider")));
        step.setFaults(List.of(other));
        ExperimentPlan plan = ExperimentLoader.fromMap(step.toExperimentMap(Map.of(), p -> p), "step").planOrThrow();
        assertEquals(Duration.ofMinutes(5), plan.hold(false));
        assertEquals(Duration.ZERO, plan.hold(true), "a dry run applies nothing and holds nothing");
        step.setDuration("soon");
        LoadResult invalid = ExperimentLoader.fromMap(step.toExperimentMap(Map.of(), p -> p), "step");
        assertFalse(invalid.ok());
        assertTrue(invalid.errors().stream().anyMatch(e -> e.field().endsWith("duration")
                && e.message().startsWith("\"soon\" is not a duration")), invalid::describeErrors);
    }
}
