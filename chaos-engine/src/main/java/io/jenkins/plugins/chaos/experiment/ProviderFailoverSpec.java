package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * The provider-failover probe of an experiment ({@code probes.providerFailover}, and the
 * {@code providerFailoverProbe} step): a paced request stream through the gateway while a provider fault is active.
 * Unset values take the runbook's seeds (failover under 30 s, p95 under 30 s, at most 20% errors).
 *
 * @param gateway           the gateway's base URL
 * @param method            request method (default POST)
 * @param path              request path, {@code {tenant}} replaced (default POST /v1/tenants/{tenant}/chat/completions)
 * @param body              request body (default a small chat completion)
 * @param tenant            whose token the stream uses
 * @param token             that tenant's token or {@code env:VARIABLE}; a secret
 * @param requestsPerSecond pace of the stream (default 10)
 * @param duration          how long the stream runs; default: the longest fault plus 15 s to see recovery
 * @param timeout           per request (default 30s)
 * @param primary           primary provider's name (default primary)
 * @param secondary         secondary provider's name (default secondary)
 * @param providerHeader    header naming the provider (default X-Inference-Provider)
 * @param providerField     JSON field naming it when the header is absent (default provider)
 * @param gracefulStatuses  statuses that are graceful with a JSON error body (default 429, 502, 503, 504)
 * @param failover          threshold: failover slower than this is CRITICAL (default 30s)
 * @param latency           threshold: p95 above this is a WARNING (default 30s)
 * @param errorRatePercent  threshold: error rate above this percentage is a WARNING (default 20)
 * @param maxRequestsPerSecond the cap on requests per second (default 200, none on loopback, 0: none)
 * @param expect            what must happen while the fault is active: {@code failover} (default: another provider
 *                          serves) or {@code graceful-degradation} (every provider is down: graceful errors only)
 */
public record ProviderFailoverSpec(String gateway, String method, String path, String body, String tenant, String token,
                                   Double requestsPerSecond, String duration, String timeout, String primary,
                                   String secondary, String providerHeader, String providerField,
                                   List<Integer> gracefulStatuses, String failover, String latency,
                                   Double errorRatePercent, Double maxRequestsPerSecond, String expect) implements Serializable {

    /** The default rate cap and expectation. */
    public ProviderFailoverSpec(String gateway, String method, String path, String body, String tenant, String token,
                                Double requestsPerSecond, String duration, String timeout, String primary,
                                String secondary, String providerHeader, String providerField,
                                List<Integer> gracefulStatuses, String failover, String latency,
                                Double errorRatePercent) {
        this(gateway, method, path, body, tenant, token, requestsPerSecond, duration, timeout, primary, secondary,
                providerHeader, providerField, gracefulStatuses, failover, latency, errorRatePercent, null, null);
    }

    @Override
    public String toString() {
        return "ProviderFailoverSpec[gateway=" + gateway + ", path=" + path + ", tenant=" + tenant + ", token="
                + (token == null ? "none" : "****") + ", expect=" + expect + "]";
    }
}
