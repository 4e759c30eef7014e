package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.plan.DynamicConnectivityConfig;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ports a namespace offers to probe pods, read from its Services, and what could not be resolved. A problem
 * turns into an ERROR check, never into silence: a misspelt service name must not look like a passed check.
 *
 * @param namespace the namespace
 * @param exists    false when the namespace is not on the cluster
 * @param targets   the TCP service ports to connect to
 * @param problems  what was asked for and is not there
 * @param skipped   services left out on purpose when probing all services (ExternalName, no TCP port), for the log
 */
public record ProbeTargets(String namespace, boolean exists, List<ProbeTarget> targets, List<Problem> problems,
                           List<String> skipped) implements Serializable {

    /**
     * @param label  the part of the check name after the namespaces ({@code tenant-api:8080}, {@code tenant-api},
     *               {@code (namespace)}, {@code (services)})
     * @param reason why it cannot be probed
     */
    public record Problem(String label, String reason) implements Serializable {
    }

    public ProbeTargets {
        targets = List.copyOf(targets);
        problems = List.copyOf(problems);
        skipped = List.copyOf(skipped);
    }

    public static ProbeTargets read(KubernetesClient client, String namespace, DynamicConnectivityConfig config) {
        if (client.namespaces().withName(namespace).get() == null) {
            return new ProbeTargets(namespace, false, List.of(),
                    List.of(new Problem("(namespace)", "namespace " + namespace + " not found")), List.of());
        }
        List<ProbeTarget> targets = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        if (config.allServices()) {
            List<Service> services = new ArrayList<>(client.services().inNamespace(namespace).list().getItems());
            services.sort(Comparator.comparing(s -> s.getMetadata().getName()));
            for (Service service : services) {
                String name = service.getMetadata().getName();
                if (isExternalName(service)) {
                    skipped.add(name + " (ExternalName: leads outside the cluster)");
                    continue;
                }
                List<Integer> ports = tcpPorts(service);
                List<Integer> chosen = config.ports().isEmpty() ? ports
                        : ports.stream().filter(config.ports()::contains).toList();
                if (chosen.isEmpty()) {
                    skipped.add(name + " (no TCP port" + (config.ports().isEmpty() ? "" : " among " + config.ports()) + ")");
                }
                chosen.forEach(port -> targets.add(new ProbeTarget(namespace, name, port)));
            }
            if (targets.isEmpty()) {
                problems.add(new Problem("(services)", "namespace " + namespace + " has no service with a TCP port"
                        + (config.ports().isEmpty() ? "" : " among " + config.ports()) + " to connect to"
                        + (skipped.isEmpty() ? "" : "; skipped " + skipped)));
            }
        } else {
            for (String name : config.services()) {
                Service service = client.services().inNamespace(namespace).withName(name).get();
                if (service == null) {
                    problems.add(new Problem(name, "service " + namespace + "/" + name + " not found"));
                    continue;
                }
                if (isExternalName(service)) {
                    problems.add(new Problem(name, "service " + namespace + "/" + name
                            + " is an ExternalName service: it leads outside the cluster, not to a tenant's pods"));
                    continue;
                }
                List<Integer> ports = tcpPorts(service);
                if (config.ports().isEmpty()) {
                    if (ports.isEmpty()) {
                        problems.add(new Problem(name, "service " + namespace + "/" + name + " has no TCP port"));
                    }
                    ports.forEach(port -> targets.add(new ProbeTarget(namespace, name, port)));
                    continue;
                }
                for (Integer port : config.ports()) {
                    if (ports.contains(port)) {
                        targets.add(new ProbeTarget(namespace, name, port));
                    } else {
                        problems.add(new Problem(name + ":" + port, "service " + namespace + "/" + name
                                + " has no TCP port " + port + "; its TCP ports are " + ports));
                    }
                }
            }
        }
        return new ProbeTargets(namespace, true, targets, problems, skipped);
    }

    private static boolean isExternalName(Service service) {
        return service.getSpec() != null && "ExternalName".equals(service.getSpec().getType());
    }

    private static List<Integer> tcpPorts(Service service) {
        List<Integer> ports = new ArrayList<>();
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return ports;
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            // nc -z speaks TCP only; a UDP port would always look closed
            String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
            if ("TCP".equalsIgnoreCase(protocol) && port.getPort() != null && !ports.contains(port.getPort())) {
                ports.add(port.getPort());
            }
        }
        return ports;
    }
}
