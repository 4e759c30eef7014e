package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What the static network check needs from a cluster: the tenant namespaces with their labels, their pods and
 * their NetworkPolicies. Policies only ever select pods of their own namespace, so reading the tenant namespaces
 * is enough to decide flows between tenants.
 */
public record NetworkSnapshot(List<Namespace> namespaces, List<Pod> pods, List<NetworkPolicy> policies)
        implements Serializable {

    public NetworkSnapshot {
        namespaces = List.copyOf(namespaces);
        pods = List.copyOf(pods);
        policies = List.copyOf(policies);
    }

    /** Reads the namespaces that exist; a missing one is simply absent, and the check reports it as an error. */
    public static NetworkSnapshot read(KubernetesClient client, Collection<String> namespaceNames) {
        List<Namespace> namespaces = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        List<NetworkPolicy> policies = new ArrayList<>();
        for (String name : namespaceNames) {
            Namespace namespace = client.namespaces().withName(name).get();
            if (namespace == null) {
                continue;
            }
            namespaces.add(namespace);
            pods.addAll(client.pods().inNamespace(name).list().getItems());
            policies.addAll(client.network().v1().networkPolicies().inNamespace(name).list().getItems());
        }
        return new NetworkSnapshot(namespaces, pods, policies);
    }

    public Optional<Namespace> namespace(String name) {
        return namespaces.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst();
    }

    public List<Pod> podsIn(String namespace) {
        return pods.stream().filter(p -> namespace.equals(p.getMetadata().getNamespace())).toList();
    }
}
