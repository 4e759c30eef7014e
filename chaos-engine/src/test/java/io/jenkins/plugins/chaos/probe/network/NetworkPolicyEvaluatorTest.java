package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.jenkins.plugins.chaos.probe.network.Fixtures.namespace;
import static io.jenkins.plugins.chaos.probe.network.Fixtures.pod;
import static io.jenkins.plugins.chaos.probe.network.Fixtures.podWithPorts;
import static io.jenkins.plugins.chaos.probe.network.Fixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cases from the NetworkPolicy examples of the Kubernetes documentation (concepts/services-networking/
 * network-policies), each named after its example. Every case states, per side of the flow, whether the pod is
 * open (no policy isolates it), denied, or admitted by a named policy.
 */
class NetworkPolicyEvaluatorTest {

    private static final String OPEN = "open";
    private static final String DENIED = "denied";

    private static final List<Namespace> NAMESPACES = List.of(
            namespace("default"),
            namespace("myproject", "project=myproject"),
            namespace("alice-ns", "user=alice"),
            namespace("other"),
            namespace("prod", "env=prod"),
            namespace("staging", "env=staging"));

    // --- the documentation's policies, as YAML a user would apply ---

    private static final NetworkPolicy TEST_NETWORK_POLICY = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: test-network-policy
              namespace: default
            spec:
              podSelector:
                matchLabels:
                  role: db
              policyTypes:
              - Ingress
              - Egress
              ingress:
              - from:
                - ipBlock:
                    cidr: 172.17.0.0/16
                    except:
                    - 172.17.1.0/24
                - namespaceSelector:
                    matchLabels:
                      project: myproject
                - podSelector:
                    matchLabels:
                      role: frontend
                ports:
                - protocol: TCP
                  port: 6379
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.0/24
                ports:
                - protocol: TCP
                  port: 5978
            """);

    private static NetworkPolicy defaultDenyIngress(String namespace) {
        return policy("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: default-deny-ingress
                  namespace: %s
                spec:
                  podSelector: {}
                  policyTypes:
                  - Ingress
                """.formatted(namespace));
    }

    private static final NetworkPolicy ALLOW_ALL_INGRESS = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-all-ingress
              namespace: default
            spec:
              podSelector: {}
              ingress:
              - {}
              policyTypes:
              - Ingress
            """);

    private static final NetworkPolicy DEFAULT_DENY_EGRESS = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny-egress
              namespace: default
            spec:
              podSelector: {}
              policyTypes:
              - Egress
            """);

    private static final NetworkPolicy ALLOW_ALL_EGRESS = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-all-egress
              namespace: default
            spec:
              podSelector: {}
              egress:
              - {}
              policyTypes:
              - Egress
            """);

    private static final NetworkPolicy DEFAULT_DENY_ALL = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: default-deny-all
              namespace: default
            spec:
              podSelector: {}
              policyTypes:
              - Ingress
              - Egress
            """);

    /** "Behavior of to and from selectors": one peer with both selectors, i.e. clients in alice's namespaces. */
    private static final NetworkPolicy AND_PEER = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: and-peer
              namespace: default
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector:
                    matchLabels:
                      user: alice
                  podSelector:
                    matchLabels:
                      role: client
            """);

    /** The same selectors as two peers: any pod in alice's namespaces OR clients in the policy's namespace. */
    private static final NetworkPolicy OR_PEERS = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: or-peers
              namespace: default
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector:
                    matchLabels:
                      user: alice
                - podSelector:
                    matchLabels:
                      role: client
            """);

    private static final NetworkPolicy MULTI_PORT_EGRESS = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: multi-port-egress
              namespace: default
            spec:
              podSelector:
                matchLabels:
                  role: db
              policyTypes:
              - Egress
              egress:
              - to:
                - ipBlock:
                    cidr: 10.0.0.0/24
                ports:
                - protocol: TCP
                  port: 32000
                  endPort: 32768
            """);

    /** "Targeting a Namespace by its name": the label the API server sets on every namespace. */
    private static final NetworkPolicy FROM_PROD_BY_NAME = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: from-prod-by-name
              namespace: default
            spec:
              podSelector: {}
              ingress:
              - from:
                - namespaceSelector:
                    matchLabels:
                      kubernetes.io/metadata.name: prod
            """);

    /** Named ports: "port: ... can be a numerical or named port on a pod". */
    private static final NetworkPolicy NAMED_PORT = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: allow-http-by-name
              namespace: default
            spec:
              podSelector:
                matchLabels:
                  app: web
              ingress:
              - ports:
                - port: http
            """);

    /** Set-based requirements, from the label selector documentation the NetworkPolicy reference points to. */
    private static final NetworkPolicy MATCH_EXPRESSIONS = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: match-expressions
              namespace: default
            spec:
              podSelector:
                matchExpressions:
                - key: tier
                  operator: Exists
              ingress:
              - from:
                - namespaceSelector:
                    matchExpressions:
                    - key: env
                      operator: In
                      values: [prod, staging]
                  podSelector:
                    matchExpressions:
                    - key: role
                      operator: NotIn
                      values: [untrusted]
                    - key: quarantined
                      operator: DoesNotExist
            """);

    /** policyTypes omitted: Ingress is always assumed, Egress because there is an egress section. */
    private static final NetworkPolicy EGRESS_RULES_WITHOUT_TYPES = policy("""
            apiVersion: networking.k8s.io/v1
            kind: NetworkPolicy
            metadata:
              name: egress-only-rules
              namespace: default
            spec:
              podSelector:
                matchLabels:
                  role: db
              egress:
              - to:
                - podSelector:
                    matchLabels:
                      role: backend
            """);

    // --- endpoints ---

    private static final FlowEndpoint FRONTEND = FlowEndpoint.of(pod("default", "frontend", "10.1.0.5", "role=frontend"));
    private static final FlowEndpoint FRONTEND_IN_BLOCK = FlowEndpoint.of(pod("default", "frontend-b", "10.0.0.7", "role=frontend"));
    private static final FlowEndpoint DB = FlowEndpoint.of(pod("default", "db", "10.1.0.6", "role=db"));
    private static final FlowEndpoint BACKEND = FlowEndpoint.of(pod("default", "backend", "10.1.0.7", "role=backend"));
    private static final FlowEndpoint CLIENT_DEFAULT = FlowEndpoint.of(pod("default", "client", "10.1.0.8", "role=client"));
    private static final FlowEndpoint PROJECT_WORKER = FlowEndpoint.of(pod("myproject", "worker", "10.2.0.5", "app=worker"));
    private static final FlowEndpoint OTHER_FRONTEND = FlowEndpoint.of(pod("other", "frontend", "10.3.0.5", "role=frontend"));
    private static final FlowEndpoint OTHER_CLIENT = FlowEndpoint.of(pod("other", "client", "10.3.0.6", "role=client"));
    private static final FlowEndpoint ALICE_CLIENT = FlowEndpoint.of(pod("alice-ns", "client", "10.4.0.5", "role=client"));
    private static final FlowEndpoint ALICE_BATCH = FlowEndpoint.of(pod("alice-ns", "batch", "10.4.0.6", "role=batch"));
    private static final FlowEndpoint PROD_POD = FlowEndpoint.of(pod("prod", "api", "10.5.0.5", "app=api"));
    private static final FlowEndpoint STAGING_POD = FlowEndpoint.of(pod("staging", "api", "10.6.0.5", "app=api", "role=api"));
    private static final FlowEndpoint STAGING_UNTRUSTED = FlowEndpoint.of(pod("staging", "x", "10.6.0.6", "role=untrusted"));
    private static final FlowEndpoint STAGING_QUARANTINED = FlowEndpoint.of(pod("staging", "q", "10.6.0.7", "quarantined=true"));
    private static final FlowEndpoint TIERED = FlowEndpoint.of(pod("default", "tiered", "10.1.0.9", "tier=web"));
    private static final FlowEndpoint WEB = FlowEndpoint.of(podWithPorts("default", "web", Map.of("app", "web"),
            "http:8080/TCP", "metrics:9090/TCP"));

    private static Arguments flow(String name, List<NetworkPolicy> policies, FlowEndpoint source, FlowEndpoint destination,
                                  PortSpec port, String egress, String ingress) {
        return Arguments.of(name, policies, source, destination, port, egress, ingress);
    }

    static Stream<Arguments> documentationExamples() {
        List<NetworkPolicy> test = List.of(TEST_NETWORK_POLICY);
        String tnp = "default/test-network-policy";
        List<Arguments> cases = new ArrayList<>(List.of(
                flow("test-network-policy: frontend pod in same namespace reaches db on TCP 6379", test,
                        FRONTEND, DB, PortSpec.tcp(6379), OPEN, tnp),
                flow("test-network-policy: frontend pod to db on another port is denied", test,
                        FRONTEND, DB, PortSpec.tcp(6380), OPEN, DENIED),
                flow("test-network-policy: frontend pod to db on UDP 6379 is denied", test,
                        FRONTEND, DB, new PortSpec("UDP", 6379), OPEN, DENIED),
                flow("test-network-policy: any pod in a namespace labelled project=myproject reaches db", test,
                        PROJECT_WORKER, DB, PortSpec.tcp(6379), OPEN, tnp),
                flow("test-network-policy: role=frontend in another namespace is denied (podSelector alone is same-namespace)", test,
                        OTHER_FRONTEND, DB, PortSpec.tcp(6379), OPEN, DENIED),
                flow("test-network-policy: pod without role=frontend in the same namespace is denied", test,
                        BACKEND, DB, PortSpec.tcp(6379), OPEN, DENIED),
                flow("test-network-policy: address in ipBlock 172.17.0.0/16 reaches db", test,
                        FlowEndpoint.external("172.17.0.9"), DB, PortSpec.tcp(6379), OPEN, tnp),
                flow("test-network-policy: address in except 172.17.1.0/24 is denied", test,
                        FlowEndpoint.external("172.17.1.9"), DB, PortSpec.tcp(6379), OPEN, DENIED),
                flow("test-network-policy: address outside the ipBlock is denied", test,
                        FlowEndpoint.external("192.168.1.1"), DB, PortSpec.tcp(6379), OPEN, DENIED),
                flow("test-network-policy: db egress to 10.0.0.0/24 on TCP 5978 is allowed", test,
                        DB, FlowEndpoint.external("10.0.0.20"), PortSpec.tcp(5978), tnp, OPEN),
                flow("test-network-policy: db egress to 10.0.0.0/24 on another port is denied", test,
                        DB, FlowEndpoint.external("10.0.0.20"), PortSpec.tcp(80), DENIED, OPEN),
                flow("test-network-policy: db egress outside 10.0.0.0/24 is denied", test,
                        DB, FlowEndpoint.external("10.0.1.20"), PortSpec.tcp(5978), DENIED, OPEN),
                flow("test-network-policy: db egress to a pod whose IP is in the ipBlock is allowed", test,
                        DB, FRONTEND_IN_BLOCK, PortSpec.tcp(5978), tnp, OPEN),
                flow("test-network-policy: db egress to a pod outside the ipBlock is denied", test,
                        DB, FRONTEND, PortSpec.tcp(5978), DENIED, OPEN),
                flow("test-network-policy: pods it does not select stay unrestricted", test,
                        BACKEND, FRONTEND, PortSpec.tcp(8080), OPEN, OPEN),

                flow("default-deny-ingress: pod from another namespace is denied", List.of(defaultDenyIngress("default")),
                        OTHER_FRONTEND, DB, PortSpec.tcp(6379), OPEN, DENIED),
                flow("default-deny-ingress: same-namespace traffic is denied too", List.of(defaultDenyIngress("default")),
                        FRONTEND, BACKEND, PortSpec.tcp(8080), OPEN, DENIED),
                flow("default-deny-ingress: egress is not isolated by it", List.of(defaultDenyIngress("default")),
                        FRONTEND, OTHER_CLIENT, PortSpec.tcp(8080), OPEN, OPEN),

                flow("allow-all-ingress: any pod reaches any pod of the namespace", List.of(ALLOW_ALL_INGRESS),
                        OTHER_FRONTEND, DB, PortSpec.tcp(1234), OPEN, "default/allow-all-ingress"),
                flow("allow-all-ingress: policies are additive, it overrides default-deny-ingress",
                        List.of(defaultDenyIngress("default"), ALLOW_ALL_INGRESS),
                        FlowEndpoint.external("203.0.113.5"), DB, new PortSpec("UDP", 53), OPEN, "default/allow-all-ingress"),

                flow("default-deny-egress: pod cannot reach another namespace", List.of(DEFAULT_DENY_EGRESS),
                        FRONTEND, OTHER_CLIENT, PortSpec.tcp(8080), DENIED, OPEN),
                flow("default-deny-egress: pod cannot reach outside the cluster", List.of(DEFAULT_DENY_EGRESS),
                        FRONTEND, FlowEndpoint.external("8.8.8.8"), new PortSpec("UDP", 53), DENIED, OPEN),
                flow("default-deny-egress: ingress from elsewhere is not isolated by it", List.of(DEFAULT_DENY_EGRESS),
                        OTHER_CLIENT, FRONTEND, PortSpec.tcp(8080), OPEN, OPEN),

                flow("allow-all-egress: every egress is allowed", List.of(DEFAULT_DENY_EGRESS, ALLOW_ALL_EGRESS),
                        FRONTEND, FlowEndpoint.external("8.8.8.8"), new PortSpec("UDP", 53), "default/allow-all-egress", OPEN),

                flow("default-deny-all: ingress denied", List.of(DEFAULT_DENY_ALL),
                        OTHER_CLIENT, FRONTEND, PortSpec.tcp(80), OPEN, DENIED),
                flow("default-deny-all: egress denied", List.of(DEFAULT_DENY_ALL),
                        FRONTEND, OTHER_CLIENT, PortSpec.tcp(80), DENIED, OPEN),
                flow("default-deny-all: same-namespace traffic denied on both sides", List.of(DEFAULT_DENY_ALL),
                        FRONTEND, BACKEND, PortSpec.tcp(80), DENIED, DENIED),

                flow("namespaceSelector AND podSelector: client in alice's namespace is admitted", List.of(AND_PEER),
                        ALICE_CLIENT, DB, PortSpec.tcp(80), OPEN, "default/and-peer"),
                flow("namespaceSelector AND podSelector: non-client in alice's namespace is denied", List.of(AND_PEER),
                        ALICE_BATCH, DB, PortSpec.tcp(80), OPEN, DENIED),
                flow("namespaceSelector AND podSelector: client in the policy's own namespace is denied", List.of(AND_PEER),
                        CLIENT_DEFAULT, DB, PortSpec.tcp(80), OPEN, DENIED),
                flow("namespaceSelector OR podSelector: any pod in alice's namespace is admitted", List.of(OR_PEERS),
                        ALICE_BATCH, DB, PortSpec.tcp(80), OPEN, "default/or-peers"),
                flow("namespaceSelector OR podSelector: client in the policy's own namespace is admitted", List.of(OR_PEERS),
                        CLIENT_DEFAULT, DB, PortSpec.tcp(80), OPEN, "default/or-peers"),
                flow("namespaceSelector OR podSelector: client in an unrelated namespace is denied", List.of(OR_PEERS),
                        OTHER_CLIENT, DB, PortSpec.tcp(80), OPEN, DENIED),

                flow("endPort: first port of the range 32000 is allowed", List.of(MULTI_PORT_EGRESS),
                        DB, FlowEndpoint.external("10.0.0.1"), PortSpec.tcp(32000), "default/multi-port-egress", OPEN),
                flow("endPort: last port of the range 32768 is allowed", List.of(MULTI_PORT_EGRESS),
                        DB, FlowEndpoint.external("10.0.0.1"), PortSpec.tcp(32768), "default/multi-port-egress", OPEN),
                flow("endPort: 32769 above the range is denied", List.of(MULTI_PORT_EGRESS),
                        DB, FlowEndpoint.external("10.0.0.1"), PortSpec.tcp(32769), DENIED, OPEN),
                flow("endPort: 31999 below the range is denied", List.of(MULTI_PORT_EGRESS),
                        DB, FlowEndpoint.external("10.0.0.1"), PortSpec.tcp(31999), DENIED, OPEN),

                flow("targeting a namespace by its name: pod in prod is admitted", List.of(FROM_PROD_BY_NAME),
                        PROD_POD, DB, PortSpec.tcp(80), OPEN, "default/from-prod-by-name"),
                flow("targeting a namespace by its name: pod in staging is denied", List.of(FROM_PROD_BY_NAME),
                        STAGING_POD, DB, PortSpec.tcp(80), OPEN, DENIED),

                flow("named port: the number the destination names http is admitted", List.of(NAMED_PORT),
                        OTHER_CLIENT, WEB, PortSpec.tcp(8080), OPEN, "default/allow-http-by-name"),
                flow("named port: another container port of the destination is denied", List.of(NAMED_PORT),
                        OTHER_CLIENT, WEB, PortSpec.tcp(9090), OPEN, DENIED),
                flow("named port: same name but UDP is denied", List.of(NAMED_PORT),
                        OTHER_CLIENT, WEB, new PortSpec("UDP", 8080), OPEN, DENIED),

                flow("matchExpressions: In and NotIn/DoesNotExist admit an ordinary staging pod", List.of(MATCH_EXPRESSIONS),
                        STAGING_POD, TIERED, PortSpec.tcp(80), OPEN, "default/match-expressions"),
                flow("matchExpressions: NotIn excludes role=untrusted", List.of(MATCH_EXPRESSIONS),
                        STAGING_UNTRUSTED, TIERED, PortSpec.tcp(80), OPEN, DENIED),
                flow("matchExpressions: DoesNotExist excludes quarantined pods", List.of(MATCH_EXPRESSIONS),
                        STAGING_QUARANTINED, TIERED, PortSpec.tcp(80), OPEN, DENIED),
                flow("matchExpressions: In excludes namespaces not listed", List.of(MATCH_EXPRESSIONS),
                        OTHER_CLIENT, TIERED, PortSpec.tcp(80), OPEN, DENIED),
                flow("matchExpressions: NotIn admits a pod without the key (prod pod has no role label)", List.of(MATCH_EXPRESSIONS),
                        PROD_POD, TIERED, PortSpec.tcp(80), OPEN, "default/match-expressions"),
                flow("matchExpressions: Exists leaves pods without the key unrestricted", List.of(MATCH_EXPRESSIONS),
                        OTHER_CLIENT, DB, PortSpec.tcp(80), OPEN, OPEN),

                flow("policyTypes defaulting: egress rules make it an Egress policy too, allowing backend", List.of(EGRESS_RULES_WITHOUT_TYPES),
                        DB, BACKEND, PortSpec.tcp(80), "default/egress-only-rules", OPEN),
                flow("policyTypes defaulting: egress to others is denied", List.of(EGRESS_RULES_WITHOUT_TYPES),
                        DB, FRONTEND, PortSpec.tcp(80), DENIED, OPEN),
                flow("policyTypes defaulting: Ingress is always assumed, so db is isolated for ingress", List.of(EGRESS_RULES_WITHOUT_TYPES),
                        BACKEND, DB, PortSpec.tcp(80), OPEN, DENIED)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentationExamples")
    void evaluatesDocumentationExample(String name, List<NetworkPolicy> policies, FlowEndpoint source,
                                       FlowEndpoint destination, PortSpec port, String egress, String ingress) {
        FlowDecision decision = new NetworkPolicyEvaluator(NAMESPACES, policies).evaluate(source, destination, port);

        assertSide(egress, decision.egress(), decision);
        assertSide(ingress, decision.ingress(), decision);
        boolean expectAllowed = !DENIED.equals(egress) && !DENIED.equals(ingress);
        assertEquals(expectAllowed, decision.allowed(), decision.explain());
    }

    private static void assertSide(String expected, DirectionDecision side, FlowDecision decision) {
        String explained = decision.explain();
        switch (expected) {
            case OPEN -> {
                assertFalse(side.isolated(), explained);
                assertTrue(side.allowed(), explained);
            }
            case DENIED -> {
                assertTrue(side.isolated(), explained);
                assertFalse(side.allowed(), explained);
                assertTrue(side.admittedBy().isEmpty(), explained);
            }
            default -> {
                assertTrue(side.isolated(), explained);
                assertTrue(side.allowed(), explained);
                assertEquals(List.of(expected), side.admittedBy().stream().map(RuleMatch::policy).distinct().toList(), explained);
            }
        }
    }

    @Test
    void explainsWhichRuleAdmittedAndWhichPolicyDenies() {
        NetworkPolicyEvaluator evaluator = new NetworkPolicyEvaluator(NAMESPACES, List.of(TEST_NETWORK_POLICY, defaultDenyIngress("default")));
        FlowDecision admitted = evaluator.evaluate(PROJECT_WORKER, DB, PortSpec.tcp(6379));
        RuleMatch rule = admitted.ingress().admittedBy().get(0);
        assertEquals(0, rule.ruleIndex());
        assertTrue(rule.rule().contains("namespaceSelector {project=myproject}"), rule.rule());
        assertTrue(rule.rule().contains("TCP/6379"), rule.rule());

        FlowDecision denied = evaluator.evaluate(OTHER_CLIENT, BACKEND, PortSpec.tcp(80));
        assertEquals(List.of("default/default-deny-ingress"), denied.ingress().defaultDeny());
        assertTrue(denied.explain().contains("default deny: [default/default-deny-ingress]"), denied.explain());
    }

    @Test
    void refusesUnknownSelectorOperatorNamingFieldAndAllowedValues() {
        NetworkPolicy bad = policy("""
                metadata: {name: bad, namespace: default}
                spec:
                  podSelector:
                    matchExpressions:
                    - {key: app, operator: Equals, values: [x]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkPolicyEvaluator(NAMESPACES, List.of(bad)));
        assertEquals("NetworkPolicy default/bad spec.podSelector.matchExpressions[0].operator 'Equals' is not supported;"
                + " allowed values: In, NotIn, Exists, DoesNotExist", e.getMessage());
    }

    @Test
    void refusesInvalidPeersPortsAndCidrs() {
        assertRefused("""
                metadata: {name: p, namespace: default}
                spec:
                  ingress:
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/33}
                """, "spec.ingress[0].from[0].ipBlock.cidr '10.0.0.0/33' has prefix length 33; allowed 0..32");
        assertRefused("""
                metadata: {name: p, namespace: default}
                spec:
                  ingress:
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/16, except: [192.168.0.0/24]}
                """, "spec.ingress[0].from[0].ipBlock.except[0] '192.168.0.0/24' must lie within cidr '10.0.0.0/16'");
        assertRefused("""
                metadata: {name: p, namespace: default}
                spec:
                  egress:
                  - to:
                    - {}
                """, "spec.egress[0].to[0] must set podSelector, namespaceSelector or ipBlock");
        assertRefused("""
                metadata: {name: p, namespace: default}
                spec:
                  ingress:
                  - ports:
                    - {port: http, endPort: 90}
                """, "spec.ingress[0].ports[0].endPort requires a numeric port, not the named port 'http'");
        assertRefused("""
                metadata: {name: p, namespace: default}
                spec:
                  ingress:
                  - ports:
                    - {port: 80, protocol: ICMP}
                """, "spec.ingress[0].ports[0].protocol 'ICMP' is not a protocol; allowed values: TCP, UDP, SCTP");
        assertRefused("""
                metadata: {name: p, namespace: default}
                spec:
                  policyTypes: [ingress]
                """, "spec.policyTypes[0] 'ingress' is not a policy type; allowed values: Ingress, Egress");
    }

    @Test
    void ipv6BlocksMatchOnlyIpv6Addresses() {
        NetworkPolicy v6 = policy("""
                metadata: {name: v6, namespace: default}
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - ipBlock: {cidr: "fd00::/64", except: ["fd00::100/120"]}
                """);
        NetworkPolicyEvaluator evaluator = new NetworkPolicyEvaluator(NAMESPACES, List.of(v6));
        assertTrue(evaluator.evaluate(FlowEndpoint.external("fd00::1"), DB, PortSpec.tcp(80)).allowed());
        assertFalse(evaluator.evaluate(FlowEndpoint.external("fd00::101"), DB, PortSpec.tcp(80)).allowed());
        assertFalse(evaluator.evaluate(FlowEndpoint.external("10.0.0.1"), DB, PortSpec.tcp(80)).allowed());
    }

    private static void assertRefused(String yaml, String expectedSuffix) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NetworkPolicyEvaluator(NAMESPACES, List.of(policy(yaml))));
        assertEquals("NetworkPolicy default/p " + expectedSuffix, e.getMessage());
    }
}
