package io.jenkins.plugins.chaos.probe.blast;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.TenantSpec;
import io.jenkins.plugins.chaos.plan.BlastRadiusConfig;
import io.jenkins.plugins.chaos.probe.failover.Classification;
import io.jenkins.plugins.chaos.probe.failover.ResponseClass;
import io.jenkins.plugins.chaos.probe.failover.ResponseClassifier;
import io.jenkins.plugins.chaos.probe.http.BoundedHttpClient;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blast-radius containment while a fault isolates some tenants: every tenant calls its endpoint through the gateway
 * at a steady pace; a tenant the fault selected (its namespace in the fault's status) must get only served or
 * graceful answers, and every other tenant must keep full service (success rate and p95 within the thresholds).
 */
public final class BlastRadiusProbe {

    public static final String PROBE = ProbeIds.BLAST_RADIUS;
    /** Responses the gateway's stream classifier calls primary or secondary are both "served" here. */
    private static final String NO_PROVIDER = "\u0000";

    private final BlastRadiusConfig config;
    private final RunListener listener;

    public BlastRadiusProbe(BlastRadiusConfig config, RunListener listener) {
        this.config = config;
        this.listener = listener;
    }

    /**
     * @param selectedPods {@code namespace/pod} as the fault's status reports them
     * @param isolated     the namespaces of those pods
     */
    public List<CheckResult> run(List<String> selectedPods, Set<String> isolated) throws InterruptedException {
        Instant started = Instant.now();
        List<CheckResult> checks = new ArrayList<>();
        List<String> isolatedTenants = config.tenants().stream().filter(t -> isolated.contains(t.namespace()))
                .map(TenantSpec::name).toList();
        List<String> evidence = List.of("fault " + config.fault() + " selected " + selectedPods.size() + " pod(s): "
                + selectedPods, "isolated tenants: " + isolatedTenants, "control tenants: "
                + config.tenants().stream().map(TenantSpec::name).filter(n -> !isolatedTenants.contains(n)).toList());
        if (isolatedTenants.isEmpty() || isolatedTenants.size() == config.tenants().size()) {
            checks.add(check("selection", Verdict.ERROR, isolatedTenants.isEmpty()
                    ? "the fault selected none of the tenants, so containment cannot be judged"
                    : "the fault selected every tenant, so no tenant is left to show containment", evidence, started));
            return checks;
        }
        checks.add(check("selection", Verdict.PASSED, isolatedTenants.size() + " of " + config.tenants().size()
                + " tenants isolated by " + config.fault(), evidence, started));
        listener.info(PROBE + ": " + config.tenants().size() + " tenants at " + config.rate() + " requests/s each for "
                + config.duration() + "; isolated by " + config.fault() + ": " + isolatedTenants);
        Map<String, TenantTally> tallies = stream();
        for (TenantSpec tenant : config.tenants()) {
            TenantTally tally = tallies.get(tenant.name());
            checks.add(isolatedTenants.contains(tenant.name()) ? isolatedCheck(tenant, tally, started)
                    : controlCheck(tenant, tally, started));
        }
        long critical = checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count();
        listener.info(PROBE + ": " + checks.size() + " checks, " + critical + " CRITICAL");
        return checks;
    }

    private Map<String, TenantTally> stream() throws InterruptedException {
        ResponseClassifier classifier = new ResponseClassifier(NO_PROVIDER, "provider", Set.copyOf(config.gracefulStatuses()));
        Map<String, TenantTally> tallies = new LinkedHashMap<>();
        config.tenants().forEach(t -> tallies.put(t.name(), new TenantTally()));
        long periodNanos = (long) (1_000_000_000L / config.rate());
        long ticks = Math.max(1, (long) Math.floor(config.durationValue().toNanos() / (double) periodNanos));
        int inFlight = Math.min(1024, Math.max(16, config.tenants().size() * 8));
        List<CompletableFuture<?>> pending = new ArrayList<>();
        try (BoundedHttpClient http = new BoundedHttpClient(inFlight, config.timeoutValue(), "X-Inference-Provider")) {
            long start = System.nanoTime();
            for (long tick = 0; tick < ticks; tick++) {
                long due = start + tick * periodNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                for (TenantSpec tenant : config.tenants()) {
                    Map<String, String> headers = tenant.token() == null ? Map.of()
                            : Map.of("Authorization", "Bearer " + tenant.token());
                    String body = config.endpoint().body();
                    TenantTally tally = tallies.get(tenant.name());
                    pending.add(http.send(config.target(tenant.name()), config.endpoint().method(), body, headers)
                            .thenAccept(reply -> tally.record(reply, classifier.classify(reply))));
                }
                pending.removeIf(CompletableFuture::isDone);
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(config.timeoutValue().toMillis() + 2000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            listener.warn(PROBE + ": some requests did not complete: " + e.getMessage());
        }
        return tallies;
    }

    private CheckResult isolatedCheck(TenantSpec tenant, TenantTally tally, Instant started) {
        String name = tenant.name() + " isolated: degrades gracefully";
        List<String> evidence = tally.evidence(config);
        if (tally.requests() == 0) {
            return check(name, Verdict.ERROR, "no request completed", evidence, started);
        }
        if (tally.ungraceful() > 0) {
            return check(name, Verdict.CRITICAL, tally.ungraceful() + " of " + tally.requests() + " responses to isolated tenant "
                    + tenant.name() + " were not graceful (allowed " + config.gracefulStatuses() + " with a JSON error body)",
                    evidence, started);
        }
        return check(name, Verdict.PASSED, "isolated tenant " + tenant.name() + ": " + tally.graceful() + " graceful errors, "
                + tally.served() + " served, none ungraceful", evidence, started);
    }

    private CheckResult controlCheck(TenantSpec tenant, TenantTally tally, Instant started) {
        String name = tenant.name() + " not isolated: keeps full service";
        List<String> evidence = tally.evidence(config);
        if (tally.requests() == 0) {
            return check(name, Verdict.ERROR, "no request completed", evidence, started);
        }
        double success = tally.served() / (double) tally.requests();
        if (success < config.minSuccessRate()) {
            return check(name, Verdict.CRITICAL, String.format(Locale.ROOT,
                    "blast radius breach: %s, which the fault did not select, was served %.1f%% of requests (at least %.1f%% required)",
                    tenant.name(), success * 100, config.minSuccessRate() * 100), evidence, started);
        }
        double p95 = tally.p95Millis();
        if (p95 > config.maxP95Value().toMillis()) {
            return check(name, Verdict.WARNING, String.format(Locale.ROOT,
                    "blast radius: %s's p95 latency %.1f ms is above %s while other tenants are isolated", tenant.name(), p95,
                    config.maxP95()), evidence, started);
        }
        return check(name, Verdict.PASSED, String.format(Locale.ROOT, "%s served %.1f%%, p95 %.1f ms",
                tenant.name(), success * 100, p95), evidence, started);
    }

    private CheckResult check(String name, Verdict verdict, String summary, List<String> evidence, Instant started) {
        return new CheckResult(PROBE, name, verdict, summary, evidence, started,
                Math.max(0, Duration.between(started, Instant.now()).toMillis()));
    }

    /** One tenant's answers; written from the HTTP client's threads. */
    private static final class TenantTally {
        private long served;
        private long graceful;
        private long ungraceful;
        private final Map<String, Long> reasons = new LinkedHashMap<>();
        private final List<Long> latencies = new ArrayList<>();
        private String firstUngraceful;

        synchronized void record(HttpReply reply, Classification classification) {
            ResponseClass responseClass = classification.responseClass();
            if (responseClass == ResponseClass.PRIMARY || responseClass == ResponseClass.SECONDARY) {
                served++;
            } else if (responseClass == ResponseClass.GRACEFUL_ERROR) {
                graceful++;
                reasons.merge("graceful, " + classification.reason(), 1L, Long::sum);
            } else {
                ungraceful++;
                reasons.merge("ungraceful, " + classification.reason(), 1L, Long::sum);
                if (firstUngraceful == null) {
                    String body = reply.body() == null ? "" : reply.body();
                    firstUngraceful = "status " + reply.status() + ": " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
                }
            }
            latencies.add(reply.latencyNanos());
        }

        synchronized long requests() {
            return served + graceful + ungraceful;
        }

        synchronized long served() {
            return served;
        }

        synchronized long graceful() {
            return graceful;
        }

        synchronized long ungraceful() {
            return ungraceful;
        }

        synchronized double p95Millis() {
            if (latencies.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(latencies);
            sorted.sort(null);
            int index = (int) Math.ceil(0.95 * sorted.size()) - 1;
            return sorted.get(Math.max(0, index)) / 1_000_000.0;
        }

        synchronized List<String> evidence(BlastRadiusConfig config) {
            List<String> out = new ArrayList<>();
            out.add(requests() + " responses: " + served + " served, " + graceful + " graceful errors, " + ungraceful
                    + " ungraceful; p95 " + String.format(Locale.ROOT, "%.1f ms", p95Millis()));
            reasons.forEach((reason, count) -> out.add(reason + ": " + count));
            if (firstUngraceful != null) {
                out.add("first ungraceful response: " + firstUngraceful);
            }
            out.add("thresholds for tenants not isolated: served >= " + config.minSuccessRate() * 100 + "%, p95 < "
                    + config.maxP95());
            return out;
        }
    }
}
