package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiIsolationConfigTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void bindsYamlWithDefaults() throws Exception {
        ApiIsolationConfig config = yaml.readValue("""
                gatewayUrl: https://gateway.example.com
                tenants:
                  alice: secret-a
                  bob: secret-b
                """, ApiIsolationConfig.class);
        assertTrue(config.validate().isEmpty(), config.validate().toString());
        assertEquals(List.of(401, 403), config.denialStatuses());
        assertEquals(16, config.concurrency());
        assertEquals(10, config.timeoutDuration().toSeconds());
        assertEquals(4, config.endpoints().size());
        assertFalse(config.toString().contains("secret-a"));
    }

    @Test
    void endpointsAsStringsOrObjects() throws Exception {
        ApiIsolationConfig config = yaml.readValue("""
                gatewayUrl: http://127.0.0.1:8080
                tenants: {alice: a-token, bob: b-token}
                endpoints:
                  - GET /v1/tenants/{tenant}/files
                  - method: post
                    path: /v1/tenants/{tenant}/chat/completions
                    body: '{"model":"m"}'
                denialStatuses: [403, 404]
                concurrency: 4
                timeout: 1500ms
                """, ApiIsolationConfig.class);
        assertEquals(List.of(RequestTemplate.parse("GET /v1/tenants/{tenant}/files"),
                new RequestTemplate("POST", "/v1/tenants/{tenant}/chat/completions", "{\"model\":\"m\"}")),
                config.endpoints());
        assertEquals(List.of(403, 404), config.denialStatuses());
        assertEquals(1500, config.timeoutDuration().toMillis());
    }

    @Test
    void badMethodNamesTheAllowedOnes() {
        Exception error = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> yaml.readValue("gatewayUrl: http://x\nendpoints: ['FETCH /v1/tenants/{tenant}/files']\n",
                        ApiIsolationConfig.class));
        assertTrue(error.getMessage().contains("method: 'FETCH'") && error.getMessage().contains("GET"), error.getMessage());
    }

    @Test
    void tokensAreNeverWrittenAsJson() throws Exception {
        ApiIsolationConfig config = new ApiIsolationConfig("http://x", java.util.Map.of("alice", "secret-a", "bob", "secret-b"),
                null, null, null, null);
        String json = new ObjectMapper().writeValueAsString(config);
        assertFalse(json.contains("secret-a"), json);
        assertTrue(json.contains("\"gatewayUrl\":\"http://x\""), json);
    }

    @Test
    void duplicateEndpointsAreRefused() {
        ApiIsolationConfig config = new ApiIsolationConfig("http://x", java.util.Map.of("a", "tttt", "b", "uuuu"),
                List.of(RequestTemplate.parse("GET /v1/tenants/{tenant}/files"), RequestTemplate.parse("get /v1/tenants/{tenant}/files")),
                null, null, null);
        assertEquals(List.of("endpoints: 'GET /v1/tenants/{tenant}/files' is listed twice; check names must be unique"),
                config.validate());
    }

    @Test
    void isJavaSerializable() throws Exception {
        ApiIsolationConfig config = new ApiIsolationConfig("http://x", java.util.Map.of("a", "tttt", "b", "uuuu"),
                null, null, null, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(config);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(config, in.readObject());
        }
    }
}
