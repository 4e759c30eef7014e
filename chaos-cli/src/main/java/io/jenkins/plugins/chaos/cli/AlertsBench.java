package io.jenkins.plugins.chaos.cli;

import io.jenkins.plugins.chaos.alert.AlertSettings;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.engine.ExperimentRunner;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.playground.sinks.AlertSink.RecordedRequest;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Breach to page: runs the leaky playground's isolation checks with live alerts until enough breaches were paged,
 * and times each from the check's judgement to the PagerDuty sink's receipt of the trigger.
 */
final class AlertsBench {

    static final Duration TARGET = Duration.ofSeconds(5);

    record Result(int runs, List<Long> millis) {
        String describe() {
            List<Long> sorted = millis.stream().sorted().toList();
            long p50 = percentile(sorted, 50);
            long p95 = percentile(sorted, 95);
            return String.format(Locale.ROOT, """
                    chaos bench alerts: %d breaches in %d runs, leaky playground on 127.0.0.1, live alerts to its PagerDuty sink
                      breach judged -> trigger received: p50 %d ms, p95 %d ms, max %d ms (target p95 < %d ms: %s)""",
                    sorted.size(), runs, p50, p95, sorted.get(sorted.size() - 1), TARGET.toMillis(),
                    p95 < TARGET.toMillis() ? "met" : "MISSED");
        }
    }

    private AlertsBench() {
    }

    static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static Result run(int breaches) throws Exception {
        Path reports = Files.createTempDirectory("chaos-alerts-bench");
        try (Playground playground = Playground.start("leaky")) {
            String tenants = playground.tenantTokens().entrySet().stream()
                    .map(t -> "      - {name: " + t.getKey() + ", token: \"" + t.getValue() + "\"}")
                    .collect(Collectors.joining("\n"));
            ExperimentPlan plan = ExperimentLoader.fromYaml("""
                    name: alerts-bench
                    environment: bench
                    probes:
                      tenantIsolation:
                        gateway: "%s"
                        network: false
                        rbac: false
                        endpoints: ["GET /v1/tenants/{tenant}/files"]
                        tenants:
                    %s
                    """.formatted(playground.gatewayUri(), tenants), "alerts-bench.yaml").planOrThrow();
            AlertSettings alerts = AlertSettings.none("bench", reports.resolve(".alert-state.json").toString())
                    .withPagerDuty("bench-routing-key", playground.alerts().url("/v2/enqueue"));
            RunOptions options = RunOptions.defaults().withReportDir(reports.toString())
                    .withSecrets(new SecretRedactor(playground.tenantTokens().values()));
            List<Long> millis = new ArrayList<>();
            int runs = 0;
            while (millis.size() < breaches && runs < 100) {
                playground.alerts().clear();
                RunResult result = new ExperimentRunner(playground.cluster().client(), RunListener.silent(), options,
                        alerts).run(plan);
                runs++;
                Map<String, Instant> judged = result.checks().stream()
                        .filter(c -> c.verdict() == Verdict.CRITICAL)
                        .collect(Collectors.toMap(CheckResult::id,
                                c -> c.startedAt().plusMillis(c.durationMillis()), (a, b) -> a));
                for (RecordedRequest request : playground.alerts().requestsTo("/v2/enqueue")) {
                    if (!request.json().path("event_action").asText().equals("trigger")) {
                        continue;
                    }
                    String key = request.json().path("dedup_key").asText();
                    judged.entrySet().stream().filter(e -> key.endsWith(e.getKey())).findFirst()
                            .ifPresent(e -> millis.add(Duration.between(e.getValue(), request.receivedAt()).toMillis()));
                }
            }
            if (millis.isEmpty()) {
                throw new IllegalStateException("the leaky playground produced no paged breach");
            }
            return new Result(runs, millis);
        } finally {
            try (var files = Files.walk(reports)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
