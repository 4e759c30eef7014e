package io.jenkins.plugins.chaos.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;

/**
 * One request a probe sends, written the way a runbook writes it: {@code GET /v1/tenants/{tenant}/files}, with an
 * optional body for POST. In YAML it is either that one string or an object with {@code method}, {@code path},
 * {@code body}.
 *
 * @param method HTTP method, upper case
 * @param path   path below the gateway URL; {@code {tenant}} is replaced by the tenant whose resource is addressed
 * @param body   request body (JSON) for POST/PUT/PATCH, or null
 */
public record RequestTemplate(String method, String path, String body) implements Serializable {

    public static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD");
    public static final String TENANT_PLACEHOLDER = "{tenant}";

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public RequestTemplate(@JsonProperty("method") String method, @JsonProperty("path") String path,
                           @JsonProperty("body") String body) {
        if (method == null || !METHODS.contains(method.trim().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("method: '" + method + "' is not allowed; use one of "
                    + METHODS.stream().sorted().toList());
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("path: '" + path + "' must start with '/', e.g. /v1/tenants/{tenant}/files");
        }
        this.method = method.trim().toUpperCase(Locale.ROOT);
        this.path = path;
        this.body = body == null || body.isEmpty() ? null : body;
    }

    /** Parses {@code "GET /v1/tenants/{tenant}/files"}; the form runbooks and YAML lists use. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RequestTemplate parse(String line) {
        if (line == null || line.isBlank()) {
            throw new IllegalArgumentException("endpoint: empty; write it as 'GET /v1/tenants/{tenant}/files'");
        }
        String[] parts = line.trim().split("\\s+", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("endpoint: '" + line + "' needs a method and a path, e.g. 'GET /v1/tenants/{tenant}/files'");
        }
        return new RequestTemplate(parts[0], parts[1], null);
    }

    public RequestTemplate withBody(String newBody) {
        return new RequestTemplate(method, path, newBody);
    }

    public boolean tenantScoped() {
        return path.contains(TENANT_PLACEHOLDER);
    }

    /** The path addressing {@code tenant}'s resource. */
    public String pathFor(String tenant) {
        return path.replace(TENANT_PLACEHOLDER, tenant);
    }

    /** The method and path as written, the name checks and reports use. */
    public String describe(String tenant) {
        return method + " " + pathFor(tenant);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
