package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.probe.http.HttpReply;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResponseClassifierTest {

    private final ResponseClassifier classifier = new ResponseClassifier("primary", "provider", Set.of(429, 502, 503, 504));

    @Test
    void providerFromHeaderOrJsonField() {
        assertEquals(ResponseClass.PRIMARY, classify(200, "primary", "application/json", "{}"));
        assertEquals(ResponseClass.SECONDARY, classify(200, "secondary", "application/json", "{\"provider\":\"primary\"}"));
        assertEquals(ResponseClass.PRIMARY, classify(200, null, "application/json", "{\"provider\":\"primary\"}"));
        assertEquals(ResponseClass.SECONDARY, classify(200, null, "application/json", "{\"provider\":\"backup-eu\"}"));
    }

    @Test
    void gracefulNeedsAnAllowedStatusAndAJsonError() {
        assertEquals(ResponseClass.GRACEFUL_ERROR, classify(503, null, "application/json", "{\"error\":{\"type\":\"x\"}}"));
        assertEquals(ResponseClass.GRACEFUL_ERROR, classify(429, null, "application/json", "{\"error\":\"slow down\"}"));
        assertEquals(ResponseClass.UNGRACEFUL, classify(503, null, "text/plain", "Service Unavailable"));
        assertEquals(ResponseClass.UNGRACEFUL, classify(500, null, "application/json", "{\"error\":{\"type\":\"x\"}}"));
        assertEquals(ResponseClass.UNGRACEFUL, classify(401, null, "application/json", "{\"error\":\"unauthorized\"}"));
    }

    @Test
    void htmlAndStackTracesAreUngraceful() {
        Classification html = classifier.classify(new HttpReply(502, null, "text/html", "<html><body>Bad gateway</body></html>",
                null, false, 1));
        assertEquals(new Classification(ResponseClass.UNGRACEFUL, "status 502, HTML body"), html);
        Classification trace = classifier.classify(new HttpReply(503, null, "application/json",
                "{\"error\":\"java.io.IOException: boom\\n\",\"trace\":\"x\"}\n\tat com.example.Gateway.route(Gateway.java:42)",
                null, false, 1));
        assertEquals(ResponseClass.UNGRACEFUL, trace.responseClass());
        assertEquals(ResponseClass.UNGRACEFUL, classify(200, "primary", "text/plain",
                "Traceback (most recent call last):\n  File \"app.py\""));
    }

    @Test
    void timeoutsAndResetsAreUngraceful() {
        assertEquals(new Classification(ResponseClass.UNGRACEFUL, "timeout"),
                classifier.classify(HttpReply.failed("HttpTimeoutException: request timed out", true, 1)));
        assertEquals(new Classification(ResponseClass.UNGRACEFUL, "connection error"),
                classifier.classify(HttpReply.failed("ConnectException", false, 1)));
    }

    private ResponseClass classify(int status, String header, String type, String body) {
        return classifier.classify(new HttpReply(status, header, type, body, null, false, 1)).responseClass();
    }
}
