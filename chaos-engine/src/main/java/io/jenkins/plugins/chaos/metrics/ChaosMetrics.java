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
import io.prometheus.client.exporter.PushGateway;
import io.prometheus.client.exporter.common.TextFormat;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

    static final String EXPERIMENT = "experiment";
    static final String ENVIRONMENT = "environment";
    static final String[] LAYERS = {"api", "network", "rbac", "other"};
    /** Fine below a minute, where the 5 s target and the 30 s failover live, so that interpolation stays close. */
    static final double[] ALERT_BUCKETS = {0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 25, 30, 45, 60, 90, 120, 300, 600, 1800};
    static final double[] PERCENTILES = {50, 95, 99};
    static final String[] PROVIDERS = {"primary", "secondary"};

    private final CollectorRegistry registry;
    private final Counter isolationTotal;
    private final Counter isolationSuccess;
    private final Gauge isolationBreaches;
    private final Counter failoverTotal;
    private final Gauge failoverTime;
    private final Gauge providerErrorRatio;
    private final Gauge providerLatency;
    private final RunTotalsHistogram alertResponseTime;
    private final Counter alertDeliveries;
    private final Counter checks;
    private final Gauge lastRun;
    private final Gauge resilienceScore;
    private final Gauge runVerdict;
    private final Gauge mttd;
    private final Gauge mttr;
    private final Gauge providerHealth;
    private final Gauge isolationSuccessRatio;
    private final Gauge deadManThreshold;
    private final Gauge pairBreaches;
    /** The pairs each experiment's latest run exported, so that the next run removes the ones it no longer has. */
    private final Map<String, Set<List<String>>> pairsByExperiment = new HashMap<>();
    /** The counters whose totals a push carries over from the group's previous values. */
    private final Map<String, Counter> carried = new LinkedHashMap<>();
    /** MTTD and MTTR from the group's previous push, exported again while runs measure nothing new. */
    private Double carriedMttd;
    private Double carriedMttr;

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
        // "percentile", not "quantile": a gauge with a quantile label fails `promtool check metrics`
        providerLatency = Gauge.build("chaos_provider_latency_seconds",
                        "Highest per-second latency percentile (50, 95, 99) of the latest failover stream.")
                .labelNames("experiment", "percentile").register(registry);
        alertResponseTime = new RunTotalsHistogram("chaos_alert_response_time_seconds",
                "Seconds from breach detection until the alert channel accepted the alert.", "channel",
                ALERT_BUCKETS).registerTo(registry);
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
        mttd = Gauge.build("chaos_mttd_seconds",
                        "Mean time to detect of the latest run that paged: seconds from the breach's onset (the "
                                + "fault's injection for a failover breach) until PagerDuty accepted the page.")
                .labelNames("experiment").register(registry);
        mttr = Gauge.build("chaos_mttr_seconds",
                        "Mean time to resolve of the latest run that resolved incidents: seconds from an incident's "
                                + "first trigger until its resolve was accepted.")
                .labelNames("experiment").register(registry);
        providerHealth = Gauge.build("chaos_provider_health",
                        "1 when the provider served requests in the latest failover stream where it should have "
                                + "(the primary outside the fault window, the secondary inside it), else 0.")
                .labelNames("experiment", "provider").register(registry);
        isolationSuccessRatio = Gauge.build("chaos_tenant_isolation_success_ratio",
                        "Share of the latest run's isolation checks that held (0..1); checks that could not run "
                                + "left out.")
                .labelNames("experiment").register(registry);
        deadManThreshold = Gauge.build("chaos_deadman_threshold_seconds",
                        "How old the experiment's latest run may get before the dead-man's switch pages.")
                .labelNames("experiment").register(registry);
        pairBreaches = Gauge.build("chaos_tenant_isolation_pair_breaches",
                        "Breached isolation checks of the latest run, by source and target tenant.")
                .labelNames("experiment", "source", "target").register(registry);
        carried.put("chaos_tenant_isolation_total", isolationTotal);
        carried.put("chaos_tenant_isolation_success_total", isolationSuccess);
        carried.put("chaos_provider_failover_total", failoverTotal);
        carried.put("chaos_alert_deliveries_total", alertDeliveries);
        carried.put("chaos_checks_total", checks);
    }

    /** The families a push reads back from its group before it replaces it. */
    static Set<String> carriedNames() {
        Set<String> names = new LinkedHashSet<>(List.of("chaos_tenant_isolation_total",
                "chaos_tenant_isolation_success_total", "chaos_provider_failover_total",
                "chaos_alert_deliveries_total", "chaos_checks_total", "chaos_alert_response_time_seconds_bucket",
                "chaos_alert_response_time_seconds_sum", "chaos_alert_response_time_seconds_count",
                "chaos_mttd_seconds", "chaos_mttr_seconds"));
        return names;
    }

    /**
     * Starts the counters (and the alert histogram) from the totals the experiment's group held, so that they only
     * grow across runs; MTTD and MTTR keep their last value until a run measures a new one. Call before
     * {@link #record}, on a registry that holds nothing else.
     */
    synchronized void seed(PushedTotals previous) {
        for (Map.Entry<String, Counter> family : carried.entrySet()) {
            List<String> labelNames = labelNames(family.getKey());
            for (Exposition.Sample sample : previous.samples(family.getKey())) {
                String[] values = new String[labelNames.size()];
                boolean complete = true;
                for (int i = 0; i < values.length; i++) {
                    values[i] = sample.labels().get(labelNames.get(i));
                    complete &= values[i] != null;
                }
                if (complete && sample.value() > 0 && Double.isFinite(sample.value())) {
                    family.getValue().labels(values).inc(sample.value());
                }
            }
        }
        alertResponseTime.seed(previous);
        for (Exposition.Sample sample : previous.samples("chaos_mttd_seconds")) {
            carriedMttd = sample.value();
        }
        for (Exposition.Sample sample : previous.samples("chaos_mttr_seconds")) {
            carriedMttr = sample.value();
        }
    }

    private static List<String> labelNames(String family) {
        return switch (family) {
            case "chaos_tenant_isolation_total", "chaos_tenant_isolation_success_total" ->
                    List.of("experiment", "layer", "tenant");
            case "chaos_provider_failover_total" -> List.of("experiment", "outcome");
            case "chaos_alert_deliveries_total" -> List.of("channel", "result");
            case "chaos_checks_total" -> List.of("experiment", "probe", "verdict");
            default -> throw new IllegalArgumentException("not a carried counter: " + family);
        };
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
        recordPairs(result, experiment);
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
        for (double p : PERCENTILES) {
            setOrRemove(providerLatency, RunFacts.latencySeconds(result, p / 100), experiment,
                    String.valueOf((int) p));
        }
        for (String provider : PROVIDERS) {
            setOrRemove(providerHealth, RunFacts.providerHealth(result, provider.equals("primary")), experiment,
                    provider);
        }
        setOrRemove(isolationSuccessRatio, RunFacts.isolationSuccessRatio(result), experiment);
        // both results exist from the first run on, so that the first failure is an increase and not a new series
        for (AlertChannel channel : AlertChannel.values()) {
            alertDeliveries.labels(channel.label(), "delivered");
            alertDeliveries.labels(channel.label(), "failed");
        }
        if (alerts != null) {
            for (AlertDelivery delivery : alerts.deliveries()) {
                String channel = delivery.channel().label();
                alertDeliveries.labels(channel, delivery.delivered() ? "delivered" : "failed").inc();
                if (delivery.delivered() && delivery.responseMillis() >= 0) {
                    alertResponseTime.observe(channel, delivery.responseSeconds());
                }
            }
        }
        OptionalDouble detect = alerts == null ? OptionalDouble.empty() : alerts.meanTimeToDetect();
        OptionalDouble repair = alerts == null ? OptionalDouble.empty() : alerts.meanTimeToResolve();
        setOrRemove(mttd, detect.isPresent() ? detect
                : carriedMttd == null ? OptionalDouble.empty() : OptionalDouble.of(carriedMttd), experiment);
        setOrRemove(mttr, repair.isPresent() ? repair
                : carriedMttr == null ? OptionalDouble.empty() : OptionalDouble.of(carriedMttr), experiment);
        Instant finished = result.finishedAt() == null ? Instant.now() : result.finishedAt();
        lastRun.labels(experiment).set(finished.getEpochSecond() + finished.getNano() / 1e9);
        setOrRemove(resilienceScore, ResilienceScore.of(result), experiment);
        Verdict verdict = result.verdict();
        for (Verdict v : Verdict.values()) {
            runVerdict.labels(experiment, label(v)).set(v == verdict ? 1 : 0);
        }
    }

    /** The experiment's own dead-man's switch threshold (30 minutes unless its job says otherwise). */
    public void expectRunsWithin(String experiment, Duration threshold) {
        deadManThreshold.labels(experiment == null || experiment.isBlank() ? RunFacts.UNKNOWN : experiment)
                .set(threshold.toMillis() / 1000.0);
    }

    /** One series per source -> target pair the latest run checked: its breaches (0 when the boundary held). */
    private void recordPairs(RunResult result, String experiment) {
        Map<List<String>, Integer> pairs = new LinkedHashMap<>();
        for (CheckResult check : result.checks()) {
            if (RunFacts.isIsolation(check) && check.verdict() != Verdict.ERROR) {
                RunFacts.targetTenant(check).ifPresent(target -> pairs.merge(
                        List.of(experiment, RunFacts.sourceTenant(check), target),
                        check.verdict() == Verdict.CRITICAL ? 1 : 0, Integer::sum));
            }
        }
        for (List<String> stale : pairsByExperiment.getOrDefault(experiment, Set.of())) {
            if (!pairs.containsKey(stale)) {
                pairBreaches.remove(stale.toArray(new String[0]));
            }
        }
        pairs.forEach((labels, breaches) -> pairBreaches.labels(labels.toArray(new String[0])).set(breaches));
        pairsByExperiment.put(experiment, new LinkedHashSet<>(pairs.keySet()));
    }

    /** Makes sure each alert channel has a histogram series, so dashboards show zero rather than "no data". */
    public void initialiseAlertChannels() {
        for (AlertChannel channel : AlertChannel.values()) {
            alertResponseTime.touch(channel.label());
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
     * The Pushgateway group of one experiment in one environment: a push replaces only its own group, so that runs of
     * different experiments never delete each other's series.
     */
    public static Map<String, String> groupingKey(String experiment, String environment) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put(EXPERIMENT, experiment == null || experiment.isBlank() ? RunFacts.UNKNOWN : experiment);
        key.put(ENVIRONMENT, environment == null || environment.isBlank() ? "default" : environment);
        return key;
    }

    /**
     * The run as a push would carry it: a fresh registry whose counters start from what the experiment's group on
     * the Pushgateway already holds, then this run recorded into it. A group that cannot be read starts from zero,
     * which Prometheus reads as a counter reset (an increase of this run's counts), never as a decrease.
     *
     * @throws IOException when the Pushgateway cannot be read; the caller decides whether to push anyway
     */
    public static ChaosMetrics forPush(String pushgatewayUrl, String job, RunResult result, AlertOutcome alerts,
                                       List<String> problems) {
        ChaosMetrics metrics = new ChaosMetrics(new CollectorRegistry());
        Map<String, String> group = new LinkedHashMap<>();
        group.put("job", job);
        group.putAll(groupingKey(result.experiment(), result.environment()));
        try {
            metrics.seed(PushedTotals.read(URI.create(pushgatewayUrl(pushgatewayUrl).toString()), group,
                    carriedNames()));
        } catch (IOException e) {
            problems.add("could not read the previous totals from the Pushgateway (" + safeMessage(pushgatewayUrl, e)
                    + "); the counters restart from this run's counts");
        }
        metrics.initialiseAlertChannels();
        metrics.record(result, alerts);
        return metrics;
    }

    /**
     * Replaces the experiment's group on a Pushgateway with the current values (HTTP PUT to
     * {@code /metrics/job/<job>/experiment/<name>/environment/<env>}).
     *
     * @param pushgatewayUrl base URL, e.g. {@code http://pushgateway:9091}
     * @param job            the {@code job} grouping label
     * @param groupingKey    the other grouping labels, from {@link #groupingKey}
     * @throws IOException with a message that never contains credentials embedded in the URL
     */
    public void push(String pushgatewayUrl, String job, Map<String, String> groupingKey) throws IOException {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("job must not be blank (allowed: any non-empty Pushgateway job name)");
        }
        URL url = pushgatewayUrl(pushgatewayUrl);
        try {
            new PushGateway(url).push(registry, job.trim(), groupingKey);
        } catch (IOException e) {
            throw new IOException("push to the Pushgateway failed: " + safeMessage(pushgatewayUrl, e), e.getCause());
        }
    }

    private static String safeMessage(String pushgatewayUrl, IOException e) {
        String message = String.valueOf(e.getMessage());
        try {
            String userInfo = URI.create(pushgatewayUrl.trim()).getRawUserInfo();
            return userInfo == null ? message : message.replace(userInfo, "****");
        } catch (IllegalArgumentException bad) {
            return message;
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

}
