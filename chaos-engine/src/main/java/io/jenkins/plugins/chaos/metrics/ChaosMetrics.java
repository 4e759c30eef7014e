package io.jenkins.plugins.chaos.metrics;

import io.jenkins.plugins.chaos.alert.AlertChannel;
import io.jenkins.plugins.chaos.alert.AlertDelivery;
import io.jenkins.plugins.chaos.alert.AlertOutcome;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ResilienceScore;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.exporter.PushGateway;
import io.prometheus.client.exporter.common.TextFormat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The Prometheus metrics of chaos runs (simpleclient 0.16, the prometheus plugin's client). Counters accumulate
 * across runs where the registry lives long (the Jenkins controller); gauges describe the latest run of each
 * experiment, which is what alert rules need when the CLI pushes each run to a Pushgateway. The names are a
 * contract with {@code examples/monitoring/}: renaming one breaks those rules and the dashboard.
 * <p>
 * One instance per registry: the collectors are registered in the constructor.
 */
public final class ChaosMetrics {

    static final String[] LAYERS = {"api", "network", "rbac", "other"};
    static final double[] ALERT_BUCKETS = {1, 5, 15, 30, 60, 120, 300, 600, 1800};
    static final double[] QUANTILES = {0.5, 0.95, 0.99};

    private final CollectorRegistry registry;
    private final Counter isolationTotal;
    private final Counter isolationSuccess;
    private final Gauge isolationBreaches;
    private final Counter failoverTotal;
    private final Gauge failoverTime;
    private final Gauge providerErrorRatio;
    private final Gauge providerLatency;
    private final Histogram alertResponseTime;
    private final Counter alertDeliveries;
    private final Counter checks;
    private final Gauge lastRun;
    private final Gauge resilienceScore;
    private final Gauge runVerdict;

    public ChaosMetrics(CollectorRegistry registry) {
        this.registry = registry;
        isolationTotal = Counter.build("chaos_tenant_isolation_total",
                        "Tenant isolation checks that ran, by the source tenant that tried to cross a boundary.")
                .labelNames("experiment", "layer", "tenant").register(registry);
        isolationSuccess = Counter.build("chaos_tenant_isolation_success_total",
                        "Tenant isolation checks that held (the cross-tenant attempt was refused).")
                .labelNames("experiment", "layer", "tenant").register(registry);
        isolationBreaches = Gauge.build("chaos_tenant_isolation_breaches",
                        "Isolation checks that found a breach in the latest run of the experiment.")
                .labelNames("experiment", "layer").register(registry);
        failoverTotal = Counter.build("chaos_provider_failover_total",
                        "Provider failover experiments by outcome: failed_over, degraded, no_failover, error.")
                .labelNames("experiment", "outcome").register(registry);
        failoverTime = Gauge.build("chaos_failover_time_seconds",
                        "Seconds from fault injection until the secondary provider answered in the latest run; "
                                + "+Inf when it never did.")
                .labelNames("experiment").register(registry);
        providerErrorRatio = Gauge.build("chaos_provider_error_ratio",
                        "Share of failed requests (graceful and ungraceful) in the latest failover stream.")
                .labelNames("experiment").register(registry);
        providerLatency = Gauge.build("chaos_provider_latency_seconds",
                        "Highest per-second latency quantile of the latest failover stream.")
                .labelNames("experiment", "quantile").register(registry);
        alertResponseTime = Histogram.build("chaos_alert_response_time_seconds",
                        "Seconds from breach detection until the alert channel accepted the alert.")
                .labelNames("channel").buckets(ALERT_BUCKETS).register(registry);
        alertDeliveries = Counter.build("chaos_alert_deliveries_total",
                        "Alert deliveries by channel and result (delivered, failed).")
                .labelNames("channel", "result").register(registry);
        checks = Counter.build("chaos_checks_total", "Checks by probe and verdict.")
                .labelNames("experiment", "probe", "verdict").register(registry);
        lastRun = Gauge.build("chaos_last_run_timestamp_seconds",
                        "Unix time at which the latest run of the experiment finished; the dead-man's switch.")
                .labelNames("experiment").register(registry);
        resilienceScore = Gauge.build("chaos_resilience_score",
                        "Resilience score of the latest run, 0..100 (passed 1, warning 0.5, breach 0; "
                                + "checks that could not run left out).")
                .labelNames("experiment").register(registry);
        runVerdict = Gauge.build("chaos_run_verdict",
                        "Verdict of the latest run: 1 for the verdict it had, 0 for the others.")
                .labelNames("experiment", "verdict").register(registry);
    }

    public CollectorRegistry registry() {
        return registry;
    }

    /** Adds one run and what its alerts did; {@code alerts} may be null when alerting was off. */
    public synchronized void record(RunResult result, AlertOutcome alerts) {
        String experiment = result.experiment() == null || result.experiment().isBlank()
                ? RunFacts.UNKNOWN : result.experiment();
        Map<String, Integer> breachesByLayer = new HashMap<>();
        Set<String> layersRun = new LinkedHashSet<>();
        for (CheckResult check : result.checks()) {
            checks.labels(experiment, check.probe(), label(check.verdict())).inc();
            // a check that could not run says nothing about isolation: counting it either way would lie
            if (RunFacts.isIsolation(check) && check.verdict() != Verdict.ERROR) {
                String layer = RunFacts.layer(check);
                String tenant = RunFacts.sourceTenant(check);
                layersRun.add(layer);
                isolationTotal.labels(experiment, layer, tenant).inc();
                if (check.verdict() == Verdict.PASSED) {
                    isolationSuccess.labels(experiment, layer, tenant).inc();
                } else {
                    // touch the child so that the success series exists with 0 and ratios stay computable
                    isolationSuccess.labels(experiment, layer, tenant);
                }
                if (check.verdict() == Verdict.CRITICAL) {
                    breachesByLayer.merge(layer, 1, Integer::sum);
                }
            }
        }
        for (String layer : LAYERS) {
            if (layersRun.contains(layer)) {
                isolationBreaches.labels(experiment, layer).set(breachesByLayer.getOrDefault(layer, 0));
            } else {
                isolationBreaches.remove(experiment, layer);
            }
        }
        RunFacts.failoverOutcome(result).ifPresent(outcome -> failoverTotal.labels(experiment, outcome).inc());
        setOrRemove(failoverTime, RunFacts.failoverSeconds(result), experiment);
        setOrRemove(providerErrorRatio, RunFacts.errorRatio(result), experiment);
        for (double q : QUANTILES) {
            setOrRemove(providerLatency, RunFacts.latencySeconds(result, q), experiment, quantileLabel(q));
        }
        if (alerts != null) {
            for (AlertDelivery delivery : alerts.deliveries()) {
                String channel = delivery.channel().label();
                alertDeliveries.labels(channel, delivery.delivered() ? "delivered" : "failed").inc();
                if (delivery.delivered() && delivery.responseMillis() >= 0) {
                    alertResponseTime.labels(channel).observe(delivery.responseSeconds());
                }
            }
        }
        Instant finished = result.finishedAt() == null ? Instant.now() : result.finishedAt();
        lastRun.labels(experiment).set(finished.getEpochSecond() + finished.getNano() / 1e9);
        setOrRemove(resilienceScore, ResilienceScore.of(result), experiment);
        Verdict verdict = result.verdict();
        for (Verdict v : Verdict.values()) {
            runVerdict.labels(experiment, label(v)).set(v == verdict ? 1 : 0);
        }
    }

    /** Makes sure each alert channel has a histogram series, so dashboards show zero rather than "no data". */
    public void initialiseAlertChannels() {
        for (AlertChannel channel : AlertChannel.values()) {
            alertResponseTime.labels(channel.label());
        }
    }

    /** The registry in the Prometheus text format 0.0.4, as a scrape would see it. */
    public String exposition() {
        StringWriter out = new StringWriter();
        try {
            TextFormat.write004(out, registry.metricFamilySamples());
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a StringWriter cannot fail", e);
        }
        return out.toString();
    }

    /**
     * Replaces this job's group on a Pushgateway with the current values (HTTP PUT), as a short-lived CLI run must.
     *
     * @param pushgatewayUrl base URL, e.g. {@code http://pushgateway:9091}
     * @param job            the {@code job} grouping label
     * @throws IOException with a message that never contains credentials embedded in the URL
     */
    public void push(String pushgatewayUrl, String job) throws IOException {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("job must not be blank (allowed: any non-empty Pushgateway job name)");
        }
        URL url = pushgatewayUrl(pushgatewayUrl);
        try {
            new PushGateway(url).push(registry, job.trim());
        } catch (IOException e) {
            String safe = url.getUserInfo() == null ? String.valueOf(e.getMessage())
                    : String.valueOf(e.getMessage()).replace(url.getUserInfo(), "****");
            throw new IOException("push to the Pushgateway failed: " + safe, e.getCause());
        }
    }

    /** Why {@code text} is not a usable Pushgateway URL, checked before a run so that its metrics are not lost. */
    public static Optional<String> pushgatewayProblem(String text) {
        try {
            pushgatewayUrl(text);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static URL pushgatewayUrl(String text) {
        String allowed = " (allowed: an absolute http or https URL such as http://pushgateway:9091)";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("pushgatewayUrl is required" + allowed);
        }
        try {
            URI uri = URI.create(text.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("pushgatewayUrl is not usable" + allowed);
            }
            return uri.toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new IllegalArgumentException("pushgatewayUrl is not usable" + allowed);
        }
    }

    private static void setOrRemove(Gauge gauge, OptionalDouble value, String... labels) {
        if (value.isPresent()) {
            gauge.labels(labels).set(value.getAsDouble());
        } else {
            gauge.remove(labels);
        }
    }

    static String label(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }

    private static String quantileLabel(double q) {
        return q == 0.5 ? "0.5" : q == 0.95 ? "0.95" : "0.99";
    }
}
