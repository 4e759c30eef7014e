package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.experiment.BlastRadiusSpec;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.experiment.TenantSpec;
import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The blast-radius probe's configuration with its defaults, built from {@link BlastRadiusSpec} when the run starts
 * (tokens resolved then). Validation names the experiment's keys.
 */
public record BlastRadiusConfig(String url, String fault, RequestTemplate endpoint, List<TenantSpec> tenants,
                                double rate, String duration, String timeout, List<Integer> gracefulStatuses,
                                double minSuccessRate, String maxP95) implements Serializable {

    public static final RequestTemplate DEFAULT_ENDPOINT = RequestTemplate.parse("GET /v1/tenants/{tenant}/models");
    public static final double DEFAULT_RATE = 5;
    public static final double MAX_RATE = 100;
    public static final String DEFAULT_DURATION = "5s";
    public static final Duration MAX_DURATION = Duration.ofMinutes(30);
    public static final String DEFAULT_TIMEOUT = "5s";
    public static final List<Integer> DEFAULT_GRACEFUL_STATUSES = List.of(502, 503, 504);
    public static final double DEFAULT_SUCCESS_RATE_PERCENT = 99;
    public static final String DEFAULT_MAX_P95 = "1s";
    public static final int MAX_TENANTS = 200;
    /** Every latency is kept until the probe judges, so the total is bounded. */
    public static final long MAX_REQUESTS = 200_000;

    private static final String PATH = "probes.blastRadius";

    public static BlastRadiusConfig of(BlastRadiusSpec spec, UnaryOperator<String> secrets) {
        List<TenantSpec> tenants = new ArrayList<>();
        for (TenantSpec tenant : spec.tenants()) {
            tenants.add(new TenantSpec(tenant.name(), tenant.namespace(), secrets.apply(tenant.token())));
        }
        return new BlastRadiusConfig(spec.gateway(), spec.fault(), spec.endpoint() == null ? DEFAULT_ENDPOINT : spec.endpoint(),
                tenants, spec.requestsPerSecond() == null ? DEFAULT_RATE : spec.requestsPerSecond(),
                blank(spec.duration()) ? DEFAULT_DURATION : spec.duration(),
                blank(spec.timeout()) ? DEFAULT_TIMEOUT : spec.timeout(),
                spec.gracefulStatuses().isEmpty() ? DEFAULT_GRACEFUL_STATUSES : spec.gracefulStatuses(),
                (spec.successRatePercent() == null ? DEFAULT_SUCCESS_RATE_PERCENT : spec.successRatePercent()) / 100.0,
                blank(spec.latency()) ? DEFAULT_MAX_P95 : spec.latency());
    }

    /**
     * Every problem, by the experiment's field paths.
     *
     * @param faultNames the experiment's fault names: {@code fault} must be one of them
     */
    public static List<String> validate(BlastRadiusSpec spec, List<String> faultNames) {
        BlastRadiusConfig config = of(spec, token -> token);
        List<String> errors = new ArrayList<>();
        if (blank(config.url)) {
            errors.add(PATH + ".gateway: required, e.g. https://gateway.example.com");
        } else {
            try {
                URI uri = URI.create(config.url.trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.add(PATH + ".gateway: '" + config.url + "' must be an http:// or https:// URL with a host");
                }
            } catch (IllegalArgumentException e) {
                errors.add(PATH + ".gateway: '" + config.url + "' is not a URL");
            }
        }
        if (blank(config.fault) || !faultNames.contains(config.fault)) {
            errors.add(PATH + ".fault: '" + config.fault + "' must name one of the experiment's faults "
                    + faultNames + ": the one whose selection isolates tenants");
        }
        if (!config.endpoint.tenantScoped()) {
            errors.add(PATH + ".endpoint: '" + config.endpoint + "' must contain {tenant}, e.g. GET /v1/tenants/{tenant}/models");
        }
        if (config.tenants.size() < 2 || config.tenants.size() > MAX_TENANTS) {
            errors.add(PATH + ".tenants: " + config.tenants.size() + " tenants; between 2 and " + MAX_TENANTS
                    + " are needed (some isolated, the others the control group)");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < config.tenants.size(); i++) {
            TenantSpec tenant = config.tenants.get(i);
            String where = PATH + ".tenants[" + i + "]";
            if (blank(tenant.name()) || !tenant.name().matches("[A-Za-z0-9._-]+")) {
                errors.add(where + ".name: '" + tenant.name() + "' must be a tenant name (letters, digits, '.', '_', '-')");
            } else if (!names.add(tenant.name())) {
                errors.add(where + ".name: '" + tenant.name() + "' is listed twice");
            }
            if (blank(tenant.namespace())) {
                errors.add(where + ".namespace: required: the fault's selection is matched by namespace");
            }
            if (tenant.token() == null) {
                errors.add(where + ".token: required (the tenant's bearer token, or env:VARIABLE)");
            }
        }
        if (!(config.rate > 0 && config.rate <= MAX_RATE)) {
            errors.add(PATH + ".requestsPerSecond: " + config.rate + " must be above 0 and at most " + (int) MAX_RATE
                    + " per tenant");
        }
        duration(errors, "duration", config.duration, MAX_DURATION);
        GoDuration.parse(config.duration).ifPresent(d -> {
            double requests = config.rate * d.toMillis() / 1000.0 * config.tenants.size();
            if (requests > MAX_REQUESTS) {
                errors.add(PATH + ".duration: " + config.duration + " at " + config.rate + " requests/s for "
                        + config.tenants.size() + " tenants is " + (long) requests + " requests; at most " + MAX_REQUESTS);
            }
        });
        duration(errors, "timeout", config.timeout, Duration.ofMinutes(1));
        duration(errors, "thresholds.latency", config.maxP95, Duration.ofMinutes(10));
        if (!(config.minSuccessRate >= 0 && config.minSuccessRate <= 1)) {
            errors.add(PATH + ".thresholds.successRatePercent: " + config.minSuccessRate * 100 + " must be between 0 and 100");
        }
        for (Integer status : config.gracefulStatuses) {
            if (status == null || status < 400 || status > 599) {
                errors.add(PATH + ".gracefulStatuses: " + status + " is not an error status; use 4xx or 5xx codes such as 503");
            }
        }
        return errors;
    }

    @JsonIgnore
    public Duration durationValue() {
        return GoDuration.parse(duration).orElseThrow();
    }

    @JsonIgnore
    public Duration timeoutValue() {
        return GoDuration.parse(timeout).orElseThrow();
    }

    @JsonIgnore
    public Duration maxP95Value() {
        return GoDuration.parse(maxP95).orElseThrow();
    }

    /** The URL tenant {@code tenant} calls. */
    public URI target(String tenant) {
        String base = url.trim().endsWith("/") ? url.trim().substring(0, url.trim().length() - 1) : url.trim();
        return URI.create(base + endpoint.pathFor(tenant));
    }

    private static void duration(List<String> errors, String field, String value, Duration max) {
        Duration parsed = GoDuration.parse(value).orElse(null);
        if (parsed == null || parsed.isZero() || parsed.compareTo(max) > 0) {
            errors.add(PATH + "." + field + ": '" + value + "' must be a positive duration of at most "
                    + GoDuration.format(max) + "; " + GoDuration.ALLOWED);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public String toString() {
        return "BlastRadiusConfig[url=" + url + ", fault=" + fault + ", endpoint=" + endpoint + ", tenants="
                + tenants.stream().map(TenantSpec::name).toList() + ", rate=" + rate + ", duration=" + duration + "]";
    }
}
