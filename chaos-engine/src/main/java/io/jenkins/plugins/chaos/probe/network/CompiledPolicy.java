package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A NetworkPolicy validated and compiled for evaluation. Validation follows what the API server would refuse,
 * so that a snapshot built in memory cannot make the evaluator answer for a policy no cluster would accept.
 */
final class CompiledPolicy {

    final String namespace;
    final String name;
    final LabelSelectorMatcher podSelector;
    final boolean affectsIngress;
    final boolean affectsEgress;
    final List<Rule> ingress;
    final List<Rule> egress;

    private CompiledPolicy(String namespace, String name, LabelSelectorMatcher podSelector, boolean affectsIngress,
                           boolean affectsEgress, List<Rule> ingress, List<Rule> egress) {
        this.namespace = namespace;
        this.name = name;
        this.podSelector = podSelector;
        this.affectsIngress = affectsIngress;
        this.affectsEgress = affectsEgress;
        this.ingress = ingress;
        this.egress = egress;
    }

    static CompiledPolicy compile(NetworkPolicy policy) {
        if (policy.getMetadata() == null || policy.getMetadata().getName() == null) {
            throw new IllegalArgumentException("NetworkPolicy metadata.name is required");
        }
        String name = policy.getMetadata().getName();
        String namespace = policy.getMetadata().getNamespace();
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException("NetworkPolicy " + name + " metadata.namespace is required");
        }
        String where = "NetworkPolicy " + namespace + "/" + name + " spec";
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        LabelSelectorMatcher podSelector = LabelSelectorMatcher.compile(spec.getPodSelector(), where + ".podSelector");

        List<NetworkPolicyIngressRule> ingressRules = spec.getIngress() == null ? List.of() : spec.getIngress();
        List<NetworkPolicyEgressRule> egressRules = spec.getEgress() == null ? List.of() : spec.getEgress();
        boolean affectsIngress;
        boolean affectsEgress;
        List<String> types = spec.getPolicyTypes();
        if (types == null || types.isEmpty()) {
            // The API server's defaulting: every policy isolates ingress; egress only when it has egress rules.
            affectsIngress = true;
            affectsEgress = !egressRules.isEmpty();
        } else {
            for (int i = 0; i < types.size(); i++) {
                String type = types.get(i);
                if (!PolicyDirection.INGRESS.policyType().equals(type) && !PolicyDirection.EGRESS.policyType().equals(type)) {
                    throw new IllegalArgumentException(where + ".policyTypes[" + i + "] '" + type
                            + "' is not a policy type; allowed values: Ingress, Egress");
                }
            }
            affectsIngress = types.contains(PolicyDirection.INGRESS.policyType());
            affectsEgress = types.contains(PolicyDirection.EGRESS.policyType());
        }

        List<Rule> ingress = new ArrayList<>();
        for (int i = 0; i < ingressRules.size(); i++) {
            NetworkPolicyIngressRule rule = ingressRules.get(i);
            ingress.add(Rule.compile(namespace, PolicyDirection.INGRESS, i, rule.getFrom(), rule.getPorts(),
                    where + ".ingress[" + i + "]", "from"));
        }
        List<Rule> egress = new ArrayList<>();
        for (int i = 0; i < egressRules.size(); i++) {
            NetworkPolicyEgressRule rule = egressRules.get(i);
            egress.add(Rule.compile(namespace, PolicyDirection.EGRESS, i, rule.getTo(), rule.getPorts(),
                    where + ".egress[" + i + "]", "to"));
        }
        return new CompiledPolicy(namespace, name, podSelector, affectsIngress, affectsEgress,
                List.copyOf(ingress), List.copyOf(egress));
    }

    String id() {
        return namespace + "/" + name;
    }

    boolean selects(FlowEndpoint pod) {
        return namespace.equals(pod.namespace()) && podSelector.matches(pod.labels());
    }

    boolean affects(PolicyDirection direction) {
        return direction == PolicyDirection.INGRESS ? affectsIngress : affectsEgress;
    }

    List<Rule> rules(PolicyDirection direction) {
        return direction == PolicyDirection.INGRESS ? ingress : egress;
    }

    /** Selects every pod of its namespace and admits nothing in this direction. */
    boolean isDefaultDeny(PolicyDirection direction) {
        return affects(direction) && podSelector.isEmpty() && rules(direction).isEmpty();
    }

    /** One ingress or egress rule: it admits a flow when a peer matches (or there are none) and a port matches. */
    static final class Rule {
        final int index;
        final List<Peer> peers;
        final List<Port> ports;
        final String description;

        private Rule(int index, List<Peer> peers, List<Port> ports, String description) {
            this.index = index;
            this.peers = peers;
            this.ports = ports;
            this.description = description;
        }

        static Rule compile(String namespace, PolicyDirection direction, int index, List<NetworkPolicyPeer> rawPeers,
                            List<NetworkPolicyPort> rawPorts, String path, String peerField) {
            List<Peer> peers = new ArrayList<>();
            List<NetworkPolicyPeer> peerList = rawPeers == null ? List.of() : rawPeers;
            for (int i = 0; i < peerList.size(); i++) {
                peers.add(Peer.compile(namespace, peerList.get(i), path + "." + peerField + "[" + i + "]"));
            }
            List<Port> ports = new ArrayList<>();
            List<NetworkPolicyPort> portList = rawPorts == null ? List.of() : rawPorts;
            for (int i = 0; i < portList.size(); i++) {
                ports.add(Port.compile(portList.get(i), path + ".ports[" + i + "]"));
            }
            String side = direction.policyType().toLowerCase(Locale.ROOT);
            String description = side + "[" + index + "] " + peerField + " "
                    + (peers.isEmpty() ? "anywhere" : peers.stream().map(Peer::toString).toList())
                    + " ports " + (ports.isEmpty() ? "all" : ports.stream().map(Port::toString).toList());
            return new Rule(index, List.copyOf(peers), List.copyOf(ports), description);
        }

        boolean admits(FlowEndpoint peer, FlowEndpoint destination, PortSpec port,
                       Function<String, Map<String, String>> namespaceLabels) {
            boolean peerMatches = peers.isEmpty();
            for (Peer candidate : peers) {
                if (candidate.matches(peer, namespaceLabels)) {
                    peerMatches = true;
                    break;
                }
            }
            if (!peerMatches) {
                return false;
            }
            if (ports.isEmpty()) {
                return true;
            }
            for (Port candidate : ports) {
                if (candidate.matches(destination, port)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * One entry of {@code from}/{@code to}. Pod and namespace selector in the SAME entry must both match (AND);
     * separate entries are alternatives (OR), which is the distinction the Kubernetes documentation warns about.
     */
    static final class Peer {
        private final String policyNamespace;
        private final LabelSelectorMatcher podSelector;
        private final LabelSelectorMatcher namespaceSelector;
        private final IpBlockMatcher ipBlock;

        private Peer(String policyNamespace, LabelSelectorMatcher podSelector, LabelSelectorMatcher namespaceSelector,
                     IpBlockMatcher ipBlock) {
            this.policyNamespace = policyNamespace;
            this.podSelector = podSelector;
            this.namespaceSelector = namespaceSelector;
            this.ipBlock = ipBlock;
        }

        static Peer compile(String policyNamespace, NetworkPolicyPeer peer, String path) {
            boolean hasSelector = peer.getPodSelector() != null || peer.getNamespaceSelector() != null;
            if (peer.getIpBlock() != null) {
                if (hasSelector) {
                    throw new IllegalArgumentException(path + ": ipBlock cannot be combined with podSelector or namespaceSelector");
                }
                return new Peer(policyNamespace, null, null, IpBlockMatcher.compile(peer.getIpBlock(), path + ".ipBlock"));
            }
            if (!hasSelector) {
                throw new IllegalArgumentException(path + " must set podSelector, namespaceSelector or ipBlock");
            }
            LabelSelectorMatcher pods = peer.getPodSelector() == null ? null
                    : LabelSelectorMatcher.compile(peer.getPodSelector(), path + ".podSelector");
            LabelSelectorMatcher namespaces = peer.getNamespaceSelector() == null ? null
                    : LabelSelectorMatcher.compile(peer.getNamespaceSelector(), path + ".namespaceSelector");
            return new Peer(policyNamespace, pods, namespaces, null);
        }

        boolean matches(FlowEndpoint endpoint, Function<String, Map<String, String>> namespaceLabels) {
            if (ipBlock != null) {
                return ipBlock.matches(endpoint.ip());
            }
            if (!endpoint.inCluster()) {
                return false; // selectors select pods; an address outside the cluster is only reachable through ipBlock
            }
            if (namespaceSelector == null) {
                // a podSelector alone selects pods in the policy's own namespace
                return policyNamespace.equals(endpoint.namespace()) && podSelector.matches(endpoint.labels());
            }
            if (!namespaceSelector.matches(namespaceLabels.apply(endpoint.namespace()))) {
                return false;
            }
            return podSelector == null || podSelector.matches(endpoint.labels());
        }

        @Override
        public String toString() {
            if (ipBlock != null) {
                return ipBlock.toString();
            }
            if (namespaceSelector == null) {
                return "podSelector " + podSelector + " in namespace " + policyNamespace;
            }
            return "namespaceSelector " + namespaceSelector + (podSelector == null ? "" : " AND podSelector " + podSelector);
        }
    }

    /** One entry of {@code ports}: a protocol and a number, a range up to {@code endPort}, or a named port. */
    static final class Port {
        private final String protocol;
        private final Integer number;
        private final Integer endPort;
        private final String name;

        private Port(String protocol, Integer number, Integer endPort, String name) {
            this.protocol = protocol;
            this.number = number;
            this.endPort = endPort;
            this.name = name;
        }

        static Port compile(NetworkPolicyPort port, String path) {
            String protocol = Protocols.normalize(port.getProtocol(), path + ".protocol");
            IntOrString value = port.getPort();
            Integer endPort = port.getEndPort();
            if (value == null) {
                if (endPort != null) {
                    throw new IllegalArgumentException(path + ".endPort requires a numeric port");
                }
                return new Port(protocol, null, null, null);
            }
            if (value.getIntVal() != null) {
                int number = value.getIntVal();
                if (number < 1 || number > 65535) {
                    throw new IllegalArgumentException(path + ".port " + number + " is out of range; allowed 1..65535");
                }
                if (endPort != null && (endPort < number || endPort > 65535)) {
                    throw new IllegalArgumentException(path + ".endPort " + endPort + " must be between port " + number
                            + " and 65535");
                }
                return new Port(protocol, number, endPort, null);
            }
            String name = value.getStrVal();
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(path + ".port is empty; expected a number or a container port name");
            }
            if (endPort != null) {
                throw new IllegalArgumentException(path + ".endPort requires a numeric port, not the named port '" + name + "'");
            }
            return new Port(protocol, null, null, name);
        }

        boolean matches(FlowEndpoint destination, PortSpec flow) {
            if (!protocol.equals(flow.protocol())) {
                return false;
            }
            if (name != null) {
                // a named port means whatever number the destination pod gives that name, for this protocol
                for (NamedPort containerPort : destination.ports()) {
                    if (name.equals(containerPort.name()) && protocol.equals(containerPort.protocol())
                            && containerPort.port() == flow.port()) {
                        return true;
                    }
                }
                return false;
            }
            if (number == null) {
                return true;
            }
            int last = endPort == null ? number : endPort;
            return flow.port() >= number && flow.port() <= last;
        }

        @Override
        public String toString() {
            if (name != null) {
                return protocol + "/" + name;
            }
            if (number == null) {
                return protocol + "/*";
            }
            return protocol + "/" + number + (endPort == null ? "" : "-" + endPort);
        }
    }
}
