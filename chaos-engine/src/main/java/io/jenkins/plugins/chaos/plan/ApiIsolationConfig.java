package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API tenant-isolation probe checks; the same keys in YAML and in the Pipeline step. Missing values take
 * the runbook's defaults.
 *
 * @param gatewayUrl     the gateway's base URL, e.g. {@code https://gateway.staging.example}
 * @param tenants        tenant name to bearer token (secrets: never printed; read from JSON/YAML, never written)
 * @param endpoints      tenant-scoped requests, {@code {tenant}} standing for the addressed tenant
 * @param denialStatuses statuses that count as "denied" (default 401, 403)
 * @param concurrency    requests in flight at once (default 16)
 * @param timeout        per request, Go duration (default 10s)
 * @param maxRequestsPerSecond the cap on requests started per second ({@link RateCap}: default 200, unlimited on
 *                       loopback, 0 for none)
 */
public record ApiIsolationConfig(String gatewayUrl,
                                 @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) Map<String, String> tenants, List<RequestTemplate> endpoints,
                                 List<Integer> denialStatuses, Integer concurrency, String timeout,
                                 Double maxRequestsPerSecond)
        implements Serializable {

    public static final List<Integer> DEFAULT_DENIAL_STATUSES = List.of(401, 403);
    public static final int DEFAULT_CONCURRENCY = 16;
    public static final int MAX_CONCURRENCY = 256;
    public static final String DEFAULT_TIMEOUT = "10s";
    public static final String DEFAULT_CHAT_BODY =
            "{\"model\":\"chat-small\",\"messages\":[{\"role\":\"user\",\"content\":\"tenant isolation probe\"}]}";
    /** The resources every tenant of an inference gateway has. */
    public static final List<RequestTemplate> DEFAULT_ENDPOINTS = List.of(
            RequestTemplate.parse("GET /v1/tenants/{tenant}/models"),
            RequestTemplate.parse("GET /v1/tenants/{tenant}/files"),
            RequestTemplate.parse("GET /v1/tenants/{tenant}/usage"),
            RequestTemplate.parse("POST /v1/tenants/{tenant}/chat/completions").withBody(DEFAULT_CHAT_BODY));

    /** Tenant names are placed in URL paths as they are, so they must need no escaping. */
    private static final Pattern TENANT_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public ApiIsolationConfig {
        tenants = tenants == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
        endpoints = endpoints == null || endpoints.isEmpty() ? DEFAULT_ENDPOINTS : List.copyOf(endpoints);
        denialStatuses = denialStatuses == null || denialStatuses.isEmpty()
                ? DEFAULT_DENIAL_STATUSES : List.copyOf(denialStatuses);
        concurrency = concurrency == null ? DEFAULT_CONCURRENCY : concurrency;
        timeout = timeout == null || timeout.isBlank() ? DEFAULT_TIMEOUT : timeout;
    }

    /** Without a rate cap of its own: {@link RateCap}'s default for the gateway. */
    public ApiIsolationConfig(String gatewayUrl, Map<String, String> tenants, List<RequestTemplate> endpoints,
                              List<Integer> denialStatuses, Integer concurrency, String timeout) {
        this(gatewayUrl, tenants, endpoints, denialStatuses, concurrency, timeout, null);
    }

    /** Requests per second this probe may start; 0 means no cap. */
    @JsonIgnore
    public double effectiveMaxRequestsPerSecond() {
        return RateCap.effective(maxRequestsPerSecond, gatewayUrl);
    }

    public ApiIsolationConfig withMaxRequestsPerSecond(Double cap) {
        return new ApiIsolationConfig(gatewayUrl, tenants, endpoints, denialStatuses, concurrency, timeout, cap);
    }

    /** Every problem at once, each naming its field and what is allowed; empty when the configuration is usable. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (gatewayUrl == null || gatewayUrl.isBlank()) {
            errors.add("gatewayUrl: required, e.g. https://gateway.example.com");
        } else {
            try {
                URI uri = URI.create(gatewayUrl.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.add("gatewayUrl: '" + gatewayUrl + "' must be an http:// or https:// URL with a host");
                }
            } catch (IllegalArgumentException e) {
                errors.add("gatewayUrl: '" + gatewayUrl + "' is not a URL");
            }
        }
        if (tenants.size() < 2) {
            errors.add("tenants: at least two tenants (name -> token) are needed to check isolation, got " + tenants.size());
        }
        tenants.forEach((name, token) -> {
            if (name == null || !TENANT_NAME.matcher(name).matches()) {
                errors.add("tenants: '" + name + "' is not a valid tenant name; use letters, digits, '.', '_' and '-'");
            }
            if (token == null || token.isBlank()) {
                errors.add("tenants." + name + ": the token is empty");
            }
        });
        Set<String> seen = new HashSet<>();
        for (RequestTemplate endpoint : endpoints) {
            if (endpoint != null && !seen.add(endpoint.toString())) {
                errors.add("endpoints: '" + endpoint + "' is listed twice; check names must be unique");
            }
            if (endpoint == null) {
                errors.add("endpoints: an entry is empty; write it as 'GET /v1/tenants/{tenant}/files'");
            } else if (!endpoint.tenantScoped()) {
                errors.add("endpoints: '" + endpoint + "' has no {tenant} placeholder, so it addresses no tenant's resource");
            }
        }
        for (Integer status : denialStatuses) {
            if (status == null || status < 400 || status > 599) {
                errors.add("denialStatuses: " + status + " is not an error status; use 4xx or 5xx codes such as 401, 403, 404");
            }
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            errors.add("concurrency: " + concurrency + " must be between 1 and " + MAX_CONCURRENCY);
        }
        if (GoDuration.parse(timeout).filter(d -> !d.isZero()).isEmpty()) {
            errors.add("timeout: '" + timeout + "' is not a positive duration; " + GoDuration.ALLOWED);
        }
        RateCap.problem(maxRequestsPerSecond).ifPresent(p -> errors.add("maxRequestsPerSecond: " + p));
        return errors;
    }

    @JsonIgnore
    public Duration timeoutDuration() {
        return GoDuration.parse(timeout).orElseThrow(() -> new IllegalArgumentException("timeout: '" + timeout + "'; " + GoDuration.ALLOWED));
    }

    public ApiIsolationConfig withTenants(Map<String, String> newTenants) {
        return new ApiIsolationConfig(gatewayUrl, newTenants, endpoints, denialStatuses, concurrency, timeout,
                maxRequestsPerSecond);
    }

    /** Tokens are secrets: the generated record toString would print them. */
    @Override
    public String toString() {
        return "ApiIsolationConfig[gatewayUrl=" + gatewayUrl + ", tenants=" + tenants.keySet() + ", endpoints="
                + endpoints + ", denialStatuses=" + denialStatuses + ", concurrency=" + concurrency
                + ", timeout=" + timeout + ", maxRequestsPerSecond=" + maxRequestsPerSecond + "]";
    }
}
