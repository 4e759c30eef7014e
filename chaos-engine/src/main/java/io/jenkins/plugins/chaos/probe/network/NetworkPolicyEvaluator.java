package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether the NetworkPolicies of a cluster admit a flow, with the Kubernetes semantics: a pod that no
 * policy selects for a direction is unrestricted in that direction; a selected pod admits only what some rule of
 * some selecting policy admits; a flow needs both the source's egress and the destination's ingress.
 * It is a model of the API, not of a CNI: plugins that ignore NetworkPolicy (or treat ipBlock for pod IPs
 * differently) are what the dynamic probe is for.
 */
public final class NetworkPolicyEvaluator {

    /** Set by the API server on every namespace since Kubernetes 1.21; policies select namespaces by it. */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
    private final List<CompiledPolicy> policies;

    /**
     * @throws IllegalArgumentException when a policy is one the API server would refuse, naming the field
     */
    public NetworkPolicyEvaluator(Collection<Namespace> namespaces, Collection<NetworkPolicy> policies) {
        for (Namespace namespace : namespaces) {
            String name = namespace.getMetadata().getName();
            Map<String, String> labels = new HashMap<>();
            if (namespace.getMetadata().getLabels() != null) {
                labels.putAll(namespace.getMetadata().getLabels());
            }
            // in-memory snapshots and the mock API server do not add it; a real API server always does
            labels.putIfAbsent(NAMESPACE_NAME_LABEL, name);
            namespaceLabels.put(name, Map.copyOf(labels));
        }
        List<CompiledPolicy> compiled = new ArrayList<>();
        for (NetworkPolicy policy : policies) {
            compiled.add(CompiledPolicy.compile(policy));
        }
        this.policies = List.copyOf(compiled);
    }

    public FlowDecision evaluate(Pod source, Pod destination, PortSpec port) {
        return evaluate(FlowEndpoint.of(source), FlowEndpoint.of(destination), port);
    }

    public FlowDecision evaluate(FlowEndpoint source, FlowEndpoint destination, PortSpec port) {
        DirectionDecision egress = decide(PolicyDirection.EGRESS, source, destination, destination, port);
        DirectionDecision ingress = decide(PolicyDirection.INGRESS, destination, source, destination, port);
        return new FlowDecision(source, destination, port, egress, ingress);
    }

    /** The policies that select the pod for the direction: empty means the pod is open in that direction. */
    public List<String> isolatingPolicies(FlowEndpoint pod, PolicyDirection direction) {
        List<String> ids = new ArrayList<>();
        for (CompiledPolicy policy : policies) {
            if (policy.affects(direction) && policy.selects(pod)) {
                ids.add(policy.id());
            }
        }
        return ids;
    }

    /** Policies of the namespace that select all its pods and admit nothing in the direction. */
    public List<String> defaultDenyPolicies(String namespace, PolicyDirection direction) {
        List<String> ids = new ArrayList<>();
        for (CompiledPolicy policy : policies) {
            if (policy.namespace.equals(namespace) && policy.isDefaultDeny(direction)) {
                ids.add(policy.id());
            }
        }
        return ids;
    }

    /**
     * @param subject     the pod whose policies decide (the source for egress, the destination for ingress)
     * @param peer        the other end of the flow, which the rule's peers must match
     * @param destination where the port lives: named ports are the destination's, in both directions
     */
    private DirectionDecision decide(PolicyDirection direction, FlowEndpoint subject, FlowEndpoint peer,
                                     FlowEndpoint destination, PortSpec port) {
        List<String> isolating = new ArrayList<>();
        List<String> defaultDeny = new ArrayList<>();
        List<RuleMatch> admitted = new ArrayList<>();
        if (subject.inCluster()) {
            for (CompiledPolicy policy : policies) {
                if (!policy.affects(direction) || !policy.selects(subject)) {
                    continue;
                }
                isolating.add(policy.id());
                if (policy.rules(direction).isEmpty()) {
                    defaultDeny.add(policy.id());
                }
                for (CompiledPolicy.Rule rule : policy.rules(direction)) {
                    if (rule.admits(peer, destination, port, this::labelsOf)) {
                        admitted.add(new RuleMatch(policy.id(), direction, rule.index, rule.description));
                    }
                }
            }
        }
        return new DirectionDecision(direction, isolating, defaultDeny, admitted);
    }

    private Map<String, String> labelsOf(String namespace) {
        Map<String, String> labels = namespaceLabels.get(namespace);
        return labels != null ? labels : Map.of(NAMESPACE_NAME_LABEL, namespace);
    }
}
