package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.experiment.DataIntegritySpec;
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

/** The data-integrity probe's configuration with its defaults; validation names the experiment's keys. */
public record DataIntegrityConfig(String url, List<TenantSpec> tenants, RequestTemplate write, RequestTemplate read,
                                  RequestTemplate delete, String body, String contentField, int records,
                                  int readsDuringFault, Duration timeout) implements Serializable {

    public static final String RECORD_PLACEHOLDER = "{record}";
    public static final String CONTENT_PLACEHOLDER = "{content}";
    public static final String DEFAULT_WRITE = "PUT /v1/tenants/{tenant}/records/{record}";
    public static final String DEFAULT_READ = "GET /v1/tenants/{tenant}/records/{record}";
    public static final String DEFAULT_DELETE = "DELETE /v1/tenants/{tenant}/records/{record}";
    public static final String DEFAULT_BODY = "{\"content\": \"{content}\"}";
    public static final String DEFAULT_CONTENT_FIELD = "content";
    public static final int DEFAULT_RECORDS = 3;
    public static final int MAX_RECORDS = 100;
    public static final int DEFAULT_READS = 3;
    public static final int MAX_READS = 100;
    public static final String DEFAULT_TIMEOUT = "5s";

    private static final String PATH = "probes.dataIntegrity";

    /** Builds the configuration; call only on a spec {@link #validate} accepted. */
    public static DataIntegrityConfig of(DataIntegritySpec spec, UnaryOperator<String> secrets) {
        List<TenantSpec> tenants = new ArrayList<>();
        for (TenantSpec tenant : spec.tenants()) {
            tenants.add(new TenantSpec(tenant.name(), tenant.namespace(), secrets.apply(tenant.token())));
        }
        return new DataIntegrityConfig(spec.gateway(), tenants, RequestTemplate.parse(or(spec.write(), DEFAULT_WRITE)),
                RequestTemplate.parse(or(spec.read(), DEFAULT_READ)), RequestTemplate.parse(or(spec.delete(), DEFAULT_DELETE)),
                or(spec.body(), DEFAULT_BODY), or(spec.contentField(), DEFAULT_CONTENT_FIELD),
                spec.records() == null ? DEFAULT_RECORDS : spec.records(),
                spec.readsDuringFault() == null ? DEFAULT_READS : spec.readsDuringFault(),
                GoDuration.parse(or(spec.timeout(), DEFAULT_TIMEOUT)).orElseThrow());
    }

    public static List<String> validate(DataIntegritySpec spec) {
        List<String> errors = new ArrayList<>();
        if (spec.gateway() == null || spec.gateway().isBlank()) {
            errors.add(PATH + ".gateway: required, e.g. https://gateway.example.com");
        } else {
            try {
                URI uri = URI.create(spec.gateway().trim());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    errors.add(PATH + ".gateway: '" + spec.gateway() + "' must be an http:// or https:// URL with a host");
                }
            } catch (IllegalArgumentException e) {
                errors.add(PATH + ".gateway: '" + spec.gateway() + "' is not a URL");
            }
        }
        endpoint(errors, "write", or(spec.write(), DEFAULT_WRITE));
        endpoint(errors, "read", or(spec.read(), DEFAULT_READ));
        endpoint(errors, "delete", or(spec.delete(), DEFAULT_DELETE));
        if (!or(spec.body(), DEFAULT_BODY).contains(CONTENT_PLACEHOLDER)) {
            errors.add(PATH + ".body: must contain {content}, where the canary's content goes");
        }
        if (spec.tenants().isEmpty() || spec.tenants().size() > 200) {
            errors.add(PATH + ".tenants: " + spec.tenants().size() + " tenants; between 1 and 200 are needed");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < spec.tenants().size(); i++) {
            TenantSpec tenant = spec.tenants().get(i);
            String where = PATH + ".tenants[" + i + "]";
            if (tenant.name() == null || !tenant.name().matches("[A-Za-z0-9._-]+")) {
                errors.add(where + ".name: '" + tenant.name() + "' must be a tenant name (letters, digits, '.', '_', '-')");
            } else if (!names.add(tenant.name())) {
                errors.add(where + ".name: '" + tenant.name() + "' is listed twice");
            }
            if (tenant.token() == null) {
                errors.add(where + ".token: required (the tenant's bearer token, or env:VARIABLE)");
            }
        }
        if (spec.records() != null && (spec.records() < 1 || spec.records() > MAX_RECORDS)) {
            errors.add(PATH + ".records: " + spec.records() + " must be between 1 and " + MAX_RECORDS);
        }
        if (spec.readsDuringFault() != null && (spec.readsDuringFault() < 1 || spec.readsDuringFault() > MAX_READS)) {
            errors.add(PATH + ".readsDuringFault: " + spec.readsDuringFault() + " must be between 1 and " + MAX_READS);
        }
        Duration timeout = GoDuration.parse(or(spec.timeout(), DEFAULT_TIMEOUT)).orElse(null);
        if (timeout == null || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            errors.add(PATH + ".timeout: '" + spec.timeout() + "' must be a positive duration of at most 1m; "
                    + GoDuration.ALLOWED);
        }
        return errors;
    }

    /** The URI of {@code endpoint} for one tenant's record. */
    public URI uri(RequestTemplate endpoint, String tenant, String record) {
        String base = url.trim().endsWith("/") ? url.trim().substring(0, url.trim().length() - 1) : url.trim();
        return URI.create(base + endpoint.pathFor(tenant).replace(RECORD_PLACEHOLDER, record));
    }

    private static void endpoint(List<String> errors, String field, String line) {
        try {
            RequestTemplate template = RequestTemplate.parse(line);
            if (!template.tenantScoped() || !template.path().contains(RECORD_PLACEHOLDER)) {
                errors.add(PATH + "." + field + ": '" + line + "' must contain {tenant} and {record}, e.g. " + switch (field) {
                    case "write" -> DEFAULT_WRITE;
                    case "read" -> DEFAULT_READ;
                    default -> DEFAULT_DELETE;
                });
            }
        } catch (IllegalArgumentException e) {
            errors.add(PATH + "." + field + ": " + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
        }
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        return "DataIntegrityConfig[url=" + url + ", tenants=" + tenants.stream().map(TenantSpec::name).toList()
                + ", records=" + records + "]";
    }
}
