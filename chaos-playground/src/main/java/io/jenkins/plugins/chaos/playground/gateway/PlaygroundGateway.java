package io.jenkins.plugins.chaos.playground.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The playground's inference gateway with its two providers, all on 127.0.0.1. Start it, hand
 * {@link #tenants()}' tokens to the probes, drive {@link #faults()} as Chaos Mesh would, close it.
 */
public final class PlaygroundGateway implements AutoCloseable {

    public static final String PRIMARY = "primary";
    public static final String SECONDARY = "secondary";
    public static final String PROVIDER_HEADER = GatewayServer.PROVIDER_HEADER;
    public static final String GATEWAY_NAMESPACE = "ai-gateway";
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(5);

    private final GatewayScenario scenario;
    private final TenantDirectory tenants;
    private final GatewayFaults faults;
    private final ProviderServer primary;
    private final ProviderServer secondary;
    private final UpstreamCaller upstream;
    private final GatewayServer gateway;
    private final StoreVolumeFaults volumes = new StoreVolumeFaults();
    private final TenantStore store = new TenantStore(volumes);

    private PlaygroundGateway(GatewayScenario scenario, List<String> tenantNames, Duration upstreamTimeout) {
        if (scenario == null) {
            throw new IllegalArgumentException("scenario: required; use one of " + List.of(GatewayScenario.values()));
        }
        if (upstreamTimeout == null || upstreamTimeout.isZero() || upstreamTimeout.isNegative()) {
            throw new IllegalArgumentException("upstreamTimeout: " + upstreamTimeout + " must be positive");
        }
        this.scenario = scenario;
        this.tenants = TenantDirectory.withRandomTokens(tenantNames);
        this.faults = new GatewayFaults(Set.of(PRIMARY, SECONDARY));
        this.primary = new ProviderServer(PRIMARY, faults);
        this.secondary = new ProviderServer(SECONDARY, faults);
        this.upstream = new UpstreamCaller(GATEWAY_NAMESPACE,
                Map.of(PRIMARY, providerNamespace(PRIMARY), SECONDARY, providerNamespace(SECONDARY)),
                faults, upstreamTimeout);
        this.gateway = new GatewayServer(scenario, tenants, upstream, primary, secondary, faults, store);
    }

    public static PlaygroundGateway start(GatewayScenario scenario, List<String> tenants) {
        return start(scenario, tenants, DEFAULT_UPSTREAM_TIMEOUT);
    }

    /** @param upstreamTimeout how long the gateway waits for a provider before failing over */
    public static PlaygroundGateway start(GatewayScenario scenario, List<String> tenants, Duration upstreamTimeout) {
        return new PlaygroundGateway(scenario, tenants, upstreamTimeout);
    }

    /** The namespace a provider's pods live in, for NetworkChaos partitions. */
    public static String providerNamespace(String provider) {
        return "provider-" + provider;
    }

    public URI baseUri() {
        return gateway.baseUri();
    }

    public TenantDirectory tenants() {
        return tenants;
    }

    public GatewayFaults faults() {
        return faults;
    }

    /** The tenants' record store, on volumes that IOChaos affects through {@link #volumes()}. */
    public TenantStore store() {
        return store;
    }

    public StoreVolumeFaults volumes() {
        return volumes;
    }

    public GatewayScenario scenario() {
        return scenario;
    }

    /** Chat completions each provider has answered. */
    public Map<String, Long> served() {
        return Map.of(PRIMARY, primary.served(), SECONDARY, secondary.served());
    }

    @Override
    public void close() {
        gateway.close();
        upstream.close();
        primary.close();
        secondary.close();
    }
}
