package io.jenkins.plugins.chaos.probe.network;

import java.io.Serializable;

/**
 * A TCP port of a Service, reached by its cluster DNS name as any workload would reach it.
 *
 * @param namespace the Service's namespace
 * @param service   the Service's name
 * @param port      the Service port (not the container port it forwards to)
 */
public record ProbeTarget(String namespace, String service, int port) implements Serializable {

    public String dnsName() {
        return service + "." + namespace + ".svc.cluster.local";
    }

    /** {@code tenant-api:8080}, the part of a check name after the namespaces. */
    public String describe() {
        return service + ":" + port;
    }
}
