package io.jenkins.plugins.chaos.playground.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlaygroundGatewayTest {

    private static final String CHAT = "{\"model\":\"chat-small\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private PlaygroundGateway gateway;

    @AfterEach
    void close() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void healthzNeedsNoToken() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice", "bob"));
        assertEquals(200, get("/healthz", null).statusCode());
    }

    @Test
    void missingOrUnknownTokenIs401() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice", "bob"));
        HttpResponse<String> none = get("/v1/tenants/alice/files", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.body().contains("\"error\""), none.body());
        assertEquals(401, get("/v1/tenants/alice/files", "tk-not-a-real-token").statusCode());
    }

    @Test
    void ownResourcesSucceedAndOtherTenantsGet403() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice", "bob"));
        String alice = gateway.tenants().token("alice");
        for (String resource : List.of("models", "files", "usage")) {
            HttpResponse<String> own = get("/v1/tenants/alice/" + resource, alice);
            assertEquals(200, own.statusCode(), resource);
            assertTrue(own.body().contains("alice"), own.body());
            HttpResponse<String> other = get("/v1/tenants/bob/" + resource, alice);
            assertEquals(403, other.statusCode(), resource);
            assertFalse(other.body().contains("bob-fine-tuning"), other.body());
            assertTrue(other.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        }
        assertEquals(403, chat("bob", alice).statusCode());
    }

    @Test
    void leakyServesOtherTenantsFilesOnly() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.LEAKY, List.of("alice", "bob"));
        String alice = gateway.tenants().token("alice");
        HttpResponse<String> leaked = get("/v1/tenants/bob/files", alice);
        assertEquals(200, leaked.statusCode());
        assertTrue(leaked.body().contains("bob-fine-tuning.jsonl"), leaked.body());
        assertEquals(403, get("/v1/tenants/bob/models", alice).statusCode());
        assertEquals(401, get("/v1/tenants/bob/files", null).statusCode());
    }

    @Test
    void denyAllRefusesEvenOwnResources() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.DENY_ALL, List.of("alice", "bob"));
        assertEquals(403, get("/v1/tenants/alice/files", gateway.tenants().token("alice")).statusCode());
    }

    @Test
    void chatGoesToPrimaryAndFailsOverWhenPrimaryIsDown() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        String alice = gateway.tenants().token("alice");
        HttpResponse<String> first = chat("alice", alice);
        assertEquals(200, first.statusCode());
        assertEquals("primary", first.headers().firstValue(PlaygroundGateway.PROVIDER_HEADER).orElseThrow());
        assertTrue(first.body().contains("\"provider\":\"primary\""), first.body());

        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        HttpResponse<String> failedOver = chat("alice", alice);
        assertEquals(200, failedOver.statusCode());
        assertEquals("secondary", failedOver.headers().firstValue(PlaygroundGateway.PROVIDER_HEADER).orElseThrow());
        assertTrue(failedOver.body().contains("\"provider\":\"secondary\""), failedOver.body());

        gateway.faults().providerUp(PlaygroundGateway.PRIMARY);
        assertEquals("primary", chat("alice", alice).headers().firstValue(PlaygroundGateway.PROVIDER_HEADER).orElseThrow());
        assertTrue(get("/v1/tenants/alice/usage", alice).body().contains("\"chat_completions\":3"));
    }

    @Test
    void downProviderReallyRefusesConnections() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        gateway.faults().providerDown(PlaygroundGateway.SECONDARY);
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        // the gateway itself must not have been told: it finds out by failing to connect
        HttpResponse<String> unavailable = chat("alice", gateway.tenants().token("alice"));
        assertEquals(503, unavailable.statusCode());
        assertTrue(unavailable.body().contains("\"type\":\"providers_unavailable\""), unavailable.body());
        assertTrue(unavailable.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
    }

    @Test
    void abortAndFiveHundredsFailOverToo() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        gateway.faults().abortCalls(PlaygroundGateway.PRIMARY);
        HttpResponse<String> response = chat("alice", gateway.tenants().token("alice"));
        assertEquals("secondary", response.headers().firstValue(PlaygroundGateway.PROVIDER_HEADER).orElseThrow());
        gateway.faults().clearHttpChaos(PlaygroundGateway.PRIMARY);
        assertEquals("primary", chat("alice", gateway.tenants().token("alice"))
                .headers().firstValue(PlaygroundGateway.PROVIDER_HEADER).orElseThrow());
    }

    @Test
    void delayLongerThanUpstreamTimeoutFailsOver() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"), Duration.ofMillis(300));
        gateway.faults().delayCalls(PlaygroundGateway.PRIMARY, Duration.ofMillis(1500));
        long started = System.nanoTime();
        HttpResponse<String> response = chat("alice", gateway.tenants().token("alice"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("secondary", response.headers().firstValue(PlaygroundGateway.PROVIDER_HEADER).orElseThrow());
        assertTrue(millis >= 300, "answered after " + millis + " ms, before the upstream timeout");
    }

    @Test
    void partitionBetweenGatewayAndPrimaryFailsOver() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"), Duration.ofMillis(200));
        gateway.faults().partition(PlaygroundGateway.GATEWAY_NAMESPACE, PlaygroundGateway.providerNamespace("primary"));
        assertTrue(gateway.faults().partitioned("ai-gateway", "provider-primary"));
        assertFalse(gateway.faults().partitioned("provider-primary", "ai-gateway"));
        assertEquals("secondary", chat("alice", gateway.tenants().token("alice"))
                .headers().firstValue(PlaygroundGateway.PROVIDER_HEADER).orElseThrow());
    }

    @Test
    void noFailoverAnswers502HtmlWithStackTrace() throws Exception {
        gateway = PlaygroundGateway.start(GatewayScenario.NO_FAILOVER, List.of("alice"));
        String alice = gateway.tenants().token("alice");
        assertEquals(200, chat("alice", alice).statusCode());
        gateway.faults().providerDown(PlaygroundGateway.PRIMARY);
        HttpResponse<String> response = chat("alice", alice);
        assertEquals(502, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(response.body().contains("<html>") && response.body().contains("\tat "), response.body());
    }

    @Test
    void unknownNamesAreRefusedWithTheAllowedValues() {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice"));
        IllegalArgumentException provider = assertThrows(IllegalArgumentException.class,
                () -> gateway.faults().providerDown("tertiary"));
        assertTrue(provider.getMessage().contains("[primary, secondary]"), provider.getMessage());
        IllegalArgumentException tenant = assertThrows(IllegalArgumentException.class,
                () -> PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("Alice_1")));
        assertTrue(tenant.getMessage().startsWith("tenants:"), tenant.getMessage());
        IllegalArgumentException scenario = assertThrows(IllegalArgumentException.class,
                () -> GatewayScenario.parse("flaky"));
        assertTrue(scenario.getMessage().contains("no-failover"), scenario.getMessage());
    }

    @Test
    void tokensAreRandomAndNotPrinted() {
        gateway = PlaygroundGateway.start(GatewayScenario.HEALTHY, List.of("alice", "bob"));
        assertNotEquals(gateway.tenants().token("alice"), gateway.tenants().token("bob"));
        assertFalse(gateway.tenants().toString().contains(gateway.tenants().token("alice")));
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String tenant, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/v1/tenants/" + tenant + "/chat/completions"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CHAT)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return gateway.baseUri().resolve(path);
    }
}
