package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.chaos.playground.Playground;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import io.jenkins.plugins.chaos.support.RealPrometheus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's pushes as an SRE's Prometheus sees them: Debian's {@code prometheus} scraping Debian's
 * {@code prometheus-pushgateway}, two experiments pushed by {@code chaos run}, the runbook's three queries through
 * the HTTP API.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class PushgatewayPrometheusTest {

    /**
     * Names of this run only: another build on this machine (sharing 127.0.0.1, maybe not the process table) may
     * run the same servers and this test; a fresh name keeps its groups and totals apart from theirs.
     */
    static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    static final String A = "iso-a-" + RUN;
    static final String B = "iso-b-" + RUN;

    /** docs/runbook.md, "Queries". */
    static final String ISOLATION_SUCCESS_RATE = "sum by (experiment) (increase(chaos_tenant_isolation_success_total[1h]))"
            + " / sum by (experiment) (increase(chaos_tenant_isolation_total[1h]))";
    static final String ALERT_RESPONSE_P95 = "histogram_quantile(0.95, sum by (le, channel) "
            + "(increase(chaos_alert_response_time_seconds_bucket{experiment=~\"" + A + "|" + B + "\"}[1h])))";
    static final String DELIVERY_FAILING = ("sum by (channel) (increase(chaos_alert_deliveries_total{result=\"failed\"}[30m])) > 0"
            + " or (sum by (channel) (chaos_alert_deliveries_total{result=\"failed\"}) > 0"
            + " unless sum by (channel) (chaos_alert_deliveries_total{result=\"failed\"} offset 30m))")
            .replace("result=\"failed\"", "result=\"failed\",experiment=~\"" + A + "|" + B + "\"");


    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        RunCommand.environmentVariables = System::getenv;
    }

    private static String experiment(String name, Playground playground, String endpoint) {
        String tenants = playground.tenantTokens().entrySet().stream()
                .map(t -> "      - {name: " + t.getKey() + ", namespace: tenant-" + t.getKey() + ", token: \""
                        + t.getValue() + "\"}")
                .collect(Collectors.joining("\n"));
        return """
                name: %s
                environment: prod
                faults:
                  - name: partition
                    kind: NetworkChaos
                    action: partition
                    duration: 4s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target: {mode: all, selector: {namespaces: [tenant-bob]}}
                probes:
                  tenantIsolation:
                    gateway: "%s"
                    network: false
                    rbac: false
                    endpoints: ["%s"]
                    tenants:
                %s
                """.formatted(name, playground.gatewayUri(), endpoint, tenants);
    }

    private CliRun run(Path experiment, Path kubeconfig, String reports, RealPrometheus prom, Playground playground) {
        CliRun run = cli("run", experiment.toString(), "--kubeconfig", kubeconfig.toString(),
                "--report-dir", dir.resolve(reports).toString(), "--pushgateway", prom.pushgateway().toString(),
                "--pagerduty-events-url", playground.alerts().url("/v2/enqueue"),
                "--alert-state", dir.resolve(experiment.getFileName() + ".state.json").toString());
        assertTrue(run.out().contains("Metrics pushed to the Pushgateway (group job=chaos-engineering"), run::toString);
        return run;
    }

    /** Waits until Prometheus scraped the value the last push gave the experiment's timestamp. */
    private static void awaitScrape(RealPrometheus prom, Path reports, String experiment) throws Exception {
        String exposition = Files.readString(reports.resolve("metrics.prom"));
        String line = exposition.lines().filter(l -> l.startsWith("chaos_last_run_timestamp_seconds{"))
                .findFirst().orElseThrow();
        double pushed = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        prom.awaitSeries("chaos_last_run_timestamp_seconds{experiment=\"" + experiment + "\"} >= " + (pushed - 0.001),
                1, Duration.ofSeconds(30));
        // one more scrape, so that increase() has the new sample and the one before it
        Thread.sleep(2_500);
    }

    private static double total(Path reports, String family) throws Exception {
        return Files.readString(reports.resolve("metrics.prom")).lines()
                .filter(l -> l.startsWith(family + "{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void twoExperimentsKeepTheirGroupsAndTheRunbookQueriesAnswer() throws Exception {
        try (RealPrometheus prom = RealPrometheus.withPushgateway(Files.createDirectories(dir.resolve("prom")));
             Playground playground = Playground.start("leaky")) {
            RunCommand.environmentVariables = Map.of(RunCommand.PAGERDUTY_KEY_ENV, "playground-routing-key")::get;
            Path kubeconfig = playground.cluster().writeKubeconfig(dir.resolve("kubeconfig"));
            Path leaky = Files.writeString(dir.resolve("iso-a.yaml"),
                    experiment(A, playground, "GET /v1/tenants/{tenant}/files"));
            Path other = Files.writeString(dir.resolve("iso-b.yaml"),
                    experiment(B, playground, "GET /v1/tenants/{tenant}/models"));

            run(leaky, kubeconfig, "a1", prom, playground);
            awaitScrape(prom, dir.resolve("a1"), A);
            double perRunTotal = total(dir.resolve("a1"), "chaos_tenant_isolation_total");
            double perRunHeld = total(dir.resolve("a1"), "chaos_tenant_isolation_success_total");
            assertTrue(perRunTotal > perRunHeld, "the leaky gateway breaks some boundaries: " + perRunHeld + "/" + perRunTotal);

            run(other, kubeconfig, "b1", prom, playground);
            awaitScrape(prom, dir.resolve("b1"), B);
            run(leaky, kubeconfig, "a2", prom, playground);
            awaitScrape(prom, dir.resolve("a2"), A);
            // the third push of iso-a cannot reach PagerDuty: its failures must show on the CLI path
            playground.alerts().failWith(400);
            run(leaky, kubeconfig, "a3", prom, playground);
            awaitScrape(prom, dir.resolve("a3"), A);

            // both groups survive each other's pushes (other builds on this machine may run servers of their own:
            // only this test's experiments count)
            Set<String> experiments = new TreeSet<>();
            for (JsonNode series : prom.query("chaos_last_run_timestamp_seconds{experiment=~\"" + A + "|" + B + "\"}")
                    .path("result")) {
                experiments.add(series.path("metric").path("experiment").asText());
                assertEquals("prod", series.path("metric").path("environment").asText(), series::toString);
                assertEquals("chaos-engineering", series.path("metric").path("job").asText(), series::toString);
            }
            assertEquals(Set.of(A, B), experiments);
            assertTrue(prom.valueWhere("max by (experiment) (chaos_tenant_isolation_breaches)", "experiment", A)
                    .orElseThrow() > 0, "iso-b's pushes left iso-a's breaches in place");

            // counters carry run totals: three runs of iso-a, each the same on the deterministic playground
            String totals = "a1 " + perRunTotal + ", a2 " + total(dir.resolve("a2"), "chaos_tenant_isolation_total")
                    + ", a3 " + total(dir.resolve("a3"), "chaos_tenant_isolation_total") + "; series "
                    + prom.query("chaos_tenant_isolation_total{experiment=\"" + A + "\"}").path("result");
            assertEquals(3 * perRunTotal, prom.valueWhere("sum by (experiment) (chaos_tenant_isolation_total)",
                    "experiment", A).orElseThrow(), 1e-9, totals);
            assertEquals(3 * perRunTotal, total(dir.resolve("a3"), "chaos_tenant_isolation_total"), 1e-9);

            // query 1: the isolation success rate of the last hour is the runs' own rate (not NaN, not 0)
            assertEquals(perRunHeld / perRunTotal, prom.valueWhere(ISOLATION_SUCCESS_RATE, "experiment", A)
                    .orElseThrow(), 1e-6);
            double isoB = prom.valueWhere("chaos_tenant_isolation_success_ratio", "experiment", B).orElseThrow();
            assertTrue(isoB >= 0 && isoB <= 1, "iso-b ratio " + isoB);

            // query 2: the p95 of PagerDuty's response time, under the 5 s target on the playground
            double p95 = prom.valueWhere(ALERT_RESPONSE_P95, "channel", "pagerduty").orElseThrow();
            assertTrue(p95 > 0 && p95 <= 5, "p95 " + p95);
            double mttd = prom.valueWhere("chaos_mttd_seconds", "experiment", A).orElseThrow();
            assertTrue(mttd >= 0 && mttd < 5, "MTTD " + mttd);

            // query 3: ChaosAlertDeliveryFailing's expression fires for PagerDuty on the CLI path
            List<String> failing = new ArrayList<>();
            for (JsonNode series : prom.query(DELIVERY_FAILING).path("result")) {
                failing.add(series.path("metric").path("channel").asText());
            }
            assertEquals(List.of("pagerduty"), failing);

            // every exposition we wrote passes promtool's lint
            String promtool = RealPrometheus.require("promtool", "prometheus");
            for (String reports : List.of("a1", "b1", "a2", "a3")) {
                Process check = new ProcessBuilder(promtool, "check", "metrics").redirectErrorStream(true)
                        .redirectInput(dir.resolve(reports).resolve("metrics.prom").toFile()).start();
                String said = new String(check.getInputStream().readAllBytes());
                assertEquals(0, check.waitFor(), reports + ": " + said);
            }
        }
    }
}
