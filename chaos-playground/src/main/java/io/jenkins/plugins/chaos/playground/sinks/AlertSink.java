package io.jenkins.plugins.chaos.playground.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for Slack and PagerDuty on 127.0.0.1: records every request and answers the way the real services do
 * (202 with a JSON status for {@code .../enqueue}, 200 {@code ok} for anything else), or misbehaves on demand
 * (rate limiting, permanent 500, slowness) so that retries can be watched. {@link #describe()} shows what would
 * have been sent without any secret: routing keys are masked and webhook paths are cut to their first segment.
 */
public final class AlertSink implements AutoCloseable {

    /** One request as received; authorization and cookie headers are dropped before it is stored. */
    public record RecordedRequest(String method, String path, Map<String, String> headers, String body,
                                  Instant receivedAt) {

        public RecordedRequest {
            headers = Map.copyOf(headers);
        }

        /** The body as JSON, or null when it is not JSON. */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return null;
            }
        }

        /** Records print every field; the body holds the routing key and the path the webhook token. */
        @Override
        public String toString() {
            return method + " " + maskPath(path) + " " + maskBody(body);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DROPPED_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "x-routing-key");
    private static final int WORKERS = 4;

    private final HttpServer server;
    private final ExecutorService workers;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tooManyRequestsLeft = new AtomicInteger();
    private volatile String retryAfter;
    private volatile int failStatus;
    private volatile Duration delay = Duration.ZERO;

    private AlertSink(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts a sink on a free port of 127.0.0.1. */
    public static AlertSink start() throws IOException {
        // without it the JDK server delays small responses by ~40 ms (Nagle against delayed ACK)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, DaemonThreads.sameName("alert-sink"));
        AlertSink sink = new AlertSink(server, workers);
        server.createContext("/", sink::handle);
        server.setExecutor(workers);
        server.start();
        return sink;
    }

    /** The URL of a path on this sink, e.g. {@code url("/v2/enqueue")}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + (path.startsWith("/") ? path : "/" + path);
    }

    /** Answer the next {@code times} requests with 429, sending {@code retryAfterHeader} when not null. */
    public AlertSink tooManyRequests(int times, String retryAfterHeader) {
        this.retryAfter = retryAfterHeader;
        tooManyRequestsLeft.set(times);
        return this;
    }

    /** Answer every request with 500 until {@link #healthy()}. */
    public AlertSink failForever() {
        return failWith(500);
    }

    /** Answer every request with this status until {@link #healthy()}, e.g. 400 for a refused event. */
    public AlertSink failWith(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status is " + status + ", allowed values are 400..599");
        }
        failStatus = status;
        return this;
    }

    /** Wait this long before answering each request. */
    public AlertSink slow(Duration responseDelay) {
        delay = responseDelay;
        return this;
    }

    /** Back to prompt success. */
    public AlertSink healthy() {
        failStatus = 0;
        tooManyRequestsLeft.set(0);
        delay = Duration.ZERO;
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void clear() {
        requests.clear();
    }

    /** What the sink received, one block per request, readable and free of secrets. */
    public String describe() {
        if (requests.isEmpty()) {
            return "No alerts were sent.";
        }
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (RecordedRequest request : requests) {
            out.append('#').append(++n).append(' ').append(request.method()).append(' ')
                    .append(maskPath(request.path())).append(" at ").append(request.receivedAt()).append('\n');
            out.append(indent(maskBody(request.body()))).append('\n');
        }
        return out.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!DROPPED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values));
                }
            });
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new RecordedRequest(exchange.getRequestMethod(), path, headers,
                    new String(body, StandardCharsets.UTF_8), Instant.now()));
            Duration wait = delay;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            int fail = failStatus;
            if (fail != 0) {
                respond(exchange, fail, "text/plain", fail >= 500 ? "internal error" : "invalid request");
            } else if (tooManyRequestsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                if (retryAfter != null) {
                    exchange.getResponseHeaders().set("Retry-After", retryAfter);
                }
                respond(exchange, 429, "application/json", "{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too quickly\"}");
            } else if (path.endsWith("/enqueue")) {
                respond(exchange, 202, "application/json", acceptedEvent(body));
            } else {
                respond(exchange, 200, "text/plain", "ok");
            }
        } catch (IOException clientGone) {
            // the client timed out and closed the connection while we were slow: exactly what a test provoked
        }
    }

    private static String acceptedEvent(byte[] body) {
        ObjectNode answer = JSON.createObjectNode();
        answer.put("status", "success");
        answer.put("message", "Event processed");
        try {
            JsonNode event = JSON.readTree(body);
            if (event != null && event.hasNonNull("dedup_key")) {
                answer.put("dedup_key", event.get("dedup_key").asText());
            }
        } catch (IOException notJson) {
            // the real service would answer 400; the sink accepts anything so the client's handling is what is tested
        }
        return answer.toString();
    }

    private static void respond(HttpExchange exchange, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Keeps only the first path segment: for a webhook everything after it is the token. */
    static String maskPath(String path) {
        if (path == null || path.equals("/") || path.isEmpty()) {
            return "/";
        }
        if (path.endsWith("/enqueue")) {
            return path;
        }
        int second = path.indexOf('/', 1);
        return second < 0 ? path : path.substring(0, second) + "/****";
    }

    /** Pretty JSON with {@code routing_key} masked; other bodies are shown with nothing that looks like a key. */
    static String maskBody(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node instanceof ObjectNode object) {
                if (object.has("routing_key")) {
                    object.put("routing_key", "****");
                }
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object);
            }
        } catch (IOException notJson) {
            // fall through to the plain text form
        }
        return body == null ? "" : body;
    }

    private static String indent(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add("    " + line);
        }
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
