package io.jenkins.plugins.chaos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.chaos.core.Json;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-over between {@code chaos bench isolation --serve-only} and the other clients of the same gateway (wrk,
 * Playwright, a second {@code chaos bench isolation --gateway}): the gateway's URL, the tenants' tokens and the
 * matrix to run. Tokens are secrets, so they travel in a file only its owner can read, never on stdout or a
 * command line (where {@code ps} would show them).
 *
 * @param gatewayUrl  the gateway's base URL
 * @param tenants     tenant name to bearer token, in matrix order
 * @param endpoints   the tenant-scoped requests of the matrix
 * @param concurrency requests in flight that every client should use, so that they are compared fairly
 */
record GatewayTokensFile(String gatewayUrl, Map<String, String> tenants, List<RequestTemplate> endpoints,
                         int concurrency) {

    GatewayTokensFile {
        tenants = Collections.unmodifiableMap(new LinkedHashMap<>(tenants));
        endpoints = List.copyOf(endpoints);
    }

    /**
     * Writes the file into a fresh directory that only the owner can enter, creating the file with 0600 from the
     * start (never world-readable, not even for a moment); both are deleted when the JVM exits.
     */
    Path writeToTempDir() throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path dir = posix
                ? Files.createTempDirectory("chaos-bench-", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory("chaos-bench-");
        Path file = dir.resolve("gateway-tokens.json");
        if (posix) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        // deleteOnExit runs in reverse order of registration: the file first, then its directory
        dir.toFile().deleteOnExit();
        file.toFile().deleteOnExit();
        Files.writeString(file, Json.write(toJson()), StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    private ObjectNode toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("gatewayUrl", gatewayUrl);
        ObjectNode tokens = root.putObject("tenants");
        tenants.forEach(tokens::put);
        ArrayNode list = root.putArray("endpoints");
        for (RequestTemplate endpoint : endpoints) {
            ObjectNode node = list.addObject();
            node.put("method", endpoint.method());
            node.put("path", endpoint.path());
            if (endpoint.body() != null) {
                node.put("body", endpoint.body());
            }
        }
        root.put("concurrency", concurrency);
        return root;
    }

    /** Reads a file written by {@link #writeToTempDir}; errors name the file and the field, never a token. */
    static GatewayTokensFile read(Path file) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            // Jackson's message may quote the file's content, which holds tokens: only the kind of problem is kept.
            throw new IllegalArgumentException("--tokens: cannot read " + file + " as JSON ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("--tokens: " + file + " must hold a JSON object with gatewayUrl and tenants");
        }
        JsonNode url = root.get("gatewayUrl");
        JsonNode tenantsNode = root.get("tenants");
        if (tenantsNode == null || !tenantsNode.isObject() || tenantsNode.isEmpty()) {
            throw new IllegalArgumentException("--tokens: " + file + ": 'tenants' must be an object of tenant name to token");
        }
        Map<String, String> tenants = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : tenantsNode.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new IllegalArgumentException("--tokens: " + file + ": tenants." + entry.getKey()
                        + " must be a string token");
            }
            tenants.put(entry.getKey(), entry.getValue().asText());
        }
        List<RequestTemplate> endpoints = new ArrayList<>();
        JsonNode list = root.get("endpoints");
        if (list != null && list.isArray()) {
            for (JsonNode node : list) {
                endpoints.add(new RequestTemplate(node.path("method").asText(null), node.path("path").asText(null),
                        node.path("body").asText(null)));
            }
        }
        return new GatewayTokensFile(url == null || url.isNull() ? null : url.asText(), tenants, endpoints,
                root.path("concurrency").asInt(0));
    }

    /** Tokens are secrets: the generated record toString would print them. */
    @Override
    public String toString() {
        return "GatewayTokensFile[gatewayUrl=" + gatewayUrl + ", tenants=" + tenants.keySet() + ", endpoints="
                + endpoints + ", concurrency=" + concurrency + "]";
    }
}
