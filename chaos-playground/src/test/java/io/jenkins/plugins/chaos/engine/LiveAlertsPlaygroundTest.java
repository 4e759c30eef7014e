package io.jenkins.plugins.chaos.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.alert.RetryPolicy;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.playground.sinks.AlertSink.RecordedRequest;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Alerts while the run runs, and the steady-state gate, on the embedded playground with its PagerDuty sink. */
class LiveAlertsPlaygroundTest {

    private static final String PD_PATH = "/v2/enqueue";
    /** The runbook's target is "critical within 5 minutes"; the engine's own is 5 s, measured by `chaos bench alerts`. */
    private static final Duration GENEROUS_PAGE_BOUND = Duration.ofSeconds(5);

    @TempDir
    Path reports;

    private final RecordingListener listener = new RecordingListener();

    private String leakyIsolation(Playground playground, String duration, String abortOn, String phases) {
        String tenants = playground.tenantTokens().entrySet().stream()
                .map(t -> "      - {name: " + t.getKey() + ", namespace: tenant-" + t.getKey() + ", token: \""
                        + t.getValue() + "\"}")
                .collect(Collectors.joining("\n"));
        return """
                name: live-alerts
                environment: test
                abortOn: %s
                faults:
                  - name: alice-bob-partition
                    kind: NetworkChaos
                    action: partition
                    duration: %s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                probes:
                  tenantIsolation:
                    phases: [%s]
                    gateway: "%s"
                    network: false
                    rbac: false
                    endpoints: ["GET /v1/tenants/{tenant}/files"]
                    tenants:
                %s
                """.formatted(abortOn, duration, phases, playground.gatewayUri(), tenants);
    }

    private AlertSettings pagerDuty(Playground playground) {
        return AlertSettings.none("test", reports.resolve(".alert-state.json").toString())
                .withPagerDuty("playground-routing-key", playground.alerts().url(PD_PATH))
                .withRetry(new RetryPolicy(3, 50, 200, 20_000, 5_000, 500));
    }

    private ExperimentRunner runner(Playground playground) {
        RunOptions options = RunOptions.defaults().withReportDir(reports.toString())
                .withPollInterval(Duration.ofMillis(50))
                .withSecrets(new SecretRedactor(playground.tenantTokens().values()));
        return new ExperimentRunner(playground.cluster().client(), listener, options, pagerDuty(playground));
    }

    private static LoadResult load(String yaml) {
        LoadResult loaded = ExperimentLoader.fromYaml(yaml, "live-alerts.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded;
    }

    @Test
    @Timeout(150)
    void breachSeenInTheFirstSecondOfASixtySecondFaultPagesWithinFiveSeconds() throws Exception {
        try (Playground playground = Playground.start("leaky")) {
            ExperimentRunner runner = runner(playground);
            RunResult result = runner.run(load(leakyIsolation(playground, "60s", "never", "during")).plan());

            assertEquals(Verdict.CRITICAL, result.verdict());
            List<RecordedRequest> triggers = playground.alerts().requestsTo(PD_PATH).stream()
                    .filter(r -> r.json().get("event_action").asText().equals("trigger")).toList();
            List<CheckResult> breaches = result.checks().stream().filter(c -> c.verdict() == Verdict.CRITICAL).toList();
            assertEquals(breaches.size(), triggers.size(), "one page per broken boundary");
            Instant recovered = result.faults().get(0).recoveredAt();
            for (RecordedRequest trigger : triggers) {
                String key = trigger.json().get("dedup_key").asText();
                CheckResult check = breaches.stream().filter(c -> key.endsWith(c.id())).findFirst().orElseThrow();
                Instant detected = check.startedAt().plusMillis(check.durationMillis());
                Duration late = Duration.between(detected, trigger.receivedAt());
                assertTrue(late.compareTo(GENEROUS_PAGE_BOUND) < 0, key + " paged " + late + " after detection");
                assertTrue(trigger.receivedAt().isBefore(recovered), key + " paged only after the fault was removed");
            }
            assertTrue(Duration.between(result.faults().get(0).injectedAt(), recovered).toSeconds() >= 55,
                    "abortOn: never held the whole fault");
            assertEquals(triggers.size(), runner.alertOutcome().detectSeconds().size(), "an MTTD sample per page");
            CheckResult gate = result.checks().stream().filter(c -> c.name().startsWith("isolation success >= 95"))
                    .findFirst().orElseThrow();
            assertEquals(Verdict.WARNING, gate.verdict(), gate.summary());
            assertTrue(result.score().getAsDouble() <= 50, "a breach caps the score: " + result.score());
            assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("resilience score capped at 50.0/100")),
                    "the report says why: " + result.notes());
        }
    }

    @Test
    @Timeout(90)
    void breachBeforeTheFaultsKeepsThemOutAndSaysWhy() throws Exception {
        try (Playground playground = Playground.start("leaky")) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger mostSeen = new AtomicInteger();
            Thread watcher = new Thread(() -> {
                while (running.get()) {
                    mostSeen.accumulateAndGet(playground.ourChaosResources().size(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            watcher.start();
            RunResult result;
            try {
                result = runner(playground).run(load(leakyIsolation(playground, "20s", "never",
                        "before, during, after")).plan());
            } finally {
                running.set(false);
                watcher.join();
            }

            assertEquals(0, mostSeen.get(), "a chaos resource reached the API server");
            assertEquals(Verdict.CRITICAL, result.verdict());
            assertTrue(result.faults().isEmpty(), result.faults().toString());
            assertTrue(result.abortReason().startsWith("steady-state gate"), result.abortReason());
            assertTrue(result.checks().stream().filter(c -> c.probe().startsWith("isolation"))
                    .allMatch(c -> c.name().endsWith("[before]")), "no check of a later phase ran");
            assertTrue(result.checks().stream().noneMatch(c -> c.probe().equals("fault")), "no fault was injected");
            String journal = Files.readString(reports.resolve("journal.json"));
            assertTrue(journal.contains("the faults were not applied"), "the journal says why");
            assertTrue(listener.lines().stream().anyMatch(l -> l.startsWith("CRITICAL: steady-state gate: ")
                    && l.endsWith("[before]); the faults were not applied")), listener.text());
            assertTrue(listener.lines().stream().anyMatch(l -> l.startsWith("CRITICAL: BREACH isolation.api ")),
                    "a breach is labelled CRITICAL on the console, not WARNING");
            assertFalse(playground.alerts().requestsTo(PD_PATH).isEmpty(), "the breach still pages");
        }
    }
}
