package io.jenkins.plugins.chaos.playground.gateway;

import java.util.Arrays;
import java.util.Locale;

/** How the playground gateway behaves, so that a user (and a test) can see what each kind of failure looks like. */
public enum GatewayScenario {
    /** Tenant checks everywhere, failover to the secondary provider, graceful 503 when both are gone. */
    HEALTHY,
    /** {@code GET /v1/tenants/{t}/files} forgets the tenant check: any valid token reads any tenant's files. */
    LEAKY,
    /** No secondary provider: when the primary fails the gateway answers 502 with an HTML stack trace. */
    NO_FAILOVER,
    /**
     * Fails over like HEALTHY, but when every provider is down it answers 503 with an HTML error page instead of a
     * JSON error: the broken variant of the total-outage game day.
     */
    HTML_ON_OUTAGE,
    /**
     * Every tenant's backend calls share one small pool and a cut route waits out the connect timeout: a partition
     * of some tenants starves all of them. The broken variant of the half-partition game day.
     */
    SHARED_POOL,
    /**
     * The record API skips the digest check on read: when IOChaos corrupts the store's bytes the gateway silently
     * serves them. The broken variant of the data-integrity game day.
     */
    CORRUPTING,
    /** Every tenant gets 403, even on its own resources: a broken gateway that must never make a probe pass. */
    DENY_ALL;

    /** The resource the LEAKY gateway leaks. */
    public static final String LEAKY_RESOURCE = "files";

    /** Parses the CLI form ({@code healthy}, {@code leaky}, {@code no-failover}, {@code deny-all}). */
    public static GatewayScenario parse(String text) {
        String wanted = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (GatewayScenario scenario : values()) {
            if (scenario.name().equals(wanted)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("scenario: '" + text + "' is unknown; use one of "
                + Arrays.stream(values()).map(GatewayScenario::cliName).toList());
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
