package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.jenkins.plugins.chaos.probe.network.Fixtures.namespace;
import static io.jenkins.plugins.chaos.probe.network.Fixtures.pod;
import static io.jenkins.plugins.chaos.probe.network.Fixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StaticIsolationCheckTest {

    private static final List<String> TENANTS = List.of("tenant-alice", "tenant-bob", "tenant-carol");
    private static final List<PortSpec> PORTS = List.of(PortSpec.tcp(8080), PortSpec.tcp(9090));

    /** alice and bob: default deny plus same-namespace traffic; carol: an extra rule admitting every namespace on 8080. */
    private static NetworkSnapshot multiTenant(boolean bobHasPods) {
        List<Namespace> namespaces = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<NetworkPolicy> policies = new ArrayList<>();
        for (String tenant : TENANTS) {
            namespaces.add(namespace(tenant, "tenant=" + tenant.substring("tenant-".length())));
            policies.add(defaultDeny(tenant));
            policies.add(sameNamespace(tenant));
        }
        pods.add(pod("tenant-alice", "gateway", "10.1.0.10", "app=gateway"));
        pods.add(pod("tenant-alice", "worker", "10.1.0.11", "app=worker"));
        if (bobHasPods) {
            pods.add(pod("tenant-bob", "gateway", "10.2.0.10", "app=gateway"));
        }
        pods.add(pod("tenant-carol", "gateway", "10.3.0.10", "app=gateway"));
        policies.add(policy("""
                metadata: {name: allow-from-all-namespaces, namespace: tenant-carol}
                spec:
                  podSelector: {matchLabels: {app: gateway}}
                  ingress:
                  - from:
                    - namespaceSelector: {}
                    ports:
                    - {protocol: TCP, port: 8080}
                """));
        return new NetworkSnapshot(namespaces, pods, policies);
    }

    private static NetworkPolicy defaultDeny(String namespace) {
        return policy("""
                metadata: {name: default-deny-ingress, namespace: %s}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                """.formatted(namespace));
    }

    private static NetworkPolicy sameNamespace(String namespace) {
        return policy("""
                metadata: {name: allow-same-namespace, namespace: %s}
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - podSelector: {}
                """.formatted(namespace));
    }

    private static Map<String, CheckResult> byName(List<CheckResult> results) {
        return results.stream().collect(Collectors.toMap(CheckResult::name, Function.identity()));
    }

    @Test
    void openTenantIsCriticalNamingThePolicyAndDefaultDenyTenantsPass() {
        List<CheckResult> results = new StaticIsolationCheck(TENANTS, PORTS).run(multiTenant(true));
        // 3 default-deny checks + 6 ordered pairs x 2 ports
        assertEquals(3 + 6 * 2, results.size());
        Map<String, CheckResult> checks = byName(results);
        results.forEach(r -> assertEquals(StaticIsolationCheck.PROBE, r.probe()));

        for (String source : List.of("tenant-alice", "tenant-bob")) {
            CheckResult breach = checks.get(source + "->tenant-carol tcp/8080");
            assertEquals(Verdict.CRITICAL, breach.verdict(), breach.toString());
            assertTrue(breach.summary().contains("tenant-carol/allow-from-all-namespaces"), breach.summary());
            assertTrue(breach.evidence().stream().anyMatch(e -> e.contains("ingress[0] from [namespaceSelector {}] ports [TCP/8080]")),
                    breach.evidence().toString());
            assertEquals(Verdict.PASSED, checks.get(source + "->tenant-carol tcp/9090").verdict());
        }
        for (CheckResult r : results) {
            if (!r.name().endsWith("->tenant-carol tcp/8080")) {
                assertEquals(Verdict.PASSED, r.verdict(), r.toString());
            }
        }
        CheckResult aliceToBob = checks.get("tenant-alice->tenant-bob tcp/8080");
        assertTrue(aliceToBob.evidence().contains("tenant-bob is isolated by default-deny ingress policy tenant-bob/default-deny-ingress"),
                aliceToBob.evidence().toString());
        assertTrue(aliceToBob.evidence().contains("all 2 pod pairs denied by [tenant-bob/default-deny-ingress]"),
                aliceToBob.evidence().toString());
        assertEquals(Verdict.PASSED, checks.get("tenant-bob default deny ingress present").verdict());
    }

    @Test
    void emptyNamespaceIsJudgedThroughASyntheticPodAndSaysSo() {
        Map<String, CheckResult> checks = byName(new StaticIsolationCheck(TENANTS, PORTS).run(multiTenant(false)));
        CheckResult toBob = checks.get("tenant-carol->tenant-bob tcp/8080");
        assertEquals(Verdict.PASSED, toBob.verdict());
        assertTrue(toBob.evidence().contains("tenant-bob has no pods: evaluated against a synthetic pod with no labels"),
                toBob.evidence().toString());
    }

    @Test
    void namespaceWithoutPoliciesIsOpenAndOneIsolatedOnlyBySelectivePoliciesWarns() {
        NetworkSnapshot base = multiTenant(true);
        List<Namespace> namespaces = new ArrayList<>(base.namespaces());
        namespaces.add(namespace("tenant-dave"));
        namespaces.add(namespace("tenant-erin"));
        List<Pod> pods = new ArrayList<>(base.pods());
        pods.add(pod("tenant-dave", "gateway", "10.4.0.10", "app=gateway"));
        pods.add(pod("tenant-erin", "gateway", "10.5.0.10", "app=gateway"));
        List<NetworkPolicy> policies = new ArrayList<>(base.policies());
        policies.add(policy("""
                metadata: {name: gateway-from-ingress-controller, namespace: tenant-erin}
                spec:
                  podSelector: {matchLabels: {app: gateway}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
                """));
        List<String> tenants = List.of("tenant-alice", "tenant-dave", "tenant-erin");
        Map<String, CheckResult> checks = byName(new StaticIsolationCheck(tenants, List.of(PortSpec.tcp(8080)))
                .run(new NetworkSnapshot(namespaces, pods, policies)));

        CheckResult dave = checks.get("tenant-dave default deny ingress present");
        assertEquals(Verdict.CRITICAL, dave.verdict(), dave.toString());
        assertTrue(dave.evidence().stream().anyMatch(e -> e.contains("tenant-dave/gateway")), dave.evidence().toString());
        CheckResult toDave = checks.get("tenant-alice->tenant-dave tcp/8080");
        assertEquals(Verdict.CRITICAL, toDave.verdict());
        assertTrue(toDave.summary().contains("no policy isolates them"), toDave.summary());

        CheckResult erin = checks.get("tenant-erin default deny ingress present");
        assertEquals(Verdict.WARNING, erin.verdict(), erin.toString());
        assertTrue(erin.evidence().contains("tenant-erin/gateway isolated for ingress by [tenant-erin/gateway-from-ingress-controller]"),
                erin.evidence().toString());
        CheckResult toErin = checks.get("tenant-alice->tenant-erin tcp/8080");
        assertEquals(Verdict.PASSED, toErin.verdict());
        assertTrue(toErin.evidence().contains("tenant-erin has no default-deny ingress policy"), toErin.evidence().toString());
    }

    @Test
    void missingNamespaceAndInvalidPolicyAreErrorsNeverPasses() {
        Map<String, CheckResult> checks = byName(new StaticIsolationCheck(List.of("tenant-alice", "tenant-zed"),
                List.of(PortSpec.tcp(8080))).run(multiTenant(true)));
        assertEquals(Verdict.ERROR, checks.get("tenant-zed default deny ingress present").verdict());
        assertEquals(Verdict.ERROR, checks.get("tenant-alice->tenant-zed tcp/8080").verdict());
        assertEquals(Verdict.ERROR, checks.get("tenant-zed->tenant-alice tcp/8080").verdict());

        NetworkSnapshot base = multiTenant(true);
        List<NetworkPolicy> policies = new ArrayList<>(base.policies());
        policies.add(policy("""
                metadata: {name: broken, namespace: tenant-bob}
                spec:
                  podSelector: {matchExpressions: [{key: app, operator: Is, values: [x]}]}
                """));
        List<CheckResult> results = new StaticIsolationCheck(TENANTS, PORTS)
                .run(new NetworkSnapshot(base.namespaces(), base.pods(), policies));
        assertEquals(15, results.size());
        results.forEach(r -> {
            assertEquals(Verdict.ERROR, r.verdict());
            assertTrue(r.summary().contains("tenant-bob/broken spec.podSelector.matchExpressions[0].operator 'Is'"), r.summary());
        });
    }

    @Test
    void refusesFewerThanTwoTenantsAndNoPorts() {
        IllegalArgumentException tenants = assertThrows(IllegalArgumentException.class,
                () -> new StaticIsolationCheck(List.of("tenant-alice", "tenant-alice"), PORTS));
        assertTrue(tenants.getMessage().startsWith("tenantNamespaces needs at least 2"), tenants.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new StaticIsolationCheck(TENANTS, List.of()));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> PortSpec.parse("icmp/8"));
        assertEquals("port protocol 'icmp' is not a protocol; allowed values: TCP, UDP, SCTP", port.getMessage());
        assertEquals(new PortSpec("UDP", 53), PortSpec.parse("udp/53"));
    }

    @Test
    void readsTheSnapshotFromACrudApiServer() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        try (KubernetesClient client = server.createClient()) {
            NetworkSnapshot source = multiTenant(true);
            source.namespaces().forEach(n -> client.namespaces().resource(n).create());
            source.pods().forEach(p -> client.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).create());
            source.policies().forEach(p -> client.network().v1().networkPolicies()
                    .inNamespace(p.getMetadata().getNamespace()).resource(p).create());
            client.namespaces().resource(namespace("unrelated")).create();
            client.network().v1().networkPolicies().inNamespace("unrelated").resource(policy("""
                    metadata: {name: not-read, namespace: unrelated}
                    spec: {podSelector: {}}
                    """)).create();

            NetworkSnapshot read = NetworkSnapshot.read(client, TENANTS);
            assertEquals(3, read.namespaces().size());
            assertEquals(4, read.pods().size());
            assertEquals(7, read.policies().size());
            assertEquals("carol", read.namespace("tenant-carol").orElseThrow().getMetadata().getLabels().get("tenant"));

            Map<String, CheckResult> checks = byName(new StaticIsolationCheck(TENANTS, PORTS).run(read));
            assertEquals(Verdict.CRITICAL, checks.get("tenant-bob->tenant-carol tcp/8080").verdict());
            assertEquals(Verdict.PASSED, checks.get("tenant-carol->tenant-bob tcp/8080").verdict());
            assertEquals(Verdict.PASSED, checks.get("tenant-alice default deny ingress present").verdict());
        } finally {
            server.destroy();
        }
    }
}
