package io.jenkins.plugins.chaos.playground.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The gateway's outbound calls to providers. The playground has no real network between namespaces, so this is
 * where a recorded partition takes effect: like dropped packets, a partitioned call hangs for the connect timeout
 * and then fails. Everything else (refused connections, aborts, delays, 5xx) comes from the provider itself.
 */
final class UpstreamCaller implements AutoCloseable {

    /** The provider's answer; non-2xx statuses are answers too, the router decides what they mean. */
    record Answer(int status, String body) {
    }

    private final String gatewayNamespace;
    private final Map<String, String> namespaceByProvider;
    private final GatewayFaults faults;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;

    UpstreamCaller(String gatewayNamespace, Map<String, String> namespaceByProvider, GatewayFaults faults,
                   Duration timeout) {
        this.gatewayNamespace = gatewayNamespace;
        this.namespaceByProvider = Map.copyOf(namespaceByProvider);
        this.faults = faults;
        this.timeout = timeout;
        this.executor = LoopbackServers.boundedExecutor("gateway-upstream", 4);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(executor)
                .build();
    }

    Answer call(String provider, URI base, String body) throws IOException, InterruptedException {
        String providerNamespace = namespaceByProvider.get(provider);
        if (faults.partitioned(gatewayNamespace, providerNamespace)
                || faults.partitioned(providerNamespace, gatewayNamespace)) {
            Thread.sleep(timeout.toMillis());
            throw new HttpConnectTimeoutException("HTTP connect timed out (" + gatewayNamespace + " -> "
                    + providerNamespace + ")");
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/chat/completions"))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
