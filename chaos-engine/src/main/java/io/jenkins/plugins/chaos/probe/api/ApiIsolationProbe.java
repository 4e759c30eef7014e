package io.jenkins.plugins.chaos.probe.api;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.plan.RateCap;
import io.jenkins.plugins.chaos.probe.http.BoundedHttpClient;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import io.jenkins.plugins.chaos.probe.http.RateLimiter;
import io.jenkins.plugins.chaos.verdict.CheckLog;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Tenant isolation at the API layer: for every ordered pair of tenants (A, B) and every endpoint, A's token on B's
 * resource must be denied. A 2xx is a CRITICAL breach, any other non-denial status is CRITICAL too. Each tenant on
 * its own resource is the positive control: when it fails (on an endpoint), the checks on that endpoint involving
 * that tenant are ERROR, because a denial proves nothing if the token or the resource does not work at all.
 *
 * <p>The controls are sent first; then every cross-tenant reply is judged as it arrives and goes straight into the
 * run's {@link CheckLog}, so that nothing per call is held while the matrix runs. All calls share one token bucket
 * ({@code maxRequestsPerSecond}).
 */
public final class ApiIsolationProbe {

    public static final String PROBE = ProbeIds.ISOLATION_API;

    private final ApiIsolationConfig config;
    private final RunListener listener;
    private final LongConsumer latencyNanos;

    /** Told the verdict of every cross-tenant call sent, by its index in the matrix's space. */
    @FunctionalInterface
    public interface CrossOutcomes {
        void tested(int crossIndex, Verdict verdict);
    }

    /** @throws IllegalArgumentException listing every configuration problem, by field */
    public ApiIsolationProbe(ApiIsolationConfig config, RunListener listener) {
        this(config, listener, nanos -> { });
    }

    /**
     * @param latencyNanos receives every call's latency in nanoseconds, from the HTTP client's completion threads
     *                     (so it must be thread-safe); checks only keep milliseconds, a benchmark wants more
     * @throws IllegalArgumentException listing every configuration problem, by field
     */
    public ApiIsolationProbe(ApiIsolationConfig config, RunListener listener, LongConsumer latencyNanos) {
        new IsolationMatrix(config);
        this.config = config;
        this.listener = listener;
        this.latencyNanos = latencyNanos;
    }

    /** Runs the whole matrix; one check per (caller, owner, endpoint), the controls being the caller == owner ones. */
    public CheckLog run() throws InterruptedException {
        return run(null, (index, verdict) -> { });
    }

    /**
     * Runs the controls and the {@code selection} of cross-tenant calls (null: all of them).
     *
     * @param outcomes told each cross-tenant call's verdict, on the sending thread
     */
    public CheckLog run(CrossSelection selection, CrossOutcomes outcomes) throws InterruptedException {
        IsolationMatrix matrix = new IsolationMatrix(config, selection);
        SecretRedactor redactor = matrix.redactor();
        // A header map per caller, shared by its calls: not one per call.
        Map<String, Map<String, String>> authorization = new HashMap<>();
        matrix.tenants().forEach(name -> authorization.put(name,
                Map.of("Authorization", "Bearer " + config.tenants().get(name))));
        int total = matrix.size();
        int controls = matrix.controls();
        double cap = config.effectiveMaxRequestsPerSecond();
        listener.info(PROBE + ": " + matrix.describe());
        listener.info(PROBE + ": " + RateCap.expectation(total, cap) + (cap > 0 ? " (maxRequestsPerSecond)"
                : config.maxRequestsPerSecond() == null ? " (loopback gateway)" : " (maxRequestsPerSecond: 0)"));
        Runnable progress = matrix.progress(listener, PROBE);
        Duration timeout = config.timeoutDuration();
        CheckLog checks = new CheckLog();
        IsolationMatrix.Controls seen = matrix.newControls();
        long sendingSince = System.nanoTime();
        RateLimiter rate = cap > 0 ? RateLimiter.perSecond(cap) : RateLimiter.unlimited();
        try (BoundedHttpClient http = new BoundedHttpClient(config.concurrency(), timeout, null, rate)) {
            URI base = URI.create(matrix.base());
            // The controls first: a cross-tenant reply can only be judged once both tenants' controls are known.
            IsolationMatrix.Observation[] controlSeen = new IsolationMatrix.Observation[controls];
            http.callAll(base, controls, i -> request(matrix.call(i), authorization), (i, reply) -> {
                latencyNanos.accept(reply.latencyNanos());
                controlSeen[i] = observe(reply, redactor);
                seen.put(i, controlSeen[i]);
                progress.run();
            });
            for (int i = 0; i < controls; i++) {
                checks.add(matrix.judge(matrix.call(i), controlSeen[i], seen));
            }
            int crossCalls = total - controls;
            http.callAll(base, crossCalls, i -> request(matrix.call(controls + i), authorization), (i, reply) -> {
                latencyNanos.accept(reply.latencyNanos());
                // Judged at once and spooled: no observation, body excerpt or check is held past this line.
                CheckResult check = matrix.judge(matrix.call(controls + i), observe(reply, redactor), seen);
                synchronized (checks) {
                    checks.add(check);
                    outcomes.tested(matrix.selection().index(i), check.verdict());
                }
                progress.run();
            });
        }
        double sendingSeconds = (System.nanoTime() - sendingSince) / 1e9;
        listener.info(String.format(Locale.ROOT, "%s: %d calls answered in %.2f s (%.0f requests/s)", PROBE, total,
                sendingSeconds, total / Math.max(sendingSeconds, 1e-9)));
        listener.info(PROBE + ": " + checks.size() + " checks, " + checks.count(Verdict.CRITICAL) + " CRITICAL, "
                + checks.count(Verdict.ERROR) + " ERROR");
        return checks;
    }

    private BoundedHttpClient.Request request(IsolationMatrix.Call call, Map<String, Map<String, String>> authorization) {
        return new BoundedHttpClient.Request(call.uri(), call.endpoint().method(), call.endpoint().body(),
                authorization.get(call.caller()));
    }

    private static IsolationMatrix.Observation observe(HttpReply reply, SecretRedactor redactor) {
        if (!reply.answered()) {
            return IsolationMatrix.Observation.failed((reply.timedOut() ? "timed out: " : "no response: ")
                    + redactor.redact(reply.error()), reply.latencyNanos());
        }
        return IsolationMatrix.Observation.answered(reply.status(), reply.body(), reply.latencyNanos(), redactor);
    }
}
