package io.jenkins.plugins.chaos.alert;

import static io.jenkins.plugins.chaos.alert.TestRuns.BREACH_NAME;
import static io.jenkins.plugins.chaos.alert.TestRuns.check;
import static io.jenkins.plugins.chaos.alert.TestRuns.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.chaos.playground.sinks.AlertSink;
import io.jenkins.plugins.chaos.playground.sinks.AlertSink.RecordedRequest;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertDispatcherTest {

    static final String ROUTING_KEY = "R0utingKeyS3cretValue0123456789ab";
    static final String WEBHOOK_TOKEN = "xoxWebhookT0kenSecretValue42";
    static final String WEBHOOK_PATH = "/services/T0001/B0002/" + WEBHOOK_TOKEN;
    static final String PD_PATH = "/v2/enqueue";
    /**
     * Short backoffs, same shape as production: 4 attempts, jittered backoff, total budget. The per-attempt timeout
     * stays generous because the first request of a JVM on a busy machine can take seconds.
     */
    static final RetryPolicy FAST = new RetryPolicy(4, 10, 50, 20_000, 5_000, 200);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    AlertSink sink;
    RecordingListener listener;

    @BeforeEach
    void startSink() throws Exception {
        sink = AlertSink.start();
        listener = new RecordingListener();
    }

    @AfterEach
    void stopSink() {
        sink.close();
    }

    AlertSettings settings() {
        return new AlertSettings(sink.url(WEBHOOK_PATH), "#chaos", ROUTING_KEY, sink.url(PD_PATH), "staging",
                "http://jenkins.example/job/chaos/7/", "http://jenkins.example/job/chaos/7/chaos-report/",
                dir.resolve("state/.alert-state.json").toString(), 3, FAST);
    }

    AlertOutcome dispatch(AlertSettings settings, RunResult run) {
        return new AlertDispatcher(settings, listener).dispatch(run);
    }

    @Test
    void criticalCheckPagesWithEventsV2PayloadAndPostsToSlack() {
        Instant detected = Instant.now().minusSeconds(3);
        RunResult run = run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, detected),
                check("isolation.api", "bob->alice GET /v1/tenants/alice/files", Verdict.PASSED, detected));

        AlertOutcome outcome = dispatch(settings(), run);

        assertTrue(outcome.allDelivered(), outcome.deliveries().toString());
        List<RecordedRequest> events = sink.requestsTo(PD_PATH);
        assertEquals(1, events.size(), "one trigger for the one critical check");
        JsonNode event = events.get(0).json();
        assertEquals(ROUTING_KEY, event.get("routing_key").asText());
        assertEquals("trigger", event.get("event_action").asText());
        String key = "chaos:staging:isolation.api." + BREACH_NAME;
        assertEquals(key, event.get("dedup_key").asText());
        JsonNode payload = event.get("payload");
        assertEquals("critical", payload.get("severity").asText());
        assertEquals("staging", payload.get("source").asText());
        assertEquals("chaos-engineering", payload.get("component").asText(), "the configured component, by default");
        assertEquals("tenant-isolation", payload.get("group").asText());
        assertEquals("tenant-isolation", payload.get("class").asText());
        assertEquals("[CRITICAL] chaos staging: Tenant isolation breach: alice can read bob's files"
                + " (GET /v1/tenants/bob/files)", payload.get("summary").asText());
        JsonNode details = payload.get("custom_details");
        assertEquals("run-1", details.get("run_id").asText());
        assertEquals("tenant-isolation", details.get("test").asText());
        assertEquals("CRITICAL", details.get("status").asText());
        assertTrue(details.get("escalation").asText().startsWith("page the on-call SRE now"));
        assertEquals(BREACH_NAME, details.get("boundary").asText());
        assertEquals(1, details.get("observations").asInt());
        assertEquals("GET /v1/tenants/bob/files with alice's token -> 200", details.get("evidence").get(0).asText());
        assertEquals("http://jenkins.example/job/chaos/7/chaos-report/", details.get("report_url").asText());
        assertEquals(2, event.get("links").size());
        assertEquals("application/json", events.get(0).headers().get("content-type"));

        assertEquals(1, sink.requestsTo(WEBHOOK_PATH).size(), "one Slack message per run");
        AlertDelivery page = outcome.on(AlertChannel.PAGERDUTY).get(0);
        assertEquals(key, page.dedupKey());
        assertEquals(1, page.attempts());
        assertEquals(202, page.lastStatus());
        // detected 3 s before dispatch: the response time counts from detection, not from sending
        assertTrue(page.responseMillis() >= 3_000 && page.responseMillis() < 30_000, "" + page.responseMillis());
        assertEquals(Verdict.CRITICAL, run.verdict());
    }

    @Test
    void sameBreachTwiceKeepsOneIncidentUnderOneDedupKey() throws Exception {
        AlertSettings settings = settings();
        dispatch(settings, run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now())));
        dispatch(settings, run("run-2", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now())));

        List<String> keys = sink.requestsTo(PD_PATH).stream().map(r -> r.json().get("dedup_key").asText()).toList();
        assertEquals(2, keys.size());
        assertEquals(keys.get(0), keys.get(1), "a persisting breach re-asserts the same incident");
        AlertState state = AlertState.load(Path.of(settings.stateFile()));
        assertEquals(1, state.open().size());
        assertTrue(state.isOpen(keys.get(0)));
    }

    @Test
    void passingCheckResolvesItsOpenIncidentOnceAndThenStaysQuiet() throws Exception {
        AlertSettings settings = settings();
        dispatch(settings, run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now()),
                check("isolation.api", "carol->bob GET /v1/tenants/bob/files", Verdict.CRITICAL, Instant.now())));
        sink.clear();

        AlertOutcome recovery = dispatch(settings, run("run-2",
                check("isolation.api", BREACH_NAME, Verdict.PASSED, Instant.now()),
                check("isolation.api", "carol->bob GET /v1/tenants/bob/files", Verdict.CRITICAL, Instant.now())));

        List<JsonNode> events = sink.requestsTo(PD_PATH).stream().map(RecordedRequest::json).toList();
        assertEquals(2, events.size());
        JsonNode resolve = events.stream().filter(e -> e.get("event_action").asText().equals("resolve"))
                .findFirst().orElseThrow();
        assertEquals("chaos:staging:isolation.api." + BREACH_NAME, resolve.get("dedup_key").asText());
        assertEquals(ROUTING_KEY, resolve.get("routing_key").asText());
        assertTrue(recovery.allDelivered());
        String slack = sink.requestsTo(WEBHOOK_PATH).get(0).json().toString();
        assertTrue(slack.contains("Recovered"), slack);

        AlertState state = AlertState.load(Path.of(settings.stateFile()));
        assertFalse(state.isOpen("chaos:staging:isolation.api." + BREACH_NAME));
        assertEquals(1, state.open().size(), "the other breach is still open");

        sink.clear();
        AlertOutcome quiet = dispatch(settings, run("run-3",
                check("isolation.api", BREACH_NAME, Verdict.PASSED, Instant.now()),
                check("isolation.api", "carol->bob GET /v1/tenants/bob/files", Verdict.PASSED, Instant.now())));
        assertEquals(1, sink.requestsTo(PD_PATH).size(), "only the second incident is left to resolve");
        assertEquals(2, quiet.deliveries().size(), "its resolve plus the all-clear on Slack");

        sink.clear();
        AlertOutcome nothing = dispatch(settings, run("run-4",
                check("isolation.api", BREACH_NAME, Verdict.PASSED, Instant.now())));
        assertTrue(sink.requests().isEmpty(), "a clean run with nothing open sends nothing");
        assertTrue(nothing.deliveries().isEmpty());
    }

    @Test
    void warningOnlyGoesToSlackNotPagerDuty() {
        AlertOutcome outcome = dispatch(settings(), run("run-1",
                check("failover", "p95 latency", Verdict.WARNING, Instant.now()),
                check("failover", "failover time", Verdict.PASSED, Instant.now())));

        assertTrue(sink.requestsTo(PD_PATH).isEmpty());
        assertEquals(1, sink.requestsTo(WEBHOOK_PATH).size());
        assertEquals(List.of(AlertChannel.SLACK), outcome.deliveries().stream().map(AlertDelivery::channel).toList());
    }

    @Test
    void rateLimitedOnceThenAcceptedTakesTwoAttemptsAndHonoursRetryAfter() {
        sink.tooManyRequests(1, "1");
        RunResult run = run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now()));
        AlertSettings pagerDutyOnly = settings().withSlack(null, null);

        AlertOutcome outcome = dispatch(pagerDutyOnly, run);

        AlertDelivery page = outcome.deliveries().get(0);
        assertTrue(page.delivered(), page.toString());
        assertEquals(2, page.attempts());
        List<RecordedRequest> events = sink.requestsTo(PD_PATH);
        assertEquals(2, events.size());
        // Retry-After: 1 s, capped by the policy to 200 ms; the jittered backoff alone would be below 10 ms
        long gap = Duration.between(events.get(0).receivedAt(), events.get(1).receivedAt()).toMillis();
        assertTrue(gap >= 180 && gap < 1_000, "gap " + gap + " ms");
        assertTrue(listener.lines().stream().anyMatch(l -> l.contains("attempt 1 failed (HTTP 429")),
                listener.lines().toString());
    }

    @Test
    void serverErrorForeverIsBoundedAndReportedWithoutChangingTheVerdict() {
        sink.failForever();
        RunResult run = run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now()));

        long start = System.nanoTime();
        AlertOutcome outcome = dispatch(settings(), run);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(Verdict.CRITICAL, run.verdict(), "alerting never changes the verdict");
        assertEquals(2, outcome.failures().size(), "PagerDuty and Slack both failed");
        for (AlertDelivery failure : outcome.failures()) {
            assertEquals(FAST.maxAttempts(), failure.attempts());
            assertEquals(500, failure.lastStatus());
            assertTrue(failure.error().startsWith("HTTP 500"), failure.error());
            assertEquals(-1, failure.responseMillis());
        }
        assertEquals(2 * FAST.maxAttempts(), sink.requests().size());
        assertTrue(elapsedMillis < 2 * FAST.maxTotalMillis(), elapsedMillis + " ms");
        assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("NOT delivered")), outcome.notes().toString());
    }

    @Test
    void totalTimeBudgetStopsRetriesBeforeTheAttemptLimit() {
        sink.failForever();
        RetryPolicy manyAttemptsShortBudget = new RetryPolicy(10, 100, 100, 250, 5_000, 0);
        AlertSettings settings = settings().withSlack(null, null).withRetry(manyAttemptsShortBudget);

        long start = System.nanoTime();
        AlertDelivery page = dispatch(settings,
                run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now())))
                .deliveries().get(0);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertFalse(page.delivered());
        assertTrue(page.attempts() < 10, "attempts " + page.attempts());
        assertTrue(page.error().contains("total time budget"), page.error());
        // ten attempts with their backoffs would need at least 10 x 50 ms on average; the budget is 250 ms
        assertTrue(elapsedMillis < 5_000, elapsedMillis + " ms");
    }

    @Test
    void slowEndpointTimesOutPerAttemptAndGivesUp() {
        sink.slow(Duration.ofSeconds(20));
        RetryPolicy twoShortAttempts = new RetryPolicy(2, 10, 10, 3_000, 200, 0);
        AlertSettings settings = settings().withPagerDuty(null, null).withRetry(twoShortAttempts);

        long start = System.nanoTime();
        AlertOutcome outcome = dispatch(settings,
                run("run-1", check("failover", "p95 latency", Verdict.WARNING, Instant.now())));
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        AlertDelivery slack = outcome.deliveries().get(0);
        assertFalse(slack.delivered());
        assertEquals(2, slack.attempts());
        assertEquals(0, slack.lastStatus());
        assertTrue(slack.error().contains("no response within 200 ms"), slack.error());
        assertTrue(elapsedMillis < 10_000, "two 200 ms attempts, not the sink's 20 s: " + elapsedMillis + " ms");
    }

    @Test
    void refusedEventIsNotRetriedAndOpensNoIncident() throws Exception {
        sink.failWith(400);
        AlertSettings settings = settings().withSlack(null, null);

        AlertDelivery page = dispatch(settings,
                run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now())))
                .deliveries().get(0);

        assertFalse(page.delivered());
        assertEquals(1, page.attempts(), "a 4xx other than 429 is the request's fault: no retry");
        assertEquals(400, page.lastStatus());
        assertTrue(AlertState.load(Path.of(settings.stateFile())).open().isEmpty());
    }

    @Test
    void unansweredTriggerIsRememberedSoThatRecoveryStillResolves() throws Exception {
        sink.failForever();
        AlertSettings settings = settings().withSlack(null, null);
        dispatch(settings, run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now())));
        assertEquals(1, AlertState.load(Path.of(settings.stateFile())).open().size());

        sink.healthy().clear();
        dispatch(settings, run("run-2", check("isolation.api", BREACH_NAME, Verdict.PASSED, Instant.now())));
        assertEquals("resolve", sink.requestsTo(PD_PATH).get(0).json().get("event_action").asText());
        assertTrue(AlertState.load(Path.of(settings.stateFile())).open().isEmpty());
    }

    @Test
    void unreadableStateFileIsKeptAsideAndAlertsStillGoOut() throws Exception {
        AlertSettings settings = settings();
        Path state = Path.of(settings.stateFile());
        Files.createDirectories(state.getParent());
        Files.writeString(state, "{ not json");

        AlertOutcome outcome = dispatch(settings,
                run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now())));

        assertTrue(outcome.allDelivered());
        assertEquals("{ not json", Files.readString(state.resolveSibling(".alert-state.json.unreadable")));
        assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("could not be read")));
        assertEquals(1, AlertState.load(state).open().size());
    }

    @Test
    void noChannelConfiguredSendsNothingAndSaysSo() {
        AlertOutcome outcome = dispatch(AlertSettings.none("staging", dir.resolve("s.json").toString()),
                run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now())));
        assertTrue(outcome.deliveries().isEmpty());
        assertTrue(sink.requests().isEmpty());
        assertTrue(outcome.notes().stream().anyMatch(n -> n.contains("PagerDuty is not configured")));
    }

    @Test
    void noSecretInLogsResultsStateFileOrSinkDescription() throws Exception {
        AlertSettings settings = settings();
        List<String> texts = new ArrayList<>();
        RunResult breach = run("run-1", check("isolation.api", BREACH_NAME, Verdict.CRITICAL, Instant.now()));

        texts.add(dispatch(settings, breach).toString());
        sink.tooManyRequests(2, null);
        texts.add(dispatch(settings, breach).toString());
        sink.failForever();
        texts.add(dispatch(settings, breach).toString());
        sink.healthy().slow(Duration.ofMillis(800));
        texts.add(dispatch(settings.withRetry(new RetryPolicy(2, 10, 10, 2_000, 200, 0)), breach).toString());
        sink.healthy();
        texts.add(dispatch(settings, run("run-2", check("isolation.api", BREACH_NAME, Verdict.PASSED,
                Instant.now()))).toString());
        // connection refused: a port that was free a moment ago
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AlertSettings unreachable = settings
                .withSlack("http://127.0.0.1:" + closedPort + WEBHOOK_PATH, null)
                .withPagerDuty(ROUTING_KEY, "http://127.0.0.1:" + closedPort + PD_PATH);
        texts.add(dispatch(unreachable, breach).toString());

        texts.addAll(listener.lines());
        texts.add(Files.readString(Path.of(settings.stateFile())));
        texts.add(sink.describe());
        texts.add(settings.toString());
        texts.add(sink.requests().toString());
        try {
            settings.withSlack("ftp://hooks.example/" + WEBHOOK_TOKEN, null);
        } catch (IllegalArgumentException e) {
            texts.add(e.getMessage());
        }

        assertTrue(listener.lines().size() > 5, "the scenarios did log: " + listener.lines());
        assertTrue(texts.stream().anyMatch(t -> t.contains("connection failed")), "refused connection seen");
        for (String text : texts) {
            assertFalse(text.contains(ROUTING_KEY), "routing key leaked: " + text);
            assertFalse(text.contains(WEBHOOK_TOKEN), "webhook token leaked: " + text);
        }
        // the sink did receive the secrets: the test would catch a describe() that printed them
        assertTrue(sink.requests().stream().anyMatch(r -> r.body().contains(ROUTING_KEY)));
        assertTrue(sink.requests().stream().anyMatch(r -> r.path().contains(WEBHOOK_TOKEN)));
    }

    @Test
    void deliveryIntoARunThatIsNotCriticalKeepsItsOwnVerdict() {
        sink.failForever();
        RunResult run = run("run-1", check("failover", "p95 latency", Verdict.WARNING, Instant.now()));
        AlertOutcome outcome = dispatch(settings(), run);
        assertEquals(Verdict.WARNING, run.verdict());
        assertEquals(1, outcome.failures().size());
        assertNull(outcome.failures().get(0).dedupKey());
    }
}
