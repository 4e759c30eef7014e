package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One end of a flow: a pod (namespace, labels, IP, container ports) or an address outside the cluster.
 *
 * @param namespace the pod's namespace; {@code null} for an external address, which no policy selects and which
 *                  only {@code ipBlock} peers can match
 * @param name      pod name or a description of the endpoint, for evidence
 * @param labels    pod labels
 * @param ip        pod IP or external address; {@code null} when unknown, then no ipBlock matches it
 * @param ports     container ports, for named ports
 * @param synthetic true for a stand-in pod used when a namespace has none
 */
public record FlowEndpoint(String namespace, String name, Map<String, String> labels, String ip,
                           List<NamedPort> ports, boolean synthetic) implements Serializable {

    public FlowEndpoint {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public static FlowEndpoint of(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        List<NamedPort> ports = new ArrayList<>();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container container : pod.getSpec().getContainers()) {
                if (container.getPorts() == null) {
                    continue;
                }
                for (ContainerPort port : container.getPorts()) {
                    if (port.getContainerPort() != null) {
                        ports.add(new NamedPort(port.getName(), port.getContainerPort(), port.getProtocol()));
                    }
                }
            }
        }
        return new FlowEndpoint(namespace, pod.getMetadata().getName(), pod.getMetadata().getLabels(),
                ip == null || ip.isEmpty() ? null : ip, ports, false);
    }

    /** A pod with no labels, no IP and no named ports: what a freshly deployed workload in the namespace looks like. */
    public static FlowEndpoint synthetic(String namespace) {
        return new FlowEndpoint(namespace, "(synthetic pod without labels)", Map.of(), null, List.of(), true);
    }

    public static FlowEndpoint external(String ip) {
        IpBlockMatcher.parseAddress(ip, "external endpoint ip");
        return new FlowEndpoint(null, ip, Map.of(), ip, List.of(), false);
    }

    public boolean inCluster() {
        return namespace != null;
    }

    /** {@code namespace/name}, or the address of an external endpoint. */
    public String describe() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
