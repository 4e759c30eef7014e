package io.jenkins.plugins.chaos.playground.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class AlertSinkTest {

    private final HttpClient client = HttpClient.newHttpClient();

    private HttpResponse<String> post(AlertSink sink, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sink.url(path)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersLikePagerDutyAndSlackAndRecordsWithoutCredentials() throws Exception {
        try (AlertSink sink = AlertSink.start()) {
            HttpResponse<String> event = post(sink, "/v2/enqueue",
                    "{\"routing_key\":\"rk-secret-123456\",\"event_action\":\"trigger\",\"dedup_key\":\"chaos:x:y\"}",
                    "Authorization", "Bearer top-secret-token");
            assertEquals(202, event.statusCode());
            assertTrue(event.body().contains("\"dedup_key\":\"chaos:x:y\""), event.body());

            HttpResponse<String> slack = post(sink, "/services/T1/B2/webhook-token-abcdef", "{\"text\":\"hi\"}");
            assertEquals(200, slack.statusCode());
            assertEquals("ok", slack.body());

            assertEquals(2, sink.requests().size());
            AlertSink.RecordedRequest first = sink.requests().get(0);
            assertEquals("POST", first.method());
            assertEquals("/v2/enqueue", first.path());
            assertNull(first.headers().get("authorization"), "credentials are not stored");
            assertEquals("trigger", first.json().get("event_action").asText());

            String described = sink.describe();
            assertTrue(described.contains("\"event_action\" : \"trigger\""), described);
            assertTrue(described.contains("POST /services/****"), described);
            assertTrue(described.contains("\"text\" : \"hi\""), described);
            for (String secret : new String[] {"rk-secret-123456", "webhook-token-abcdef", "top-secret-token"}) {
                assertFalse(described.contains(secret), described);
                assertFalse(sink.requests().toString().contains(secret));
            }
        }
    }

    @Test
    void misbehavesOnDemand() throws Exception {
        try (AlertSink sink = AlertSink.start()) {
            sink.tooManyRequests(2, "3");
            HttpResponse<String> limited = post(sink, "/hook", "{}");
            assertEquals(429, limited.statusCode());
            assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());
            assertEquals(429, post(sink, "/hook", "{}").statusCode());
            assertEquals(200, post(sink, "/hook", "{}").statusCode());

            sink.failForever();
            assertEquals(500, post(sink, "/hook", "{}").statusCode());
            assertEquals(500, post(sink, "/hook", "{}").statusCode());
            sink.healthy();
            assertEquals(200, post(sink, "/hook", "{}").statusCode());
            assertThrows(IllegalArgumentException.class, () -> sink.failWith(302));
            assertEquals(6, sink.requests().size());
        }
    }

    @Test
    void emptySinkSaysSo() throws Exception {
        try (AlertSink sink = AlertSink.start()) {
            assertEquals("No alerts were sent.", sink.describe());
        }
    }
}
