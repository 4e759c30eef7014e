package io.jenkins.plugins.chaos.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.probe.failover.FailoverProbe;
import io.jenkins.plugins.chaos.probe.failover.FailoverResult;
import io.jenkins.plugins.chaos.probe.failover.FailoverStats;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverConfigTest {

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void defaultsAreTheRunbooksSeedValues() throws Exception {
        FailoverConfig config = yaml.readValue("""
                url: https://gateway.example.com/
                tenant: alice
                token: secret-token
                duration: 5m
                """, FailoverConfig.class);
        assertTrue(config.validate().isEmpty(), config.validate().toString());
        assertEquals(10.0, config.rate());
        assertEquals(300, config.durationValue().toSeconds());
        assertEquals(30, config.maxFailoverTimeValue().toSeconds());
        assertEquals(30, config.maxP95Value().toSeconds());
        assertEquals(0.2, config.maxErrorRate());
        assertEquals(List.of(429, 502, 503, 504), config.gracefulStatuses());
        assertEquals("X-Inference-Provider", config.providerHeader());
        assertEquals("provider", config.providerField());
        assertEquals(URI.create("https://gateway.example.com/v1/tenants/alice/chat/completions"), config.target());
        assertEquals("secret-token", config.token());
        String json = new ObjectMapper().writeValueAsString(config);
        assertFalse(json.contains("secret-token"), json);
        assertFalse(config.toString().contains("secret-token"));
    }

    @Test
    void requestAsStringAndThresholds() throws Exception {
        FailoverConfig config = yaml.readValue("""
                url: http://127.0.0.1:8080
                request: GET /healthz
                rate: 2.5
                gracefulStatuses: [503]
                maxFailoverTime: 10s
                maxP95: 1500ms
                maxErrorRate: 0.05
                stopOnCritical: true
                """, FailoverConfig.class);
        assertTrue(config.validate().isEmpty(), config.validate().toString());
        assertEquals(RequestTemplate.parse("GET /healthz"), config.request());
        assertEquals(1500, config.maxP95Value().toMillis());
        assertTrue(config.stopOnCritical());
    }

    @Test
    void percentInsteadOfFractionIsExplained() {
        FailoverConfig config = FailoverConfig.of("http://x", "alice", "t").withThresholds("30s", "30s", 20.0);
        assertEquals(List.of("maxErrorRate: 20.0 must be a fraction between 0 and 1 (0.2 means 20%)"), config.validate());
    }

    @Test
    void resultIsJavaSerializable() throws Exception {
        FailoverStats stats = new FailoverStats(10, 5, 3, 1, 1, Map.of("timeout", 1L), Instant.EPOCH, null, 1200L, null,
                1, 2, 3, 4, 0.2);
        FailoverResult result = new FailoverResult(List.of(new CheckResult(FailoverProbe.PROBE, "recovery", Verdict.ERROR,
                "s", List.of("e"), Instant.EPOCH, 1)), List.of(new TimelinePoint(1, 1, 1, 0, 0, 0, 1, 1, 1, true)), stats, null);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(result);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(result, in.readObject());
        }
    }
}
