package io.jenkins.plugins.chaos.probe.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.playground.gateway.LoopbackServers;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BoundedHttpClientTest {

    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private ExecutorService executor;
    private HttpServer server;

    @BeforeEach
    void startServer() {
        executor = LoopbackServers.boundedExecutor("test-server", 16);
        server = LoopbackServers.create(0, executor);
        server.createContext("/", exchange -> {
            int now = active.incrementAndGet();
            maxActive.accumulateAndGet(now, Math::max);
            boolean counted = true;
            try {
                long delay = Long.parseLong(exchange.getRequestURI().getQuery().replace("delay=", ""));
                Thread.sleep(delay);
                // Counted out before the response leaves: once the client has the reply it may send the next request,
                // and that must not overlap with this handler's own bookkeeping.
                active.decrementAndGet();
                counted = false;
                byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("X-Inference-Provider", "primary");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                if (counted) {
                    active.decrementAndGet();
                }
                exchange.close();
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void neverMoreThanMaxInFlight() throws Exception {
        try (BoundedHttpClient client = new BoundedHttpClient(3, Duration.ofSeconds(5), "X-Inference-Provider")) {
            List<CompletableFuture<HttpReply>> replies = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                replies.add(client.send(uri("/?delay=50"), "GET", null, Map.of()));
                assertTrue(client.inFlight() <= 3);
            }
            for (CompletableFuture<HttpReply> reply : replies) {
                HttpReply r = reply.join();
                assertEquals(200, r.status());
                assertEquals("primary", r.headerValue());
                assertTrue(r.successful());
            }
            assertTrue(client.drain(Duration.ofSeconds(1)));
        }
        assertTrue(maxActive.get() <= 3, "server saw " + maxActive.get() + " at once");
        assertTrue(maxActive.get() >= 2, "requests were not concurrent: " + maxActive.get());
    }

    @Test
    void timeoutAndRefusedConnectionAreRepliesNotExceptions() throws Exception {
        try (BoundedHttpClient client = new BoundedHttpClient(2, Duration.ofMillis(200), null)) {
            HttpReply slow = client.send(uri("/?delay=2000"), "GET", null, Map.of()).join();
            assertFalse(slow.answered());
            assertTrue(slow.timedOut(), slow.error());
            int port = server.getAddress().getPort();
            server.stop(0);
            HttpReply refused = client.send(URI.create("http://127.0.0.1:" + port + "/?delay=0"), "GET", null, Map.of()).join();
            assertFalse(refused.answered());
            assertFalse(refused.timedOut());
            assertNull(refused.body());
        }
    }

    @Test
    void excerptsRedactBeforeCutting() {
        SecretRedactor redactor =
                new SecretRedactor(List.of("tk-0123456789"));
        String body = "x".repeat(295) + "tk-0123456789 and more";
        String excerpt = Excerpt.of(body, 300, redactor);
        assertFalse(excerpt.contains("tk-01"), excerpt);
        assertEquals(300, excerpt.length());
        assertEquals("a b", Excerpt.of("a\n\tb", redactor));
    }

    @Test
    void requestTemplates() {
        RequestTemplate template = RequestTemplate.parse("  get   /v1/tenants/{tenant}/files ");
        assertEquals("GET", template.method());
        assertEquals("/v1/tenants/bob/files", template.pathFor("bob"));
        assertEquals("GET /v1/tenants/bob/files", template.describe("bob"));
        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RequestTemplate.parse("/v1/tenants/{tenant}/files"));
        assertTrue(error.getMessage().startsWith("endpoint:"), error.getMessage());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
