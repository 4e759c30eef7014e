package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * The tenant-isolation probe of an experiment ({@code probes.tenantIsolation}, and the {@code tenantIsolationProbe}
 * step): the API layer through the gateway, the NetworkPolicy and RBAC layers through the Kubernetes API, and
 * optionally probe pods that really try to connect.
 *
 * @param phases        when it runs relative to the faults: before, during, after (default during)
 * @param gateway       the gateway's base URL; null skips the API layer
 * @param tenants       the tenants, at least two
 * @param endpoints     request templates such as {@code GET /v1/tenants/{tenant}/files}; empty: the defaults
 * @param deniedStatuses statuses that count as a denial (default 401, 403)
 * @param concurrency   requests in flight (default 16)
 * @param timeout       per request (default 10s)
 * @param network       evaluate the NetworkPolicies between tenant namespaces (default true)
 * @param rbac          check that tenants' service accounts cannot reach each other's secrets (default true)
 * @param probePods     start probe pods that try real connections (default false: it needs pod creation rights)
 * @param ports         ports for the network layers (default 8080)
 * @param probeImage    image of the probe pods, which need {@code nc} (default busybox:1.36)
 * @param maxRequestsPerSecond the API layer's cap on requests per second (default 200, none on loopback, 0: none)
 * @param pairs         which pairs x endpoints each run tests: all (default) or a rotating slice
 */
public record TenantIsolationSpec(List<String> phases, String gateway, List<TenantSpec> tenants, List<RequestTemplate> endpoints,
                                  List<Integer> deniedStatuses, Integer concurrency, String timeout, boolean network,
                                  boolean rbac, boolean probePods, List<Integer> ports, String probeImage,
                                  Double maxRequestsPerSecond, PairsSpec pairs)
        implements Serializable {

    public static final List<String> PHASES = List.of("before", "during", "after");

    public TenantIsolationSpec {
        phases = phases == null || phases.isEmpty() ? List.of("during") : List.copyOf(phases);
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        deniedStatuses = deniedStatuses == null ? List.of() : List.copyOf(deniedStatuses);
        ports = ports == null || ports.isEmpty() ? List.of(8080) : List.copyOf(ports);
        pairs = pairs == null ? PairsSpec.ALL : pairs;
    }

    /** Every pair in every run, the API layer's default rate cap. */
    public TenantIsolationSpec(List<String> phases, String gateway, List<TenantSpec> tenants, List<RequestTemplate> endpoints,
                               List<Integer> deniedStatuses, Integer concurrency, String timeout, boolean network,
                               boolean rbac, boolean probePods, List<Integer> ports, String probeImage) {
        this(phases, gateway, tenants, endpoints, deniedStatuses, concurrency, timeout, network, rbac, probePods, ports,
                probeImage, null, null);
    }

    public List<String> namespaces() {
        return tenants.stream().map(TenantSpec::namespace).filter(ns -> ns != null && !ns.isBlank()).toList();
    }
}
