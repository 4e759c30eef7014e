package io.jenkins.plugins.chaos.probe.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP gateway on 127.0.0.1 (the JDK's HttpServer) with the playground's tenant rule: a tenant's token on its
 * own {@code /v1/tenants/<name>/...} is 200, on another tenant's 403, unless that pair is planted as a breach.
 * Records when each request arrived, so that a test can measure the rate the gateway saw.
 */
final class TenantGateway implements AutoCloseable {

    static {
        // Without it the JDK's server leaves Nagle on, and every small reply on a kept-alive connection waits ~40 ms
        // for the client's delayed ACK (./chaos sets the same for the playground's gateway).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, String> tokens = new LinkedHashMap<>();
    private final Map<String, String> tenantOfToken = new LinkedHashMap<>();
    private final Set<String> breaches = ConcurrentHashMap.newKeySet();
    private final List<Long> arrivals = new ArrayList<>();

    TenantGateway(int tenantCount) throws IOException {
        for (int i = 0; i < tenantCount; i++) {
            String name = "t" + i;
            tokens.put(name, "tok-" + name + "-secret");
            tenantOfToken.put("Bearer tok-" + name + "-secret", name);
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Map<String, String> tokens() {
        return tokens;
    }

    /** {@code caller}'s token gets 200 on {@code owner}'s resources whose path contains {@code pathPart}. */
    void plantBreach(String caller, String owner, String pathPart) {
        breaches.add(caller + "|" + owner + "|" + pathPart);
    }

    void fixBreaches() {
        breaches.clear();
    }

    synchronized List<Long> arrivals() {
        return new ArrayList<>(arrivals);
    }

    synchronized void clearArrivals() {
        arrivals.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        synchronized (this) {
            arrivals.add(System.nanoTime());
        }
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            String[] parts = path.split("/");
            String owner = parts.length > 3 ? parts[3] : "";
            String caller = tenantOfToken.get(exchange.getRequestHeaders().getFirst("Authorization"));
            boolean planted = breaches.stream().anyMatch(b -> {
                String[] p = b.split("\\|");
                return p[0].equals(caller) && p[1].equals(owner) && path.contains(p[2]);
            });
            int status = caller == null ? 401 : caller.equals(owner) || planted ? 200 : 403;
            byte[] body = (status == 200 ? "{\"data\":[]}" : "{\"error\":\"forbidden\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
