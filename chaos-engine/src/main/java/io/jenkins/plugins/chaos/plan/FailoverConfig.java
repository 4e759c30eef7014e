package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the provider-failover probe sends and what it tolerates; the same keys in YAML and in the Pipeline step.
 * Missing values take the runbook's seed values (failover under 30 s, p95 under 30 s, at most 20% errors).
 *
 * @param url              the gateway's base URL
 * @param request          the request to repeat; {@code {tenant}} in its path is replaced by {@code tenant}
 * @param tenant           the tenant whose token is used (fills {@code {tenant}})
 * @param token            that tenant's bearer token (secret: never printed, read from JSON/YAML but never written);
 *                         null sends no Authorization header
 * @param rate             requests per second, paced open-loop (default 10)
 * @param duration         how long the stream runs, Go duration (default 60s)
 * @param timeout          per request (default 30s)
 * @param maxInFlight      requests outstanding at once (default 64)
 * @param providerHeader   response header naming the provider (default X-Inference-Provider)
 * @param providerField    JSON field naming the provider when the header is absent (default provider)
 * @param primary          the primary provider's name (default primary)
 * @param secondary        the secondary provider's name (default secondary)
 * @param gracefulStatuses statuses that are a graceful error when the body is a JSON error (default 429, 502, 503, 504)
 * @param maxFailoverTime  failover slower than this is CRITICAL (default 30s)
 * @param maxP95           p95 latency above this is a WARNING (default 30s)
 * @param maxErrorRate     fraction of error responses above which the check warns, 0..1 (default 0.2)
 * @param stopOnCritical   stop the stream as soon as a CRITICAL is certain (default false)
 * @param maxRequestsPerSecond the cap on requests per second, a token bucket over the stream's connections
 *                         ({@link RateCap}: default 200, unlimited on loopback, 0 for none); {@code rate} must not
 *                         exceed it
 * @param expect           {@link FailoverExpectation#FAILOVER} (default) or
 *                         {@link FailoverExpectation#GRACEFUL_DEGRADATION}, in its CLI form
 */
public record FailoverConfig(String url, RequestTemplate request, String tenant,
                             @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) String token, Double rate,
                             String duration, String timeout, Integer maxInFlight, String providerHeader,
                             String providerField, String primary, String secondary, List<Integer> gracefulStatuses,
                             String maxFailoverTime, String maxP95, Double maxErrorRate, Boolean stopOnCritical,
                             Double maxRequestsPerSecond, String expect)
        implements Serializable {

    public static final String DEFAULT_CHAT_BODY =
            "{\"model\":\"chat-small\",\"messages\":[{\"role\":\"user\",\"content\":\"failover probe\"}]}";
    public static final RequestTemplate DEFAULT_REQUEST =
            RequestTemplate.parse("POST /v1/tenants/{tenant}/chat/completions").withBody(DEFAULT_CHAT_BODY);
    public static final double DEFAULT_RATE = 10;
    public static final double MAX_RATE = 1000;
    public static final String DEFAULT_DURATION = "60s";
    public static final String DEFAULT_TIMEOUT = "30s";
    public static final int DEFAULT_MAX_IN_FLIGHT = 64;
    public static final String DEFAULT_PROVIDER_HEADER = "X-Inference-Provider";
    public static final String DEFAULT_PROVIDER_FIELD = "provider";
    public static final List<Integer> DEFAULT_GRACEFUL_STATUSES = List.of(429, 502, 503, 504);
    public static final String DEFAULT_MAX_FAILOVER_TIME = "30s";
    public static final String DEFAULT_MAX_P95 = "30s";
    public static final double DEFAULT_MAX_ERROR_RATE = 0.20;

    public FailoverConfig {
        request = request == null ? DEFAULT_REQUEST : request;
        rate = rate == null ? DEFAULT_RATE : rate;
        duration = blank(duration) ? DEFAULT_DURATION : duration;
        timeout = blank(timeout) ? DEFAULT_TIMEOUT : timeout;
        maxInFlight = maxInFlight == null ? DEFAULT_MAX_IN_FLIGHT : maxInFlight;
        providerHeader = blank(providerHeader) ? DEFAULT_PROVIDER_HEADER : providerHeader;
        providerField = blank(providerField) ? DEFAULT_PROVIDER_FIELD : providerField;
        primary = blank(primary) ? "primary" : primary;
        secondary = blank(secondary) ? "secondary" : secondary;
        gracefulStatuses = gracefulStatuses == null || gracefulStatuses.isEmpty()
                ? DEFAULT_GRACEFUL_STATUSES : List.copyOf(gracefulStatuses);
        maxFailoverTime = blank(maxFailoverTime) ? DEFAULT_MAX_FAILOVER_TIME : maxFailoverTime;
        maxP95 = blank(maxP95) ? DEFAULT_MAX_P95 : maxP95;
        maxErrorRate = maxErrorRate == null ? DEFAULT_MAX_ERROR_RATE : maxErrorRate;
        stopOnCritical = stopOnCritical != null && stopOnCritical;
        expect = blank(expect) ? FailoverExpectation.FAILOVER.cliName() : expect.trim();
    }

    /** Without a rate cap of its own: {@link RateCap}'s default for the gateway. */
    public FailoverConfig(String url, RequestTemplate request, String tenant, String token, Double rate,
                          String duration, String timeout, Integer maxInFlight, String providerHeader,
                          String providerField, String primary, String secondary, List<Integer> gracefulStatuses,
                          String maxFailoverTime, String maxP95, Double maxErrorRate, Boolean stopOnCritical) {
        this(url, request, tenant, token, rate, duration, timeout, maxInFlight, providerHeader, providerField, primary,
                secondary, gracefulStatuses, maxFailoverTime, maxP95, maxErrorRate, stopOnCritical, null, null);
    }

    /** Requests per second the stream may send; 0 means no cap. */
    @JsonIgnore
    public double effectiveMaxRequestsPerSecond() {
        return RateCap.effective(maxRequestsPerSecond, url);
    }

    public FailoverConfig withMaxRequestsPerSecond(Double cap) {
        return new FailoverConfig(url, request, tenant, token, rate, duration, timeout, maxInFlight, providerHeader,
                providerField, primary, secondary, gracefulStatuses, maxFailoverTime, maxP95, maxErrorRate,
                stopOnCritical, cap, expect);
    }

    /** The usual case: the defaults, against one tenant's chat completions. */
    public static FailoverConfig of(String url, String tenant, String token) {
        return new FailoverConfig(url, null, tenant, token, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    public FailoverConfig withRate(double newRate) {
        return new FailoverConfig(url, request, tenant, token, newRate, duration, timeout, maxInFlight, providerHeader,
                providerField, primary, secondary, gracefulStatuses, maxFailoverTime, maxP95, maxErrorRate,
                stopOnCritical, maxRequestsPerSecond, expect);
    }

    public FailoverConfig withDuration(String newDuration) {
        return new FailoverConfig(url, request, tenant, token, rate, newDuration, timeout, maxInFlight, providerHeader,
                providerField, primary, secondary, gracefulStatuses, maxFailoverTime, maxP95, maxErrorRate,
                stopOnCritical, maxRequestsPerSecond, expect);
    }

    public FailoverConfig withTimeout(String newTimeout) {
        return new FailoverConfig(url, request, tenant, token, rate, duration, newTimeout, maxInFlight, providerHeader,
                providerField, primary, secondary, gracefulStatuses, maxFailoverTime, maxP95, maxErrorRate,
                stopOnCritical, maxRequestsPerSecond, expect);
    }

    public FailoverConfig withThresholds(String newMaxFailoverTime, String newMaxP95, Double newMaxErrorRate) {
        return new FailoverConfig(url, request, tenant, token, rate, duration, timeout, maxInFlight, providerHeader,
                providerField, primary, secondary, gracefulStatuses, newMaxFailoverTime, newMaxP95, newMaxErrorRate,
                stopOnCritical, maxRequestsPerSecond, expect);
    }

    public FailoverConfig withStopOnCritical(boolean stop) {
        return new FailoverConfig(url, request, tenant, token, rate, duration, timeout, maxInFlight, providerHeader,
                providerField, primary, secondary, gracefulStatuses, maxFailoverTime, maxP95, maxErrorRate,
                stop, maxRequestsPerSecond, expect);
    }

    public FailoverConfig withExpect(FailoverExpectation newExpect) {
        return new FailoverConfig(url, request, tenant, token, rate, duration, timeout, maxInFlight, providerHeader,
                providerField, primary, secondary, gracefulStatuses, maxFailoverTime, maxP95, maxErrorRate,
                stopOnCritical, maxRequestsPerSecond, newExpect.cliName());
    }

    /** Every problem at once, each naming its field and what is allowed. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (blank(url)) {
            errors.add("url: required, e.g. https://gateway.example.com");
        } else {
            try {
                URI uri = URI.create(url.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.add("url: '" + url + "' must be an http:// or https:// URL with a host");
                }
            } catch (IllegalArgumentException e) {
                errors.add("url: '" + url + "' is not a URL");
            }
        }
        if (request.tenantScoped() && (blank(tenant) || !tenant.matches("[A-Za-z0-9._-]+"))) {
            errors.add("tenant: '" + tenant + "' must be a tenant name (letters, digits, '.', '_', '-') because the request path contains {tenant}");
        }
        if (!(rate > 0 && rate <= MAX_RATE)) {
            errors.add("rate: " + rate + " requests/s must be above 0 and at most " + (int) MAX_RATE);
        }
        RateCap.problem(maxRequestsPerSecond).ifPresent(p -> errors.add("maxRequestsPerSecond: " + p));
        if (RateCap.problem(maxRequestsPerSecond).isEmpty() && url != null && !url.isBlank()) {
            double cap = effectiveMaxRequestsPerSecond();
            if (cap > 0 && rate > cap) {
                errors.add("rate: " + rate + " requests/s is above maxRequestsPerSecond " + cap
                        + "; lower the rate or raise the cap");
            }
        }
        positive(errors, "duration", duration);
        positive(errors, "timeout", timeout);
        positive(errors, "maxFailoverTime", maxFailoverTime);
        positive(errors, "maxP95", maxP95);
        if (maxInFlight < 1 || maxInFlight > 1024) {
            errors.add("maxInFlight: " + maxInFlight + " must be between 1 and 1024");
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            errors.add("maxErrorRate: " + maxErrorRate + " must be a fraction between 0 and 1 (0.2 means 20%)");
        }
        for (Integer status : gracefulStatuses) {
            if (status == null || status < 400 || status > 599) {
                errors.add("gracefulStatuses: " + status + " is not an error status; use 4xx or 5xx codes such as 429, 503");
            }
        }
        if (FailoverExpectation.parse(expect).isEmpty()) {
            errors.add("expect: '" + expect + "' is unknown; allowed: " + FailoverExpectation.allowed());
        }
        if (primary.equals(secondary)) {
            errors.add("secondary: '" + secondary + "' must differ from primary");
        }
        return errors;
    }

    /** The parsed expectation; call only on a validated configuration. */
    @JsonIgnore
    public FailoverExpectation expectation() {
        return FailoverExpectation.parse(expect).orElseThrow(() ->
                new IllegalArgumentException("expect: '" + expect + "'; allowed: " + FailoverExpectation.allowed()));
    }

    @JsonIgnore
    public Duration durationValue() {
        return parse("duration", duration);
    }

    @JsonIgnore
    public Duration timeoutValue() {
        return parse("timeout", timeout);
    }

    @JsonIgnore
    public Duration maxFailoverTimeValue() {
        return parse("maxFailoverTime", maxFailoverTime);
    }

    @JsonIgnore
    public Duration maxP95Value() {
        return parse("maxP95", maxP95);
    }

    /** The URL the stream hits, with the tenant filled in. */
    @JsonIgnore
    public URI target() {
        String base = url.trim().endsWith("/") ? url.trim().substring(0, url.trim().length() - 1) : url.trim();
        return URI.create(base + (request.tenantScoped() ? request.pathFor(tenant) : request.path()));
    }

    private static void positive(List<String> errors, String field, String value) {
        if (GoDuration.parse(value).filter(d -> !d.isZero()).isEmpty()) {
            errors.add(field + ": '" + value + "' is not a positive duration; " + GoDuration.ALLOWED);
        }
    }

    private static Duration parse(String field, String value) {
        return GoDuration.parse(value).orElseThrow(() ->
                new IllegalArgumentException(field + ": '" + value + "'; " + GoDuration.ALLOWED));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The token is a secret: the generated record toString would print it. */
    @Override
    public String toString() {
        return "FailoverConfig[url=" + url + ", request=" + request + ", tenant=" + tenant + ", token="
                + (token == null ? "none" : "****") + ", rate=" + rate + ", duration=" + duration + ", timeout="
                + timeout + ", maxInFlight=" + maxInFlight + ", providerHeader=" + providerHeader + ", providerField="
                + providerField + ", primary=" + primary + ", secondary=" + secondary + ", gracefulStatuses="
                + gracefulStatuses + ", maxFailoverTime=" + maxFailoverTime + ", maxP95=" + maxP95
                + ", maxErrorRate=" + maxErrorRate + ", stopOnCritical=" + stopOnCritical
                + ", maxRequestsPerSecond=" + maxRequestsPerSecond + ", expect=" + expect + "]";
    }
}
