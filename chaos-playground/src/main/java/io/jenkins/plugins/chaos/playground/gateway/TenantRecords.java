package io.jenkins.plugins.chaos.playground.gateway;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's tenant-scoped record API over {@link TenantStore}: {@code PUT|GET|DELETE
 * /v1/tenants/{tenant}/records/{id}} with {@code {"content": "..."}} bodies. A healthy gateway checks each record's
 * digest on read and answers a graceful 503 when the volume returned corrupted bytes or an I/O error; the
 * CORRUPTING gateway skips the check and silently serves whatever the volume returned.
 */
final class TenantRecords {

    private static final Pattern RECORD_PATH = Pattern.compile("/v1/tenants/([^/]+)/records/([A-Za-z0-9._-]{1,128})");

    private final TenantDirectory tenants;
    private final TenantStore store;
    private final boolean verifies;

    TenantRecords(TenantDirectory tenants, TenantStore store, boolean verifies) {
        this.tenants = tenants;
        this.store = store;
        this.verifies = verifies;
    }

    /** @return true when the path is a record's and the exchange was answered */
    boolean handle(HttpExchange exchange, String path) throws IOException {
        Matcher matcher = RECORD_PATH.matcher(path);
        if (!matcher.matches()) {
            return false;
        }
        Optional<String> caller = tenants.tenantOf(bearer(exchange));
        if (caller.isEmpty()) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            Responses.error(exchange, 401, "unauthorized", "a valid bearer token is required");
            return true;
        }
        String tenant = matcher.group(1);
        String id = matcher.group(2);
        if (!caller.get().equals(tenant)) {
            Responses.error(exchange, 403, "forbidden", "this token may not access tenant " + tenant);
            return true;
        }
        try {
            switch (exchange.getRequestMethod()) {
                case "PUT" -> put(exchange, tenant, id);
                case "GET" -> get(exchange, tenant, id);
                case "DELETE" -> {
                    if (store.delete(tenant, id)) {
                        Responses.json(exchange, 200, Map.of("id", id, "deleted", true));
                    } else {
                        Responses.error(exchange, 404, "not_found", "no record " + id);
                    }
                }
                default -> {
                    exchange.getResponseHeaders().set("Allow", "GET, PUT, DELETE");
                    Responses.error(exchange, 405, "method_not_allowed", "use GET, PUT or DELETE");
                }
            }
        } catch (TenantStore.VolumeError e) {
            Responses.error(exchange, 503, "storage_unavailable", "the service is degraded: the tenant store failed "
                    + "an I/O call; retry later");
        }
        return true;
    }

    private void put(HttpExchange exchange, String tenant, String id) throws IOException {
        String body = Responses.readBody(exchange);
        Optional<String> content = TenantStore.contentOf(body);
        if (content.isEmpty() || content.get().length() > TenantStore.MAX_RECORD_BYTES) {
            Responses.error(exchange, 400, "bad_request", "the body must be {\"content\": \"...\"} of at most "
                    + TenantStore.MAX_RECORD_BYTES + " bytes");
            return;
        }
        store.write(tenant, id, content.get().getBytes(StandardCharsets.UTF_8));
        Responses.json(exchange, 201, Map.of("id", id, "tenant", tenant));
    }

    private void get(HttpExchange exchange, String tenant, String id) throws IOException {
        Optional<TenantStore.Read> read = store.read(tenant, id);
        if (read.isEmpty()) {
            Responses.error(exchange, 404, "not_found", "no record " + id);
            return;
        }
        if (verifies && !read.get().intact()) {
            Responses.error(exchange, 503, "integrity_error", "the service is degraded: record " + id
                    + " failed its checksum on read and was not served; retry later");
            return;
        }
        Responses.json(exchange, 200, Map.of("id", id, "tenant", tenant, "content", TenantStore.text(read.get().content())));
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).trim();
    }
}
