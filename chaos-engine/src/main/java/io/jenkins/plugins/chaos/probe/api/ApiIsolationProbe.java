package io.jenkins.plugins.chaos.probe.api;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.probe.http.BoundedHttpClient;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Tenant isolation at the API layer: for every ordered pair of tenants (A, B) and every endpoint, A's token on B's
 * resource must be denied. A 2xx is a CRITICAL breach, any other non-denial status is CRITICAL too. Each tenant on
 * its own resource is the positive control: when it fails (on an endpoint), the checks on that endpoint involving
 * that tenant are ERROR, because a denial proves nothing if the token or the resource does not work at all.
 */
public final class ApiIsolationProbe {

    public static final String PROBE = ProbeIds.ISOLATION_API;

    private final ApiIsolationConfig config;
    private final RunListener listener;
    private final IsolationMatrix matrix;
    private final LongConsumer latencyNanos;

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
        this.matrix = new IsolationMatrix(config);
        this.config = config;
        this.listener = listener;
        this.latencyNanos = latencyNanos;
    }

    /** Runs the whole matrix; one check per (caller, owner, endpoint), the controls being the caller == owner ones. */
    public List<CheckResult> run() throws InterruptedException {
        List<IsolationMatrix.Call> calls = matrix.calls();
        SecretRedactor redactor = matrix.redactor();
        // A header map per caller, shared by its calls: not one per call.
        Map<String, Map<String, String>> authorization = new HashMap<>();
        matrix.tenants().forEach(name -> authorization.put(name,
                Map.of("Authorization", "Bearer " + config.tenants().get(name))));
        int total = calls.size();
        listener.info(PROBE + ": " + matrix.describe());
        IsolationMatrix.Observation[] observed = new IsolationMatrix.Observation[total];
        Runnable progress = matrix.progress(listener, PROBE);
        Duration timeout = config.timeoutDuration();
        long sendingSince = System.nanoTime();
        try (BoundedHttpClient http = new BoundedHttpClient(config.concurrency(), timeout, null)) {
            http.callAll(URI.create(matrix.base()), total, i -> {
                IsolationMatrix.Call call = calls.get(i);
                return new BoundedHttpClient.Request(call.uri(), call.endpoint().method(), call.endpoint().body(),
                        authorization.get(call.caller()));
            }, (i, reply) -> {
                latencyNanos.accept(reply.latencyNanos());
                // Keep only what a check needs, so that 10,000 response bodies are never held at once.
                observed[i] = observe(reply, redactor);
                progress.run();
            });
        }
        double sendingSeconds = (System.nanoTime() - sendingSince) / 1e9;
        listener.info(String.format(Locale.ROOT, "%s: %d calls answered in %.2f s (%.0f requests/s)", PROBE, total,
                sendingSeconds, total / Math.max(sendingSeconds, 1e-9)));
        List<CheckResult> checks = matrix.judge(observed);
        listener.info(PROBE + ": " + IsolationMatrix.tally(checks));
        return checks;
    }

    private static IsolationMatrix.Observation observe(HttpReply reply, SecretRedactor redactor) {
        if (!reply.answered()) {
            return IsolationMatrix.Observation.failed((reply.timedOut() ? "timed out: " : "no response: ")
                    + redactor.redact(reply.error()), reply.latencyNanos());
        }
        return IsolationMatrix.Observation.answered(reply.status(), reply.body(), reply.latencyNanos(), redactor);
    }
}
