package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.PairsSpec;
import io.jenkins.plugins.chaos.experiment.ProviderFailoverSpec;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import io.jenkins.plugins.chaos.experiment.TenantSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns the experiment's probe sections (the step argument names) into the probes' own configurations, and maps the
 * probes' validation messages back to the experiment's field paths, so that an error names the key the user wrote.
 */
public final class ProbeConfigs {

    private static final Map<String, String> API_FIELDS = Map.of("gatewayUrl", "gateway", "denialStatuses", "deniedStatuses");
    private static final Map<String, String> FAILOVER_FIELDS = Map.of("url", "gateway", "rate", "requestsPerSecond",
            "maxFailoverTime", "thresholds.failover", "maxP95", "thresholds.latency",
            "maxErrorRate", "thresholds.errorRatePercent", "request", "path");

    /** Bounds of {@code pairs: {perRun, coverWithin}}. */
    public static final int MAX_PAIRS_PER_RUN = 10_000_000;
    public static final Duration MAX_COVER_WITHIN = Duration.ofDays(31);

    private ProbeConfigs() {
    }

    /** @param secrets resolves {@code env:} references; validation passes a function that keeps a placeholder */
    public static ApiIsolationConfig api(TenantIsolationSpec spec, UnaryOperator<String> secrets) {
        Map<String, String> tenants = new LinkedHashMap<>();
        for (TenantSpec tenant : spec.tenants()) {
            tenants.put(tenant.name(), secrets.apply(tenant.token()));
        }
        return new ApiIsolationConfig(spec.gateway(), tenants, spec.endpoints().isEmpty() ? null : spec.endpoints(),
                spec.deniedStatuses().isEmpty() ? null : spec.deniedStatuses(), spec.concurrency(), spec.timeout(),
                spec.maxRequestsPerSecond());
    }

    public static FailoverConfig failover(ProviderFailoverSpec spec, String defaultDuration, UnaryOperator<String> secrets) {
        RequestTemplate request = FailoverConfig.DEFAULT_REQUEST;
        if (spec.path() != null || spec.method() != null || spec.body() != null) {
            request = new RequestTemplate(spec.method() == null ? "POST" : spec.method(),
                    spec.path() == null ? FailoverConfig.DEFAULT_REQUEST.path() : spec.path(),
                    spec.body() == null ? FailoverConfig.DEFAULT_CHAT_BODY : spec.body());
        }
        return new FailoverConfig(spec.gateway(), request, spec.tenant(), secrets.apply(spec.token()),
                spec.requestsPerSecond(), spec.duration() == null ? defaultDuration : spec.duration(), spec.timeout(),
                null, spec.providerHeader(), spec.providerField(), spec.primary(), spec.secondary(),
                spec.gracefulStatuses().isEmpty() ? null : spec.gracefulStatuses(), spec.failover(), spec.latency(),
                spec.errorRatePercent() == null ? null : spec.errorRatePercent() / 100.0, false,
                spec.maxRequestsPerSecond(), spec.expect());
    }

    /** Probe pods between the tenant namespaces, on the isolation probe's ports. */
    public static DynamicConnectivityConfig dynamic(TenantIsolationSpec spec) {
        return new DynamicConnectivityConfig(spec.namespaces(), null, spec.ports(), spec.probeImage(), null, null, null);
    }

    /** Every problem of the probe sections, by the experiment's field paths. */
    public static List<ValidationError> validate(TenantIsolationSpec isolation, ProviderFailoverSpec failover) {
        List<ValidationError> errors = new ArrayList<>();
        UnaryOperator<String> placeholder = token -> token == null ? null : "validation-placeholder";
        if (isolation != null) {
            String path = "probes.tenantIsolation";
            for (int i = 0; i < isolation.phases().size(); i++) {
                if (!TenantIsolationSpec.PHASES.contains(isolation.phases().get(i))) {
                    errors.add(new ValidationError(path + ".phases[" + i + "]", "unknown phase '" + isolation.phases().get(i)
                            + "'; allowed: " + String.join(", ", TenantIsolationSpec.PHASES)));
                }
            }
            if (isolation.tenants().size() < 2) {
                errors.add(new ValidationError(path + ".tenants", "at least two tenants are needed to check isolation, got "
                        + isolation.tenants().size()));
            }
            for (int i = 0; i < isolation.tenants().size(); i++) {
                TenantSpec tenant = isolation.tenants().get(i);
                if (tenant.name() == null || tenant.name().isBlank()) {
                    errors.add(new ValidationError(path + ".tenants[" + i + "].name", "is required"));
                }
                if (isolation.gateway() != null && tenant.token() == null) {
                    errors.add(new ValidationError(path + ".tenants[" + i + "].token",
                            "is required for the API layer (the tenant's bearer token, or env:VARIABLE)"));
                }
                if ((isolation.network() || isolation.rbac() || isolation.probePods()) && tenant.namespace() == null) {
                    errors.add(new ValidationError(path + ".tenants[" + i + "].namespace",
                            "is required for the network and RBAC layers (or set network: false and rbac: false)"));
                }
            }
            if (isolation.gateway() == null && !isolation.network() && !isolation.rbac() && !isolation.probePods()) {
                errors.add(new ValidationError(path, "checks nothing: give a gateway, or enable network, rbac or probePods"));
            }
            if (isolation.probePods() && isolation.tenants().size() >= 2) {
                for (String message : dynamic(isolation).validate()) {
                    errors.add(mapped(path, message, Map.of("image", "probeImage", "namespaces", "tenants")));
                }
            }
            if (isolation.gateway() != null && isolation.tenants().size() >= 2) {
                for (String message : api(isolation, placeholder).validate()) {
                    errors.add(mapped(path, message, API_FIELDS));
                }
            }
            errors.addAll(pairs(isolation, path + ".pairs"));
        }
        if (failover != null) {
            for (String message : failover(failover, FailoverConfig.DEFAULT_DURATION, placeholder).validate()) {
                errors.add(mapped("probes.providerFailover", message, FAILOVER_FIELDS));
            }
        }
        return errors;
    }

    /** {@code pairs: {perRun, coverWithin}}: bounded, and only where there is an API layer to rotate. */
    private static List<ValidationError> pairs(TenantIsolationSpec isolation, String path) {
        List<ValidationError> errors = new ArrayList<>();
        PairsSpec pairs = isolation.pairs();
        if (pairs.all()) {
            return errors;
        }
        if (pairs.perRun() == null || pairs.perRun() < 1 || pairs.perRun() > MAX_PAIRS_PER_RUN) {
            errors.add(new ValidationError(path + ".perRun", pairs.perRun() + " is out of range; allowed: 1 to "
                    + MAX_PAIRS_PER_RUN + " cross-tenant calls per run"));
        }
        Optional<Duration> within = pairs.coverWithin() == null ? Optional.empty() : GoDuration.parse(pairs.coverWithin());
        if (within.isEmpty() || within.get().isZero() || within.get().compareTo(MAX_COVER_WITHIN) > 0) {
            errors.add(new ValidationError(path + ".coverWithin", "'" + pairs.coverWithin() + "' is not allowed; "
                    + "a positive duration up to " + GoDuration.format(MAX_COVER_WITHIN) + " such as 24h; " + GoDuration.ALLOWED));
        }
        if (isolation.gateway() == null) {
            errors.add(new ValidationError(path, "rotates the API layer's pairs, so it needs a gateway"));
        }
        return errors;
    }

    private static ValidationError mapped(String path, String message, Map<String, String> fields) {
        int colon = message.indexOf(": ");
        if (colon < 0) {
            return new ValidationError(path, message);
        }
        String field = message.substring(0, colon);
        String rest = message.substring(colon + 2);
        String head = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        String tail = field.contains(".") ? field.substring(field.indexOf('.')) : "";
        return new ValidationError(path + "." + fields.getOrDefault(head, head) + tail, rest);
    }
}
