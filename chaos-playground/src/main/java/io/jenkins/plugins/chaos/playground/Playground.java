package io.jenkins.plugins.chaos.playground;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.fault.Sweeper;
import io.jenkins.plugins.chaos.playground.gateway.GatewayScenario;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.playground.k8s.PodMetricsPublisher;
import io.jenkins.plugins.chaos.playground.k8s.PodUsage;
import io.jenkins.plugins.chaos.playground.sinks.AlertSink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole embedded environment of {@code chaos demo} and of the plugin's tests: the multi-tenant inference gateway
 * with its two providers, the Kubernetes API with the Chaos Mesh simulator wired to the gateway, and local sinks
 * standing in for Slack and PagerDuty. Everything listens on 127.0.0.1.
 */
public final class Playground implements AutoCloseable {

    /** {@code slow}: a healthy gateway whose primary provider answers every call 2 s late (p95 warnings). */
    public static final List<String> SCENARIOS = List.of("healthy", "leaky", "no-failover", "slow");
    public static final Duration SLOW_PRIMARY_DELAY = Duration.ofSeconds(2);

    private final PlaygroundGateway gateway;
    private final PlaygroundCluster cluster;
    private final AlertSink alerts;
    private final String scenario;
    private PodMetricsPublisher metricsServer;

    private Playground(PlaygroundGateway gateway, PlaygroundCluster cluster, AlertSink alerts, String scenario) {
        this.gateway = gateway;
        this.cluster = cluster;
        this.alerts = alerts;
        this.scenario = scenario;
    }

    public static Playground start(String scenario) throws IOException {
        return start(scenario, PlaygroundCluster.DEFAULT_TENANTS);
    }

    public static Playground start(String scenario, List<String> tenants) throws IOException {
        return start(scenario, tenants, null);
    }

    /** @param crdDir CRDs to register instead of the built-in minimal ones (null: the built-in ones) */
    public static Playground start(String scenario, Path crdDir) throws IOException {
        return start(scenario, PlaygroundCluster.DEFAULT_TENANTS, crdDir);
    }

    public static Playground start(String scenario, List<String> tenants, Path crdDir) throws IOException {
        if (!SCENARIOS.contains(scenario)) {
            throw new IllegalArgumentException("scenario: unknown '" + scenario + "'; allowed: " + String.join(", ", SCENARIOS));
        }
        GatewayScenario gatewayScenario = "slow".equals(scenario) ? GatewayScenario.HEALTHY : GatewayScenario.parse(scenario);
        Playground playground = start(gatewayScenario, tenants, scenario, crdDir);
        if ("slow".equals(scenario)) {
            playground.gateway.faults().delayCalls(PlaygroundGateway.PRIMARY, SLOW_PRIMARY_DELAY);
        }
        return playground;
    }

    /**
     * A playground whose gateway behaves as {@code gatewayScenario}, under a name of the caller's (a game day's
     * healthy or broken variant).
     */
    public static Playground start(GatewayScenario gatewayScenario, List<String> tenants, String name) throws IOException {
        return start(gatewayScenario, tenants, name, null);
    }

    /** As {@link #start(GatewayScenario, List, String)}, with the CRDs of {@code crdDir} (null: the built-in ones). */
    public static Playground start(GatewayScenario gatewayScenario, List<String> tenants, String name, Path crdDir)
            throws IOException {
        PlaygroundGateway gateway = PlaygroundGateway.start(gatewayScenario, tenants);
        PlaygroundCluster cluster = null;
        try {
            PodUsage usage = new PodUsage();
            cluster = PlaygroundCluster.start(tenants, new GatewayChaosEffects(gateway.faults(), gateway.volumes(), usage,
                    Duration.ofSeconds(2)), PlaygroundCluster.DEFAULT_INJECTION_DELAY, true, crdDir);
            Playground playground = new Playground(gateway, cluster, AlertSink.start(), name);
            playground.metricsServer = new PodMetricsPublisher(cluster.client(), usage);
            return playground;
        } catch (IOException | RuntimeException e) {
            gateway.close();
            if (cluster != null) {
                cluster.close();
            }
            throw e;
        }
    }

    public String scenario() {
        return scenario;
    }

    public PlaygroundCluster cluster() {
        return cluster;
    }

    public PlaygroundGateway gateway() {
        return gateway;
    }

    public AlertSink alerts() {
        return alerts;
    }

    public URI gatewayUri() {
        return gateway.baseUri();
    }

    /** Tenant name to bearer token: secrets, for credentials in tests and the demo's in-memory experiment. */
    public Map<String, String> tenantTokens() {
        return gateway.tenants().tokens();
    }

    /** The kubeconfig's content for this playground's API server. */
    public String kubeconfig() throws IOException {
        Path file = Files.createTempFile("playground", ".kubeconfig");
        try {
            return Files.readString(cluster.writeKubeconfig(file));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Every Chaos Mesh resource on the API server, ours or not. */
    public List<GenericKubernetesResource> chaosResources() {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (ChaosKind kind : ChaosKinds.all()) {
            out.addAll(ChaosResources.of(cluster.client(), ChaosKind.API_VERSION, kind.kind()).inAnyNamespace().list().getItems());
        }
        return out;
    }

    /** Only ours (managed-by label), as the sweeper sees them. */
    public List<GenericKubernetesResource> ourChaosResources() {
        return new Sweeper(cluster.client(), RunListener.silent()).listOurs(null);
    }

    @Override
    public void close() {
        if (metricsServer != null) {
            metricsServer.close();
        }
        alerts.close();
        cluster.close();
        gateway.close();
    }
}
