package io.jenkins.plugins.chaos.playground.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.chaos.core.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The multi-tenant inference gateway: bearer-token tenants, tenant-scoped resources under
 * {@code /v1/tenants/{tenant}/}, and chat completions routed to the primary provider with failover to the secondary.
 * The {@link GatewayScenario} decides which of its safeguards are broken.
 */
final class GatewayServer implements AutoCloseable {

    static final String PROVIDER_HEADER = "X-Inference-Provider";
    private static final Pattern TENANT_PATH = Pattern.compile("/v1/tenants/([^/]+)/(models|files|usage|chat/completions)");

    /** A provider's failure as an exception, so that NO_FAILOVER can print the stack trace a careless gateway would. */
    static final class UpstreamFailure extends IOException {
        UpstreamFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final GatewayScenario scenario;
    private final TenantDirectory tenants;
    private final UpstreamCaller upstream;
    private final ProviderServer primary;
    private final ProviderServer secondary;
    private final Map<String, AtomicLong> completions = new ConcurrentHashMap<>();
    private final TenantBackends backends;
    private final TenantRecords records;
    private final ExecutorService executor;
    private final HttpServer server;

    GatewayServer(GatewayScenario scenario, TenantDirectory tenants, UpstreamCaller upstream,
                  ProviderServer primary, ProviderServer secondary, GatewayFaults faults, TenantStore store) {
        this.scenario = scenario;
        this.backends = new TenantBackends(faults, scenario == GatewayScenario.SHARED_POOL);
        this.records = new TenantRecords(tenants, store, scenario != GatewayScenario.CORRUPTING);
        this.tenants = tenants;
        this.upstream = upstream;
        this.primary = primary;
        this.secondary = scenario == GatewayScenario.NO_FAILOVER ? null : secondary;
        this.executor = LoopbackServers.boundedExecutor("gateway", 32);
        this.server = LoopbackServers.create(0, executor);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/healthz")) {
                Responses.json(exchange, 200, Map.of("status", "ok"));
                return;
            }
            if (records.handle(exchange, path)) {
                return;
            }
            Matcher matcher = TENANT_PATH.matcher(path);
            if (!matcher.matches()) {
                Responses.error(exchange, 404, "not_found", "no route for " + path);
                return;
            }
            Optional<String> caller = tenants.tenantOf(bearer(exchange));
            if (caller.isEmpty()) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
                Responses.error(exchange, 401, "unauthorized", "a valid bearer token is required");
                return;
            }
            String tenant = matcher.group(1);
            String resource = matcher.group(2);
            if (!allowed(caller.get(), tenant, resource)) {
                Responses.error(exchange, 403, "forbidden", "this token may not access tenant " + tenant);
                return;
            }
            if (!tenants.exists(tenant)) {
                Responses.error(exchange, 404, "not_found", "no tenant " + tenant);
                return;
            }
            String method = exchange.getRequestMethod();
            String expected = resource.equals("chat/completions") ? "POST" : "GET";
            if (!method.equals(expected)) {
                exchange.getResponseHeaders().set("Allow", expected);
                Responses.error(exchange, 405, "method_not_allowed", "use " + expected);
                return;
            }
            if (!resource.equals("chat/completions") && backends.refused(exchange, tenant)) {
                return;
            }
            switch (resource) {
                case "models" -> Responses.json(exchange, 200, models(tenant));
                case "files" -> Responses.json(exchange, 200, files(tenant));
                case "usage" -> Responses.json(exchange, 200, Map.of("tenant", tenant,
                        "chat_completions", completions.computeIfAbsent(tenant, t -> new AtomicLong()).get()));
                default -> chat(exchange, tenant);
            }
        }
    }

    private boolean allowed(String caller, String tenant, String resource) {
        return switch (scenario) {
            case DENY_ALL -> false;
            case LEAKY -> caller.equals(tenant) || resource.equals(GatewayScenario.LEAKY_RESOURCE);
            default -> caller.equals(tenant);
        };
    }

    private void chat(HttpExchange exchange, String tenant) throws IOException {
        String body = Responses.readBody(exchange);
        UpstreamFailure primaryFailure;
        try {
            respond(exchange, tenant, primary, body);
            return;
        } catch (UpstreamFailure e) {
            primaryFailure = e;
        }
        if (secondary == null) {
            // The ungraceful behaviour the NO_FAILOVER scenario exists to show: an HTML page leaking a stack trace.
            StringWriter trace = new StringWriter();
            primaryFailure.printStackTrace(new PrintWriter(trace));
            Responses.send(exchange, 502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body>"
                    + "<h1>Internal Server Error</h1><pre>" + trace + "</pre></body></html>");
            return;
        }
        try {
            respond(exchange, tenant, secondary, body);
        } catch (UpstreamFailure secondaryFailure) {
            if (scenario == GatewayScenario.HTML_ON_OUTAGE) {
                Responses.send(exchange, 503, "text/html", "<html><head><title>503 Service Unavailable</title></head>"
                        + "<body><h1>Service Unavailable</h1></body></html>");
                return;
            }
            exchange.getResponseHeaders().set("Retry-After", "5");
            Responses.error(exchange, 503, "providers_unavailable",
                    "no model provider is available right now; retry later");
        }
    }

    /** Answers from {@code provider}, or throws (before anything was sent) when it failed. */
    private void respond(HttpExchange exchange, String tenant, ProviderServer provider, String body) throws IOException {
        UpstreamCaller.Answer answer;
        try {
            answer = upstream.call(provider.name(), provider.baseUri(), body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamFailure("interrupted calling provider " + provider.name(), e);
        } catch (IOException e) {
            throw new UpstreamFailure("provider " + provider.name() + " unreachable", e);
        }
        if (answer.status() < 200 || answer.status() >= 300) {
            throw new UpstreamFailure("provider " + provider.name() + " answered " + answer.status(), null);
        }
        Optional<JsonNode> json = Json.object(answer.body());
        if (json.isEmpty()) {
            throw new UpstreamFailure("provider " + provider.name() + " answered a body that is not JSON", null);
        }
        ObjectNode out = (ObjectNode) json.get();
        out.put("provider", provider.name());
        completions.computeIfAbsent(tenant, t -> new AtomicLong()).incrementAndGet();
        exchange.getResponseHeaders().set(PROVIDER_HEADER, provider.name());
        Responses.send(exchange, 200, "application/json", Json.write(out));
    }

    private static Map<String, Object> models(String tenant) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (String model : List.of("chat-small", "chat-large")) {
            data.add(Map.of("id", tenant + "/" + model, "object", "model", "owned_by", tenant));
        }
        return Map.of("object", "list", "tenant", tenant, "data", data);
    }

    private static Map<String, Object> files(String tenant) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("id", "file-" + tenant + "-1");
        file.put("object", "file");
        file.put("filename", tenant + "-fine-tuning.jsonl");
        file.put("purpose", "fine-tune");
        return Map.of("object", "list", "tenant", tenant, "data", List.of(file));
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
