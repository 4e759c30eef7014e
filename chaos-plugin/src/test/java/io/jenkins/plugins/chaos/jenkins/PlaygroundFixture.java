package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.playground.Playground;
import java.io.IOException;
import java.util.Map;

/**
 * The engine's embedded playground (in-process Kubernetes API, Chaos Mesh simulator, multi-tenant gateway on
 * 127.0.0.1) as the JenkinsRule tests use it. The only place the tests touch the playground's API, so that it is
 * adapted here when that API settles.
 */
final class PlaygroundFixture implements AutoCloseable {
    private final Playground playground;

    private PlaygroundFixture(Playground playground) {
        this.playground = playground;
    }

    /** {@code healthy}, {@code leaky} (one tenant boundary broken), {@code no-failover}, {@code slow} (latency above the threshold). */
    static PlaygroundFixture start(String scenario) throws Exception {
        return new PlaygroundFixture(Playground.start(scenario));
    }

    /** The kubeconfig's content; the playground writes it through a temporary file, hence the IOException. */
    String kubeconfig() throws IOException {
        return playground.kubeconfig();
    }

    String gatewayUrl() {
        return playground.gatewayUri().toString();
    }

    /** Tenant name to its API token. */
    Map<String, String> tenantTokens() {
        return playground.tenantTokens();
    }

    /** Chaos resources currently on the playground's API server, of every Chaos Mesh kind. */
    int chaosResourceCount() {
        return playground.chaosResources().size();
    }

    @Override
    public void close() throws Exception {
        playground.close();
    }
}
