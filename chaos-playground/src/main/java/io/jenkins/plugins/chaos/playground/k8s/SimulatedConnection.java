package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.probe.network.FlowDecision;
import io.jenkins.plugins.chaos.probe.network.NetworkPolicyEvaluator;
import io.jenkins.plugins.chaos.probe.network.PortSpec;
import io.jenkins.plugins.chaos.probe.network.ProbeTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code nc -z <service> <port>} would see from a pod on the playground: the name resolves when the Service
 * exists; the connection succeeds when some ready backend pod listens on the target port and the NetworkPolicies
 * (evaluated as the API defines them) admit the flow and no injected NetworkChaos partition lies between them.
 *
 * @param connected   nc's exit code is 0
 * @param exitCode    0, or 1 for refused, timed out or unresolved, as busybox nc
 * @param ncOutput    what nc prints (only for an unresolved name), for the container's termination message
 * @param explanation why, for the pod's status message
 */
record SimulatedConnection(boolean connected, int exitCode, String ncOutput, String explanation) {

    static SimulatedConnection decide(KubernetesClient client, Pod source, ProbeTarget target) {
        Service service = client.services().inNamespace(target.namespace()).withName(target.service()).get();
        if (service == null) {
            return new SimulatedConnection(false, 1, "nc: bad address '" + target.dnsName() + "'",
                    "playground: no service " + target.namespace() + "/" + target.service());
        }
        Optional<ServicePort> port = service.getSpec().getPorts() == null ? Optional.empty()
                : service.getSpec().getPorts().stream().filter(p -> p.getPort() != null && p.getPort() == target.port()
                && (p.getProtocol() == null || "TCP".equals(p.getProtocol()))).findFirst();
        if (port.isEmpty()) {
            return refused("service " + target.namespace() + "/" + target.service() + " has no TCP port " + target.port());
        }
        Map<String, String> selector = service.getSpec().getSelector();
        List<Pod> backends = new ArrayList<>();
        if (selector != null && !selector.isEmpty()) {
            for (Pod pod : client.pods().inNamespace(target.namespace()).withLabels(selector).list().getItems()) {
                if (pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase())
                        && pod.getMetadata().getDeletionTimestamp() == null) {
                    backends.add(pod);
                }
            }
        }
        if (backends.isEmpty()) {
            return refused("service " + target.namespace() + "/" + target.service() + " has no running backend pod");
        }
        NetworkPolicyEvaluator evaluator;
        try {
            List<Namespace> namespaces = client.namespaces().list().getItems();
            List<NetworkPolicy> policies = client.network().v1().networkPolicies().inAnyNamespace().list().getItems();
            evaluator = new NetworkPolicyEvaluator(namespaces, policies);
        } catch (IllegalArgumentException e) {
            // A real API server would have refused the policy; here it only makes the probe pod fail visibly.
            return new SimulatedConnection(false, 2, "", "playground: invalid NetworkPolicy: " + e.getMessage());
        }
        NetworkPartitions partitions = NetworkPartitions.read(client);
        List<String> reasons = new ArrayList<>();
        for (Pod backend : backends) {
            String name = backend.getMetadata().getNamespace() + "/" + backend.getMetadata().getName();
            Integer containerPort = containerPort(backend, port.get());
            if (containerPort == null) {
                reasons.add(name + " does not listen on target port " + port.get().getTargetPort());
                continue;
            }
            FlowDecision decision = evaluator.evaluate(source, backend, PortSpec.tcp(containerPort));
            if (!decision.allowed()) {
                reasons.add(decision.explain());
                continue;
            }
            Optional<String> partition = partitions.blocking(source, backend);
            if (partition.isPresent()) {
                reasons.add(name + " is cut off by " + partition.get());
                continue;
            }
            return new SimulatedConnection(true, 0, "", "playground: connected to " + name + " port " + containerPort
                    + "; " + decision.explain());
        }
        return refused(String.join("; ", reasons));
    }

    private static SimulatedConnection refused(String why) {
        return new SimulatedConnection(false, 1, "", "playground: not connected: " + why);
    }

    /** The port the Service forwards to on this pod, if the pod declares it: a pod that does not, refuses. */
    private static Integer containerPort(Pod pod, ServicePort servicePort) {
        IntOrString targetPort = servicePort.getTargetPort();
        List<ContainerPort> declared = new ArrayList<>();
        for (Container container : pod.getSpec().getContainers()) {
            if (container.getPorts() != null) {
                declared.addAll(container.getPorts());
            }
        }
        if (targetPort != null && targetPort.getStrVal() != null) {
            return declared.stream().filter(p -> targetPort.getStrVal().equals(p.getName()))
                    .map(ContainerPort::getContainerPort).findFirst().orElse(null);
        }
        int number = targetPort != null && targetPort.getIntVal() != null ? targetPort.getIntVal() : servicePort.getPort();
        return declared.stream().anyMatch(p -> p.getContainerPort() != null && p.getContainerPort() == number) ? number : null;
    }
}
