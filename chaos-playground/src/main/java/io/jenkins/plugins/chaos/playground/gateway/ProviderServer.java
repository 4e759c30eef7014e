package io.jenkins.plugins.chaos.playground.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.chaos.core.Json;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One model provider on 127.0.0.1 answering {@code POST /v1/chat/completions} with a body naming itself. It obeys
 * {@link GatewayFaults}: when the provider is down its server is really stopped (callers get connection refused) and
 * is bound again on the same port when it comes back; HTTPChaos aborts drop the connection, delays hold the answer.
 */
public final class ProviderServer implements AutoCloseable {

    private final String name;
    private final GatewayFaults faults;
    private final ExecutorService executor;
    private final AtomicLong served = new AtomicLong();
    private final Object lifecycle = new Object();
    private HttpServer server;
    private int port;
    private boolean closed;

    public ProviderServer(String name, GatewayFaults faults) {
        this.name = name;
        this.faults = faults;
        this.executor = LoopbackServers.boundedExecutor("provider-" + name, 16);
        faults.onAvailabilityChange((provider, available) -> {
            if (provider.equals(name)) {
                if (available) {
                    bind();
                } else {
                    unbind();
                }
            }
        });
        bind();
    }

    public String name() {
        return name;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Chat completions this provider answered, for tests and the demo's summary. */
    public long served() {
        return served.get();
    }

    public boolean running() {
        synchronized (lifecycle) {
            return server != null;
        }
    }

    private void bind() {
        synchronized (lifecycle) {
            if (server != null || closed) {
                return;
            }
            // The port is kept across down/up so that the gateway's configuration stays valid, as a Service's would.
            HttpServer created = LoopbackServers.create(port, executor);
            created.createContext("/", this::handle);
            created.start();
            port = created.getAddress().getPort();
            server = created;
        }
    }

    private void unbind() {
        synchronized (lifecycle) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/healthz")) {
                Responses.json(exchange, 200, Map.of("status", "ok", "provider", name));
                return;
            }
            if (!path.equals("/v1/chat/completions")) {
                Responses.error(exchange, 404, "not_found", "no route " + path);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                Responses.error(exchange, 405, "method_not_allowed", "use POST");
                return;
            }
            String body = Responses.readBody(exchange);
            GatewayFaults.HttpChaos chaos = faults.httpChaos(name);
            if (chaos.abort()) {
                // An exception out of a handler makes the JDK server close the connection without an answer,
                // which is what an HTTPChaos abort looks like to the caller.
                throw new IOException("HTTPChaos abort on provider " + name);
            }
            if (!chaos.delay().isZero()) {
                sleep(chaos.delay().toMillis());
            }
            Responses.json(exchange, 200, completion(body));
            served.incrementAndGet();
        }
    }

    private Map<String, Object> completion(String requestBody) {
        String model = Json.object(requestBody).map(n -> n.path("model")).filter(JsonNode::isTextual)
                .map(JsonNode::asText).orElse("playground-model");
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", "Hello from the " + name + " provider.");
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("finish_reason", "stop");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", "chatcmpl-" + name + "-" + served.get());
        body.put("object", "chat.completion");
        body.put("model", model);
        body.put("provider", name);
        body.put("choices", List.of(choice));
        return body;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delaying", e);
        }
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
        }
        unbind();
        executor.shutdownNow();
    }
}
