package io.jenkins.plugins.chaos.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ResilienceScore;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SlackNotifierTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertSettings settings = new AlertSettings("https://hooks.slack.test/services/T1/B2/tokentokentoken",
            "#chaos", null, null, "prod-eu", "https://ci/job/7/", "https://ci/job/7/chaos/", "/tmp/unused.json", 2,
            null);

    @Test
    void messageListsTheWorstBreachesFirstWithCountsScoreAndLink() throws Exception {
        Instant now = Instant.now();
        List<CheckResult> checks = new ArrayList<>();
        checks.add(TestRuns.check("failover", "p95 latency", Verdict.WARNING, now));
        checks.add(TestRuns.check("isolation.api", "alice->bob GET /files", Verdict.CRITICAL, now));
        checks.add(TestRuns.check("isolation.api", "carol->bob GET /files", Verdict.CRITICAL, now));
        checks.add(TestRuns.check("isolation.api", "bob->alice GET /files", Verdict.PASSED, now));
        RunResult run = TestRuns.run("run-9", checks.toArray(CheckResult[]::new));

        JsonNode message = JSON.readTree(new SlackNotifier(settings, RunListener.silent())
                .message(run, List.of(), OptionalDouble.of(37.5)));

        String text = message.get("text").asText();
        assertTrue(text.contains("CRITICAL"), text);
        assertTrue(text.contains("2 critical, 1 warning, 0 could not run, 1 passed"), text);
        assertTrue(text.contains("resilience score 37.5/100"), text);
        assertTrue(text.contains("https://ci/job/7/chaos/"), text);
        assertEquals("#chaos", message.get("channel").asText());
        String blocks = message.get("blocks").toString();
        // the first N (2) breaches, critical before warning, and a pointer to the rest
        assertTrue(blocks.contains("alice-&gt;bob GET /files"), "mrkdwn escapes '>': " + blocks);
        assertTrue(blocks.contains("carol-&gt;bob GET /files"), blocks);
        assertFalse(blocks.contains("p95 latency"), blocks);
        assertTrue(blocks.contains("and 1 more in the report"), blocks);
        assertTrue(blocks.contains("<https://ci/job/7/chaos/|Open the chaos report>"), blocks);
        assertEquals("header", message.get("blocks").get(0).get("type").asText());
    }

    @Test
    void runWithoutAnyCheckThatRanHasNoScore() throws Exception {
        RunResult run = TestRuns.run("run-1", TestRuns.check("failover", "stream", Verdict.ERROR, Instant.now()));
        JsonNode message = JSON.readTree(new SlackNotifier(settings, RunListener.silent())
                .message(run, List.of(), ResilienceScore.of(run)));
        assertTrue(message.get("text").asText().contains("no resilience score"), message.toString());
        assertTrue(message.get("text").asText().contains("Chaos ERROR"), message.toString());
    }
}
