package io.jenkins.plugins.chaos.playground.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The playground's tenants and their bearer tokens. Tokens are random per start and are secrets: {@link #toString()}
 * never shows them, and only {@link #token} and {@link #tokens} hand them out (to the probes' configuration).
 */
public final class TenantDirectory {

    /** Tenant names become URL path segments and Kubernetes namespace suffixes, hence DNS-label rules. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,30}[a-z0-9])?");

    private final Map<String, String> tokenByTenant;
    private final Map<String, String> tenantByToken;

    private TenantDirectory(Map<String, String> tokenByTenant) {
        this.tokenByTenant = Collections.unmodifiableMap(new LinkedHashMap<>(tokenByTenant));
        Map<String, String> reverse = new LinkedHashMap<>();
        tokenByTenant.forEach((tenant, token) -> reverse.put(token, tenant));
        this.tenantByToken = Collections.unmodifiableMap(reverse);
    }

    public static TenantDirectory withRandomTokens(List<String> tenants) {
        if (tenants == null || tenants.isEmpty()) {
            throw new IllegalArgumentException("tenants: at least one tenant is required");
        }
        SecureRandom random = new SecureRandom();
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String tenant : tenants) {
            if (tenant == null || !NAME.matcher(tenant).matches()) {
                throw new IllegalArgumentException("tenants: '" + tenant
                        + "' is not a valid tenant name; use lower-case letters, digits and '-' (at most 32)");
            }
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            if (tokens.put(tenant, "tk-" + HexFormat.of().formatHex(bytes)) != null) {
                throw new IllegalArgumentException("tenants: '" + tenant + "' is listed twice");
            }
        }
        return new TenantDirectory(tokens);
    }

    public List<String> tenants() {
        return List.copyOf(tokenByTenant.keySet());
    }

    public boolean exists(String tenant) {
        return tokenByTenant.containsKey(tenant);
    }

    public String token(String tenant) {
        String token = tokenByTenant.get(tenant);
        if (token == null) {
            throw new IllegalArgumentException("tenant: '" + tenant + "' is unknown; known tenants: " + tenants());
        }
        return token;
    }

    /** Tenant name to token, in the order the tenants were given: what a probe configuration needs. */
    public Map<String, String> tokens() {
        return tokenByTenant;
    }

    /** The tenant a bearer token belongs to; compared in constant time so the playground models a sane gateway. */
    public Optional<String> tenantOf(String token) {
        if (token == null) {
            return Optional.empty();
        }
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Map.Entry<String, String> entry : tenantByToken.entrySet()) {
            if (MessageDigest.isEqual(presented, entry.getKey().getBytes(StandardCharsets.UTF_8))) {
                found = entry.getValue();
            }
        }
        return Optional.ofNullable(found);
    }

    @Override
    public String toString() {
        return "TenantDirectory" + tenants();
    }
}
