package io.jenkins.plugins.chaos.probe.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.plan.DynamicConnectivityConfig;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The dynamic probe against the playground's API server, its probe pods answered by the simulated kubelet. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DynamicConnectivityProbeTest {

    private static final List<String> NAMESPACES = List.of("tenant-alice", "tenant-bob", "tenant-carol");

    private PlaygroundCluster cluster;
    private KubernetesClient client;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(List.of("alice", "bob", "carol"), ChaosEffects.none(), Duration.ofMillis(50), true);
        client = cluster.client();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void healthyPoliciesPassEveryPairAndLeaveNoProbePod() {
        List<CheckResult> results = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "healthy");

        assertEquals(9, results.size(), "3 positive controls and 6 ordered pairs: " + names(results));
        results.forEach(r -> assertEquals(Verdict.PASSED, r.verdict(), r.name() + ": " + r.summary() + " " + r.evidence()));
        CheckResult pair = byName(results, "tenant-alice->tenant-bob tenant-api:8080");
        assertEquals(DynamicConnectivityProbe.PROBE, pair.probe());
        assertTrue(pair.evidence().contains("command: nc -z -w 3 tenant-api.tenant-bob.svc.cluster.local 8080"), pair.evidence().toString());
        assertTrue(pair.evidence().stream().anyMatch(e -> e.startsWith("probe pod tenant-alice/netprobe-healthy-")), pair.evidence().toString());
        assertTrue(pair.evidence().stream().anyMatch(e -> e.contains("nc exit code 1")), pair.evidence().toString());
        assertTrue(pair.evidence().contains("probe pod deleted"), pair.evidence().toString());
        assertTrue(byName(results, "tenant-bob->tenant-bob tenant-api:8080").summary().startsWith("positive control"));
        assertEquals(List.of(), probePods());
        assertFalse(listener.lines().stream().anyMatch(l -> l.contains("still there after the run")), "each worker deleted its own pod: " + listener.lines());
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("6 cross-namespace connection attempts and 3 positive controls")), listener.lines().toString());
    }

    @Test
    void allowAllIngressIsABreachExactlyForTheTenantsInboundPairs() {
        allowAllIngress("tenant-bob");
        // The seeded egress default-deny of the other tenants still stops their pods: defense in depth holds.
        List<CheckResult> guarded = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "guarded");
        guarded.forEach(r -> assertEquals(Verdict.PASSED, r.verdict(), r.name() + ": " + r.summary()));

        NAMESPACES.forEach(this::openEgress);
        List<CheckResult> results = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "open");

        Set<String> critical = results.stream().filter(r -> r.verdict() == Verdict.CRITICAL).map(CheckResult::name)
                .collect(Collectors.toSet());
        assertEquals(Set.of("tenant-alice->tenant-bob tenant-api:8080", "tenant-carol->tenant-bob tenant-api:8080"), critical);
        results.stream().filter(r -> !critical.contains(r.name()))
                .forEach(r -> assertEquals(Verdict.PASSED, r.verdict(), r.name() + ": " + r.summary()));
        CheckResult breach = byName(results, "tenant-alice->tenant-bob tenant-api:8080");
        assertTrue(breach.summary().startsWith("isolation breach: a pod in tenant-alice connected to tenant-bob's tenant-api:8080"),
                breach.summary());
        assertTrue(breach.evidence().stream().anyMatch(e -> e.contains("allow-all-ingress")), breach.evidence().toString());
        assertEquals(List.of(), probePods());
    }

    @ParameterizedTest(name = "partition {0} from {1} to {2}")
    @CsvSource({"to, tenant-alice, tenant-bob", "from, tenant-bob, tenant-alice", "both, tenant-bob, tenant-alice"})
    void anInjectedPartitionStopsTheConnectionThePoliciesWouldAdmit(String direction, String selected, String target) {
        allowAllIngress("tenant-bob");
        NAMESPACES.forEach(this::openEgress);
        GenericKubernetesResource partition = partition("cut", selected, target, direction);
        awaitInjected(partition);

        List<CheckResult> during = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "during");
        CheckResult cut = byName(during, "tenant-alice->tenant-bob tenant-api:8080");
        assertEquals(Verdict.PASSED, cut.verdict(), cut.summary() + " " + cut.evidence());
        assertTrue(cut.evidence().stream().anyMatch(e -> e.contains("NetworkChaos " + selected + "/cut")), cut.evidence().toString());
        // the partition is between alice and bob only: carol still gets in
        assertEquals(Verdict.CRITICAL, byName(during, "tenant-carol->tenant-bob tenant-api:8080").verdict());

        ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace(selected).withName("cut").delete();
        awaitGone(selected, "cut");
        List<CheckResult> after = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "after");
        assertEquals(Verdict.CRITICAL, byName(after, "tenant-alice->tenant-bob tenant-api:8080").verdict());
        assertEquals(List.of(), probePods());
    }

    @Test
    void aPartitionNotYetInjectedDoesNotCount() {
        allowAllIngress("tenant-bob");
        NAMESPACES.forEach(this::openEgress);
        cluster.simulator().setResponsive(false);
        partition("pending", "tenant-alice", "tenant-bob", "to");

        List<CheckResult> results = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "pending");

        assertEquals(Verdict.CRITICAL, byName(results, "tenant-alice->tenant-bob tenant-api:8080").verdict());
    }

    @Test
    void aBrokenSameNamespacePolicyMakesThatTenantsChecksErrorsNotPasses() {
        client.network().v1().networkPolicies().inNamespace("tenant-bob").withName("allow-same-namespace").delete();

        List<CheckResult> results = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "broken");

        for (CheckResult result : results) {
            if (result.name().contains("tenant-bob")) {
                assertEquals(Verdict.ERROR, result.verdict(), result.name() + ": " + result.summary());
                assertTrue(result.summary().contains("positive control failed"), result.summary());
            } else {
                assertEquals(Verdict.PASSED, result.verdict(), result.name() + ": " + result.summary());
            }
        }
        assertTrue(byName(results, "tenant-bob->tenant-alice tenant-api:8080").summary()
                .contains("no pod in tenant-bob could connect to its own services"));
        assertTrue(byName(results, "tenant-alice->tenant-bob tenant-api:8080").summary()
                .contains("tenant-bob's own pods could not connect to tenant-api:8080"));
        assertEquals(List.of(), probePods());
    }

    @Test
    void aConnectionIsABreachEvenWhenTheControlFailed() {
        // bob's own pods cannot reach bob's service (no same-namespace rule), but alice's can: that is still a breach
        client.network().v1().networkPolicies().inNamespace("tenant-bob").withName("allow-same-namespace").delete();
        allowIngressFrom("tenant-bob", "tenant-alice");
        openEgress("tenant-alice");

        List<CheckResult> results = probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "proof");

        assertEquals(Verdict.ERROR, byName(results, "tenant-bob->tenant-bob tenant-api:8080").verdict());
        assertEquals(Verdict.CRITICAL, byName(results, "tenant-alice->tenant-bob tenant-api:8080").verdict());
        assertEquals(Verdict.ERROR, byName(results, "tenant-carol->tenant-bob tenant-api:8080").verdict());
    }

    @Test
    void podsThatNeverEndAreErrorsAndAreDeleted() {
        cluster.probePods().setResponsive(false);
        DynamicConnectivityConfig config = new DynamicConnectivityConfig(List.of("tenant-alice", "tenant-bob"),
                null, null, null, "1s", "2100ms", 4);

        List<CheckResult> results = probe(config).run(client, "stuck");

        assertEquals(4, results.size());
        results.forEach(r -> {
            assertEquals(Verdict.ERROR, r.verdict(), r.name());
            assertTrue(r.summary().contains("did not end within 2s") || r.summary().contains("positive control could not run"), r.summary());
        });
        assertEquals(List.of(), probePods());
    }

    @Test
    void interruptMidProbeDeletesEveryProbePodAndKeepsTheFlag() throws Exception {
        cluster.close();
        cluster = PlaygroundCluster.start(List.of("alice", "bob", "carol", "dave"), ChaosEffects.none(), Duration.ofMillis(50), true);
        client = cluster.client();
        List<String> four = List.of("tenant-alice", "tenant-bob", "tenant-carol", "tenant-dave");
        AtomicReference<Thread> prober = new AtomicReference<>();
        RunListener interrupting = new RunListener() {
            @Override
            public void info(String line) {
                listener.info(line);
                if (line.contains("[1/")) {
                    // the first pod has ended; the next ones are in flight
                    prober.get().interrupt();
                }
            }

            @Override
            public void warn(String line) {
                listener.warn(line);
            }
        };
        CompletableFuture<List<CheckResult>> results = new CompletableFuture<>();
        CompletableFuture<Boolean> flag = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                results.complete(new DynamicConnectivityProbe(DynamicConnectivityConfig.of(four), interrupting).run(client, "abort"));
                flag.complete(Thread.currentThread().isInterrupted());
            } catch (Throwable t) {
                results.completeExceptionally(t);
            }
        });
        prober.set(thread);
        thread.start();

        List<CheckResult> checks = results.get(30, TimeUnit.SECONDS);
        assertTrue(flag.get(1, TimeUnit.SECONDS), "the interrupt flag is restored for the caller");
        assertEquals(List.of(), probePods());
        assertEquals(16, checks.size(), "every planned check is reported");
        assertTrue(checks.stream().anyMatch(c -> c.verdict() == Verdict.ERROR && c.summary().contains("stopped")),
                checks.stream().map(CheckResult::summary).toList().toString());
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("interrupted; deleting the probe pods")), listener.lines().toString());
        assertFalse(listener.lines().stream().anyMatch(l -> l.contains("still there after the run")), "each worker deleted its own pod: " + listener.lines());
        long created = listener.lines().stream().filter(l -> l.contains("] tenant-")).count();
        assertTrue(created < 16, "the probe stopped early: " + created + " attempts ended normally");
    }

    @Test
    void leftoversOfEarlierRunsAreDeletedFirstButYoungOnesOfAnotherRunAreNot() throws Exception {
        cluster.probePods().setResponsive(false);
        ProbeTarget target = new ProbeTarget("tenant-bob", "tenant-api", 8080);
        client.pods().inNamespace("tenant-alice").resource(ProbePods.build("netprobe-old-0", "tenant-alice", target,
                "old", "busybox:1.36", Duration.ofSeconds(1), Duration.ofSeconds(2))).create();
        Thread.sleep(3100); // creation timestamps have whole seconds
        client.pods().inNamespace("tenant-alice").resource(ProbePods.build("netprobe-young-0", "tenant-alice", target,
                "young", "busybox:1.36", Duration.ofSeconds(1), Duration.ofSeconds(2))).create();
        cluster.probePods().setResponsive(true);
        DynamicConnectivityConfig config = new DynamicConnectivityConfig(List.of("tenant-alice", "tenant-bob"),
                null, null, null, "1s", "2100ms", 4);

        probe(config).run(client, "sweeper");

        assertEquals(List.of("tenant-alice/netprobe-young-0"), probePods());
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("deleted 1 leftover probe pod")), listener.lines().toString());
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("1 probe pod(s) younger than the pod timeout")), listener.lines().toString());
    }

    @Test
    void missingNamespacesServicesAndPortsAreErrorsNamingWhatIsMissing() {
        DynamicConnectivityConfig config = new DynamicConnectivityConfig(List.of("tenant-alice", "tenant-bob", "tenant-zed"),
                List.of("tenant-api", "billing"), List.of(8080, 9090), null, null, null, 2);

        List<CheckResult> results = probe(config).run(client, "missing");

        assertEquals(Verdict.PASSED, byName(results, "tenant-alice->tenant-bob tenant-api:8080").verdict());
        CheckResult noService = byName(results, "tenant-alice->tenant-bob billing");
        assertEquals(Verdict.ERROR, noService.verdict());
        assertTrue(noService.summary().contains("service tenant-bob/billing not found"), noService.summary());
        CheckResult noPort = byName(results, "tenant-alice->tenant-bob tenant-api:9090");
        assertEquals(Verdict.ERROR, noPort.verdict());
        assertTrue(noPort.summary().contains("has no TCP port 9090; its TCP ports are [8080]"), noPort.summary());
        assertEquals(Verdict.ERROR, byName(results, "tenant-alice->tenant-zed (namespace)").verdict());
        CheckResult fromMissing = byName(results, "tenant-zed->tenant-alice tenant-api:8080");
        assertEquals(Verdict.ERROR, fromMissing.verdict());
        assertTrue(fromMissing.summary().contains("namespace tenant-zed not found"), fromMissing.summary());
        assertFalse(results.stream().anyMatch(r -> r.verdict() == Verdict.CRITICAL));
        assertEquals(List.of(), probePods());
    }

    @Test
    void aServiceNameThatDoesNotResolveIsAnErrorNotAPass() {
        // bob's Service vanishes after the targets were read: nc cannot resolve the name
        CountingListener deleting = new CountingListener(() ->
                client.services().inNamespace("tenant-bob").withName("tenant-api").delete(), "cross-namespace");
        DynamicConnectivityConfig config = new DynamicConnectivityConfig(List.of("tenant-alice", "tenant-bob"),
                null, null, null, null, null, 1);

        List<CheckResult> results = new DynamicConnectivityProbe(config, deleting).run(client, "dns");

        CheckResult check = byName(results, "tenant-alice->tenant-bob tenant-api:8080");
        assertEquals(Verdict.ERROR, check.verdict(), check.summary());
        assertTrue(check.summary().contains("did not resolve"), check.summary());
        assertTrue(check.evidence().contains("nc output: nc: bad address 'tenant-api.tenant-bob.svc.cluster.local'"),
                check.evidence().toString());
    }

    @Test
    void invalidConfigurationIsRefusedNamingTheField() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> probe(new DynamicConnectivityConfig(List.of("tenant-alice"), null, null, null, null, null, 0)));
        assertTrue(e.getMessage().contains("namespaces: at least two"), e.getMessage());
        assertTrue(e.getMessage().contains("concurrency: 0 must be between 1 and 32"), e.getMessage());
        IllegalArgumentException runId = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> probe(DynamicConnectivityConfig.of(NAMESPACES)).run(client, "Bad_Id"));
        assertTrue(runId.getMessage().startsWith("runId: 'Bad_Id'"), runId.getMessage());
    }

    /** Runs an action once, when the first line containing a marker is logged. */
    private final class CountingListener implements RunListener {
        private final Runnable action;
        private final String marker;
        private boolean done;

        CountingListener(Runnable action, String marker) {
            this.action = action;
            this.marker = marker;
        }

        @Override
        public synchronized void info(String line) {
            listener.info(line);
            if (!done && line.contains(marker)) {
                done = true;
                action.run();
            }
        }

        @Override
        public void warn(String line) {
            listener.warn(line);
        }
    }

    private DynamicConnectivityProbe probe(DynamicConnectivityConfig config) {
        return new DynamicConnectivityProbe(config, listener);
    }

    private List<String> probePods() {
        return client.pods().inAnyNamespace().withLabel(ProbePods.PROBE_LABEL, ProbePods.PROBE_VALUE).list().getItems()
                .stream().map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).sorted().toList();
    }

    private void allowAllIngress(String namespace) {
        client.network().v1().networkPolicies().inNamespace(namespace).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-all-ingress").withNamespace(namespace).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().addNewIngress().endIngress()
                .withPolicyTypes("Ingress").endSpec().build()).create();
    }

    private void allowIngressFrom(String namespace, String from) {
        client.network().v1().networkPolicies().inNamespace(namespace).resource(new NetworkPolicyBuilder()
                .withNewMetadata().withName("allow-from-" + from).withNamespace(namespace).endMetadata()
                .withNewSpec().withNewPodSelector().endPodSelector().addNewIngress().addNewFrom()
                .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", from).endNamespaceSelector()
                .endFrom().endIngress().withPolicyTypes("Ingress").endSpec().build()).create();
    }

    /** Many clusters restrict ingress only: drop the egress half of the seeded policies. */
    private void openEgress(String namespace) {
        for (String name : List.of("default-deny-all", "allow-same-namespace")) {
            client.network().v1().networkPolicies().inNamespace(namespace).withName(name).edit(p -> new NetworkPolicyBuilder(p)
                    .editSpec().withPolicyTypes("Ingress").withEgress(List.of()).endSpec().build());
        }
    }

    private GenericKubernetesResource partition(String name, String selected, String target, String direction) {
        GenericKubernetesResource chaos = new GenericKubernetesResourceBuilder()
                .withApiVersion(ChaosKind.API_VERSION).withKind("NetworkChaos")
                .withNewMetadata().withName(name).withNamespace(selected).endMetadata()
                .addToAdditionalProperties("spec", Map.of(
                        "action", "partition", "mode", "all", "direction", direction,
                        "selector", Map.of("namespaces", List.of(selected)),
                        "target", Map.of("mode", "all", "selector", Map.of("namespaces", List.of(target)))))
                .build();
        return ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace(selected).resource(chaos).create();
    }

    private void awaitInjected(GenericKubernetesResource chaos) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            GenericKubernetesResource current = ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos")
                    .inNamespace(chaos.getMetadata().getNamespace()).withName(chaos.getMetadata().getName()).get();
            if (ChaosStatus.condition(current, ChaosStatus.ALL_INJECTED)) {
                return;
            }
            sleep(20);
        }
        fail("the simulated Chaos Mesh never injected " + chaos.getMetadata().getName());
    }

    private void awaitGone(String namespace, String name) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(deadline)) {
            if (ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos").inNamespace(namespace).withName(name).get() == null) {
                return;
            }
            sleep(20);
        }
        fail(name + " was never released");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static CheckResult byName(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + names(results)));
    }

    private static List<String> names(List<CheckResult> results) {
        return results.stream().map(CheckResult::name).toList();
    }
}
