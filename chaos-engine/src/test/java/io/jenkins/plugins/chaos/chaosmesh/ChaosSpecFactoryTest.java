package io.jenkins.plugins.chaos.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each inline fault becomes exactly the Chaos Mesh spec an SRE would write by hand: the whole map is compared, so a
 * stray key, a missing key or a value of the wrong type (Chaos Mesh's CRDs type percentages as strings) fails.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChaosSpecFactoryTest {

    /** Loads the fault through the real loader and validator, so only faults a user could write are built. */
    private static GenericKubernetesResource build(String faultYaml) {
        LoadResult loaded = ExperimentLoader.fromYaml("name: spec test\nfaults:\n" + faultYaml, "spec-test.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        FaultSpec fault = loaded.experiment().getFaults().get(0);
        GenericKubernetesResource resource = ChaosSpecFactory.build(fault, "the-fault", "tenant-alice");
        assertEquals("chaos-mesh.org/v1alpha1", resource.getApiVersion());
        assertEquals(fault.getKind(), resource.getKind());
        assertEquals("the-fault", resource.getMetadata().getName());
        assertEquals("tenant-alice", resource.getMetadata().getNamespace());
        return resource;
    }

    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return SpecMaps.spec(resource);
    }

    private static final Map<String, Object> ALICE = Map.of("namespaces", List.of("tenant-alice"));
    private static final Map<String, Object> BOB_TARGET = Map.of("mode", "all", "selector",
            Map.of("namespaces", List.of("tenant-bob")));

    @Test
    void networkPartitionWithDirectionAndTarget() {
        var resource = build("""
                  - kind: NetworkChaos
                    action: partition
                    duration: 30s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                """);
        assertEquals(Map.of("action", "partition", "mode", "all", "selector", ALICE, "direction", "both",
                "target", BOB_TARGET, "duration", "30s"), spec(resource));
    }

    @Test
    void networkLossWithTargetAndDirectionFrom() {
        var resource = build("""
                  - kind: NetworkChaos
                    action: loss
                    duration: 45s
                    mode: fixed-percent
                    value: "50"
                    selector: {namespaces: [tenant-alice], labelSelectors: {app: tenant-api}}
                    direction: from
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    loss: {loss: "25", correlation: "10"}
                """);
        assertEquals(Map.of("action", "loss", "mode", "fixed-percent", "value", "50",
                "selector", Map.of("namespaces", List.of("tenant-alice"), "labelSelectors", Map.of("app", "tenant-api")),
                "direction", "from", "target", BOB_TARGET, "loss", Map.of("loss", "25", "correlation", "10"),
                "duration", "45s"), spec(resource));
    }

    @Test
    void percentagesWrittenAsNumbersBecomeTheStringsChaosMeshRequires() {
        // loss.loss and loss.correlation are "type: string" in the NetworkChaos CRD; a real API server refuses 25.
        var resource = build("""
                  - kind: NetworkChaos
                    action: loss
                    duration: 30s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    loss: {loss: 25, correlation: 10.5}
                """);
        assertEquals(Map.of("action", "loss", "mode", "all", "selector", ALICE,
                "loss", Map.of("loss", "25", "correlation", "10.5"), "duration", "30s"), spec(resource));
    }

    @Test
    void networkDelayWithJitterAndCorrelation() {
        var resource = build("""
                  - kind: NetworkChaos
                    action: delay
                    duration: 1m
                    mode: one
                    selector: {namespaces: [tenant-alice]}
                    direction: to
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                    delay: {latency: 200ms, jitter: 20ms, correlation: "25"}
                """);
        assertEquals(Map.of("action", "delay", "mode", "one", "selector", ALICE, "direction", "to", "target", BOB_TARGET,
                "delay", Map.of("latency", "200ms", "jitter", "20ms", "correlation", "25"), "duration", "1m"),
                spec(resource));
    }

    @Test
    void networkBandwidthKeepsIntegerLimitAndBuffer() {
        var resource = build("""
                  - kind: NetworkChaos
                    action: bandwidth
                    duration: 30s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: to
                    bandwidth: {rate: 1mbps, limit: 20971520, buffer: 10000}
                """);
        assertEquals(Map.of("action", "bandwidth", "mode", "all", "selector", ALICE, "direction", "to",
                "bandwidth", Map.of("rate", "1mbps", "limit", 20971520, "buffer", 10000), "duration", "30s"),
                spec(resource));
    }

    @Test
    void podKill() {
        var resource = build("""
                  - kind: PodChaos
                    action: pod-kill
                    duration: 30s
                    mode: one
                    selector: {namespaces: [inference], labelSelectors: {app: provider, provider: primary}}
                    gracePeriod: 0
                """);
        assertEquals(Map.of("action", "pod-kill", "mode", "one",
                "selector", Map.of("namespaces", List.of("inference"),
                        "labelSelectors", Map.of("app", "provider", "provider", "primary")),
                "gracePeriod", 0, "duration", "30s"), spec(resource));
    }

    @Test
    void podFailureWithFixedCount() {
        var resource = build("""
                  - kind: PodChaos
                    action: pod-failure
                    duration: 2m
                    mode: fixed
                    value: 2
                    selector: {namespaces: [inference], labelSelectors: {app: provider}}
                """);
        assertEquals(Map.of("action", "pod-failure", "mode", "fixed", "value", "2",
                "selector", Map.of("namespaces", List.of("inference"), "labelSelectors", Map.of("app", "provider")),
                "duration", "2m"), spec(resource));
    }

    @Test
    void containerKill() {
        var resource = build("""
                  - kind: PodChaos
                    action: container-kill
                    duration: 30s
                    mode: all
                    selector: {namespaces: [inference], labelSelectors: {app: gateway}}
                    containerNames: [main, sidecar]
                """);
        assertEquals(Map.of("action", "container-kill", "mode", "all",
                "selector", Map.of("namespaces", List.of("inference"), "labelSelectors", Map.of("app", "gateway")),
                "containerNames", List.of("main", "sidecar"), "duration", "30s"), spec(resource));
    }

    @Test
    void httpAbortCarriesAbortTrueAndNoAction() {
        var resource = build("""
                  - kind: HTTPChaos
                    action: abort
                    duration: 30s
                    mode: all
                    selector: {namespaces: [inference], labelSelectors: {app: provider}}
                    target: Request
                    port: 9000
                    path: /v1/*
                    method: POST
                """);
        assertEquals(Map.of("mode", "all",
                "selector", Map.of("namespaces", List.of("inference"), "labelSelectors", Map.of("app", "provider")),
                "target", "Request", "port", 9000, "path", "/v1/*", "method", "POST", "abort", true, "duration", "30s"),
                spec(resource));
    }

    @Test
    void httpDelay() {
        var resource = build("""
                  - kind: HTTPChaos
                    action: delay
                    duration: 1m
                    mode: all
                    selector: {namespaces: [inference], labelSelectors: {app: provider}}
                    target: Response
                    port: 9000
                    delay: 10s
                """);
        assertEquals(Map.of("mode", "all",
                "selector", Map.of("namespaces", List.of("inference"), "labelSelectors", Map.of("app", "provider")),
                "target", "Response", "port", 9000, "delay", "10s", "duration", "1m"), spec(resource));
    }

    @Test
    void httpReplace() {
        var resource = build("""
                  - kind: HTTPChaos
                    action: replace
                    duration: 30s
                    mode: all
                    selector: {namespaces: [inference], labelSelectors: {app: provider}}
                    target: Response
                    port: 9000
                    replace: {code: 503, headers: {Retry-After: "5"}}
                """);
        assertEquals(Map.of("mode", "all",
                "selector", Map.of("namespaces", List.of("inference"), "labelSelectors", Map.of("app", "provider")),
                "target", "Response", "port", 9000,
                "replace", Map.of("code", 503, "headers", Map.of("Retry-After", "5")), "duration", "30s"), spec(resource));
    }

    @Test
    void stressChaosHasNoAction() {
        var resource = build("""
                  - kind: StressChaos
                    duration: 30s
                    mode: one
                    selector: {namespaces: [inference], labelSelectors: {app: gateway}}
                    stressors: {cpu: {workers: 2, load: 80}, memory: {workers: 1, size: 256MB}}
                    containerNames: [main]
                """);
        assertEquals(Map.of("mode", "one",
                "selector", Map.of("namespaces", List.of("inference"), "labelSelectors", Map.of("app", "gateway")),
                "stressors", Map.of("cpu", Map.of("workers", 2, "load", 80), "memory", Map.of("workers", 1, "size", "256MB")),
                "containerNames", List.of("main"), "duration", "30s"), spec(resource));
    }

    /** Every IOChaos action inline, as Chaos Mesh spells it, and valid against the real IOChaos CRD's schema. */
    @Test
    void ioChaosInlineKeepsItsActionAndFieldsAndMatchesTheCrd() throws Exception {
        Path crdFile = ChaosTestSupport.requireCorpus().resolve("crd/chaos-mesh.org_iochaos.yaml");
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(crdFile)) {
            crd = Serialization.unmarshal(in, CustomResourceDefinition.class);
        }
        List<String> actions = List.of(
                "action: latency\n    delay: 100ms\n    percent: 50\n    methods: [read, write]",
                "action: fault\n    errno: 5\n    percent: 100",
                "action: attrOverride\n    attr: {perm: 72}",
                "action: mistake\n    mistake: {filling: random, maxOccurrences: 2, maxLength: 16}\n    methods: [read]");
        for (String action : actions) {
            var resource = build("""
                      - kind: IOChaos
                        %s
                        duration: 30s
                        mode: all
                        selector: {namespaces: [tenant-alice], labelSelectors: {app: tenant-store}}
                        volumePath: /var/lib/tenant-store
                        path: /var/lib/tenant-store/**/*
                    """.formatted(action));
            Map<String, Object> spec = spec(resource);
            assertEquals(action.substring("action: ".length(), action.indexOf('\n')), spec.get("action"), spec.toString());
            assertEquals("/var/lib/tenant-store", spec.get("volumePath"));
            assertEquals(List.of(), CrdSchemaValidator.validate(crd, resource, "faults[0]"), action);
        }
        assertEquals(50, spec(build("""
                  - kind: IOChaos
                    action: latency
                    delay: 1s
                    percent: 50
                    duration: 30s
                    mode: one
                    selector: {namespaces: [tenant-alice]}
                    volumePath: /data
                """)).get("percent"), "IOChaos keeps its own percent, an integer");
    }

    @Test
    void slugMakesDnsNames() {
        assertEquals("alice-bob-partition", ChaosSpecFactory.slug("Alice → Bob partition!"));
        assertEquals("fault", ChaosSpecFactory.slug("***"));
        assertTrue(ChaosSpecFactory.slug("x".repeat(80)).length() <= 40);
    }
}
