package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * The blast-radius probe of an experiment ({@code probes.blastRadius}): while a fault that selects some tenants is
 * active (a partition of half the tenant namespaces), every tenant is called through the gateway; the tenants the
 * fault selected (read back from its status) must degrade gracefully, the others keep full service.
 *
 * @param gateway            the gateway's base URL
 * @param fault              the name of the experiment's fault whose selection isolates tenants
 * @param endpoint           the request each tenant sends, {@code {tenant}} replaced (default GET /v1/tenants/{tenant}/models)
 * @param tenants            every tenant, with its namespace (to match the selection) and token
 * @param requestsPerSecond  per tenant (default 5)
 * @param duration           how long the calls go on while the fault is active (default 5s)
 * @param timeout            per request (default 5s)
 * @param gracefulStatuses   what an isolated tenant may answer, with a JSON error body (default 502, 503, 504)
 * @param successRatePercent threshold for the others: at least this share served (default 99)
 * @param latency            threshold for the others: p95 below this (default 1s)
 */
public record BlastRadiusSpec(String gateway, String fault, RequestTemplate endpoint, List<TenantSpec> tenants,
                              Double requestsPerSecond, String duration, String timeout, List<Integer> gracefulStatuses,
                              Double successRatePercent, String latency) implements Serializable {

    public BlastRadiusSpec {
        tenants = tenants == null ? List.of() : List.copyOf(tenants);
        gracefulStatuses = gracefulStatuses == null ? List.of() : List.copyOf(gracefulStatuses);
    }
}
