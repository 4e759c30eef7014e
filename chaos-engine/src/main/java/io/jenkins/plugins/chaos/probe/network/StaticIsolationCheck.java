package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The static half of the network isolation probe: for every ordered pair of tenant namespaces and every port,
 * do the NetworkPolicies admit any pod of A to any pod of B? Plus, per tenant, is there a default-deny ingress
 * policy, the one safeguard that also covers pods deployed after this check ran.
 */
public final class StaticIsolationCheck {

    public static final String PROBE = ProbeIds.ISOLATION_NETWORK_STATIC;
    /** Enough flows to show the pattern of a breach without flooding the report of a large namespace. */
    static final int MAX_FLOWS_IN_EVIDENCE = 5;

    private final List<String> tenantNamespaces;
    private final List<PortSpec> ports;

    public StaticIsolationCheck(List<String> tenantNamespaces, List<PortSpec> ports) {
        Set<String> distinct = new LinkedHashSet<>(tenantNamespaces == null ? List.of() : tenantNamespaces);
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("tenantNamespaces needs at least 2 distinct namespaces, got " + distinct);
        }
        if (ports == null || ports.isEmpty()) {
            throw new IllegalArgumentException("ports must list at least one port, e.g. tcp/8080");
        }
        this.tenantNamespaces = List.copyOf(distinct);
        this.ports = List.copyOf(ports);
    }

    public List<CheckResult> run(NetworkSnapshot snapshot) {
        Instant started = Instant.now();
        NetworkPolicyEvaluator evaluator;
        try {
            evaluator = new NetworkPolicyEvaluator(snapshot.namespaces(), snapshot.policies());
        } catch (IllegalArgumentException e) {
            return allErrors(started, "invalid NetworkPolicy in the snapshot: " + e.getMessage());
        }
        List<CheckResult> results = new ArrayList<>();
        for (String namespace : tenantNamespaces) {
            results.add(defaultDenyCheck(evaluator, snapshot, namespace));
        }
        for (String a : tenantNamespaces) {
            for (String b : tenantNamespaces) {
                if (a.equals(b)) {
                    continue;
                }
                for (PortSpec port : ports) {
                    results.add(pairCheck(evaluator, snapshot, a, b, port));
                }
            }
        }
        return results;
    }

    private CheckResult pairCheck(NetworkPolicyEvaluator evaluator, NetworkSnapshot snapshot, String a, String b, PortSpec port) {
        Instant started = Instant.now();
        String name = a + "->" + b + " " + port;
        List<String> missing = missing(snapshot, a, b);
        if (!missing.isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.ERROR, "namespace " + missing + " not found, nothing to evaluate",
                    List.of("the snapshot holds namespaces " + names(snapshot)), started, millisSince(started));
        }
        List<FlowEndpoint> sources = endpoints(snapshot, a);
        List<FlowEndpoint> destinations = endpoints(snapshot, b);
        List<String> evidence = new ArrayList<>();
        note(evidence, sources);
        note(evidence, destinations);

        List<FlowDecision> admitted = new ArrayList<>();
        List<FlowDecision> denied = new ArrayList<>();
        for (FlowEndpoint source : sources) {
            for (FlowEndpoint destination : destinations) {
                FlowDecision decision = evaluator.evaluate(source, destination, port);
                (decision.allowed() ? admitted : denied).add(decision);
            }
        }
        int flows = sources.size() * destinations.size();
        if (!admitted.isEmpty()) {
            Set<String> admitting = new LinkedHashSet<>();
            for (FlowDecision decision : admitted) {
                decision.ingress().admittedBy().forEach(rule -> admitting.add(rule.policy()));
                decision.egress().admittedBy().forEach(rule -> admitting.add(rule.policy()));
            }
            evidence.add(admitted.size() + " of " + flows + " pod pairs admitted");
            for (FlowDecision decision : admitted.subList(0, Math.min(MAX_FLOWS_IN_EVIDENCE, admitted.size()))) {
                evidence.add(decision.explain());
            }
            String by = admitting.isEmpty() ? "no policy isolates them" : "admitted by " + admitting;
            return new CheckResult(PROBE, name, Verdict.CRITICAL,
                    "isolation breach: pods of " + a + " can reach pods of " + b + " on " + port + " (" + by + ")",
                    evidence, started, millisSince(started));
        }
        Set<String> denyingPolicies = new LinkedHashSet<>();
        for (FlowDecision decision : denied) {
            if (!decision.ingress().allowed()) {
                denyingPolicies.addAll(decision.ingress().defaultDeny().isEmpty()
                        ? decision.ingress().isolatingPolicies() : decision.ingress().defaultDeny());
            } else {
                denyingPolicies.addAll(decision.egress().defaultDeny().isEmpty()
                        ? decision.egress().isolatingPolicies() : decision.egress().defaultDeny());
            }
        }
        List<String> defaultDeny = evaluator.defaultDenyPolicies(b, PolicyDirection.INGRESS);
        evidence.add(defaultDeny.isEmpty()
                ? b + " has no default-deny ingress policy"
                : b + " is isolated by default-deny ingress policy " + String.join(", ", defaultDeny));
        evidence.add("all " + flows + " pod pairs denied by " + denyingPolicies);
        evidence.add(denied.get(0).explain());
        return new CheckResult(PROBE, name, Verdict.PASSED,
                a + " cannot reach " + b + " on " + port + " (denied by " + String.join(", ", denyingPolicies) + ")",
                evidence, started, millisSince(started));
    }

    private CheckResult defaultDenyCheck(NetworkPolicyEvaluator evaluator, NetworkSnapshot snapshot, String namespace) {
        Instant started = Instant.now();
        String name = namespace + " default deny ingress present";
        if (snapshot.namespace(namespace).isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.ERROR, "namespace " + namespace + " not found, nothing to evaluate",
                    List.of("the snapshot holds namespaces " + names(snapshot)), started, millisSince(started));
        }
        List<String> defaultDeny = evaluator.defaultDenyPolicies(namespace, PolicyDirection.INGRESS);
        if (!defaultDeny.isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.PASSED, "default-deny ingress policy " + String.join(", ", defaultDeny),
                    List.of("selects every pod of " + namespace + " and admits nothing by itself: " + defaultDeny),
                    started, millisSince(started));
        }
        List<FlowEndpoint> pods = endpoints(snapshot, namespace);
        List<String> evidence = new ArrayList<>();
        note(evidence, pods);
        List<String> open = new ArrayList<>();
        for (FlowEndpoint pod : pods) {
            List<String> isolating = evaluator.isolatingPolicies(pod, PolicyDirection.INGRESS);
            if (isolating.isEmpty()) {
                open.add(pod.describe());
            } else {
                evidence.add(pod.describe() + " isolated for ingress by " + isolating);
            }
        }
        if (!open.isEmpty()) {
            evidence.add("not selected by any ingress policy, so reachable from every pod of the cluster: " + open);
            return new CheckResult(PROBE, name, Verdict.CRITICAL,
                    namespace + " is open: no default-deny ingress policy and " + open.size() + " pod(s) not isolated",
                    evidence, started, millisSince(started));
        }
        evidence.add("a new pod whose labels no policy selects would be reachable from every pod of the cluster");
        return new CheckResult(PROBE, name, Verdict.WARNING,
                namespace + " has no default-deny ingress policy; its current pods are isolated by other policies",
                evidence, started, millisSince(started));
    }

    /** The namespace's pods, or a stand-in without labels so that an empty namespace is still judged. */
    private static List<FlowEndpoint> endpoints(NetworkSnapshot snapshot, String namespace) {
        List<Pod> pods = snapshot.podsIn(namespace);
        if (pods.isEmpty()) {
            return List.of(FlowEndpoint.synthetic(namespace));
        }
        return pods.stream().map(FlowEndpoint::of).toList();
    }

    private static void note(List<String> evidence, List<FlowEndpoint> endpoints) {
        if (endpoints.size() == 1 && endpoints.get(0).synthetic()) {
            evidence.add(endpoints.get(0).namespace() + " has no pods: evaluated against a synthetic pod with no labels");
        }
    }

    private static List<String> missing(NetworkSnapshot snapshot, String... namespaces) {
        List<String> missing = new ArrayList<>();
        for (String namespace : namespaces) {
            if (snapshot.namespace(namespace).isEmpty()) {
                missing.add(namespace);
            }
        }
        return missing;
    }

    private static List<String> names(NetworkSnapshot snapshot) {
        return snapshot.namespaces().stream().map(n -> n.getMetadata().getName()).toList();
    }

    private List<CheckResult> allErrors(Instant started, String summary) {
        List<CheckResult> results = new ArrayList<>();
        for (String namespace : tenantNamespaces) {
            results.add(new CheckResult(PROBE, namespace + " default deny ingress present", Verdict.ERROR, summary,
                    List.of(summary), started, millisSince(started)));
        }
        for (String a : tenantNamespaces) {
            for (String b : tenantNamespaces) {
                if (!a.equals(b)) {
                    for (PortSpec port : ports) {
                        results.add(new CheckResult(PROBE, a + "->" + b + " " + port, Verdict.ERROR, summary,
                                List.of(summary), started, millisSince(started)));
                    }
                }
            }
        }
        return results;
    }

    private static long millisSince(Instant started) {
        return Math.max(0, Duration.between(started, Instant.now()).toMillis());
    }
}
