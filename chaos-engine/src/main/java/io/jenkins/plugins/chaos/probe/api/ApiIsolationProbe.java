package io.jenkins.plugins.chaos.probe.api;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.probe.http.BoundedHttpClient;
import io.jenkins.plugins.chaos.probe.http.Excerpt;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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
    private final SecretRedactor redactor;
    private final String base;
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
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid isolation.api configuration: " + String.join("; ", errors));
        }
        this.config = config;
        this.listener = listener;
        this.redactor = new SecretRedactor(config.tenants().values());
        String url = config.gatewayUrl().trim();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.latencyNanos = latencyNanos;
    }

    /** Runs the whole matrix; one check per (caller, owner, endpoint), the controls being the caller == owner ones. */
    public List<CheckResult> run() throws InterruptedException {
        List<String> names = List.copyOf(config.tenants().keySet());
        // A URI per resource and a header map per caller, shared by the calls: not one of each per call.
        Map<String, Map<String, String>> authorization = new HashMap<>();
        names.forEach(name -> authorization.put(name, Map.of("Authorization", "Bearer " + config.tenants().get(name))));
        List<Call> calls = new ArrayList<>();
        for (RequestTemplate endpoint : config.endpoints()) {
            Map<String, URI> resources = new HashMap<>();
            names.forEach(owner -> resources.put(owner, URI.create(base + endpoint.pathFor(owner))));
            for (String caller : names) {
                for (String owner : names) {
                    calls.add(new Call(caller, owner, endpoint, resources.get(owner), authorization.get(caller)));
                }
            }
        }
        int total = calls.size();
        int crossTenant = total - names.size() * config.endpoints().size();
        listener.info(PROBE + ": " + names.size() + " tenants x " + config.endpoints().size() + " endpoints: "
                + crossTenant + " cross-tenant calls and " + (total - crossTenant) + " positive controls against "
                + redactor.redact(base) + " (" + config.concurrency() + " in flight)");
        Observation[] observed = new Observation[total];
        Progress progress = new Progress(total);
        Duration timeout = config.timeoutDuration();
        long sendingSince = System.nanoTime();
        try (BoundedHttpClient http = new BoundedHttpClient(config.concurrency(), timeout, null)) {
            http.callAll(URI.create(base), total, i -> {
                Call call = calls.get(i);
                return new BoundedHttpClient.Request(call.uri, call.endpoint.method(), call.endpoint.body(), call.headers);
            }, (i, reply) -> {
                latencyNanos.accept(reply.latencyNanos());
                // Keep only what a check needs, so that 10,000 response bodies are never held at once.
                observed[i] = Observation.of(reply, Instant.now().minusNanos(reply.latencyNanos()), redactor);
                progress.completed();
            });
        }
        double sendingSeconds = (System.nanoTime() - sendingSince) / 1e9;
        listener.info(String.format(Locale.ROOT, "%s: %d calls answered in %.2f s (%.0f requests/s)", PROBE, total,
                sendingSeconds, total / Math.max(sendingSeconds, 1e-9)));
        List<CheckResult> checks = judge(calls, observed);
        long breaches = checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count();
        long errors = checks.stream().filter(c -> c.verdict() == Verdict.ERROR).count();
        listener.info(PROBE + ": " + checks.size() + " checks, " + breaches + " CRITICAL, " + errors + " ERROR");
        return checks;
    }

    private List<CheckResult> judge(List<Call> calls, Observation[] observed) {
        Map<ControlKey, Observation> controls = new HashMap<>();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (call.control()) {
                controls.put(new ControlKey(call.caller, call.endpoint), observed[i]);
            }
        }
        List<CheckResult> checks = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            checks.add(call.control() ? judgeControl(call, observed[i]) : judgeCross(call, observed[i], controls));
        }
        return checks;
    }

    private CheckResult judgeControl(Call call, Observation seen) {
        List<String> evidence = evidence(call, seen, true);
        if (seen.succeeded()) {
            return check(call, seen, Verdict.PASSED, "positive control: " + call.caller + " reached its own resource ("
                    + seen.status + ")", evidence);
        }
        return check(call, seen, Verdict.ERROR, "positive control failed: " + call.caller + " could not use its own "
                + call.endpoint.describe(call.owner) + " (" + seen.outcome() + "); isolation cannot be judged", evidence);
    }

    private CheckResult judgeCross(Call call, Observation seen, Map<ControlKey, Observation> controls) {
        List<String> evidence = evidence(call, seen, false);
        if (seen.succeeded()) {
            return check(call, seen, Verdict.CRITICAL, "isolation breach: " + call.caller + "'s token got "
                    + seen.status + " on " + call.owner + "'s " + call.endpoint.describe(call.owner), evidence);
        }
        if (seen.error != null) {
            return check(call, seen, Verdict.ERROR, "could not check: " + seen.error, evidence);
        }
        List<String> failedControls = new ArrayList<>();
        for (String tenant : List.of(call.caller, call.owner)) {
            Observation control = controls.get(new ControlKey(tenant, call.endpoint));
            if (!control.succeeded()) {
                failedControls.add(tenant + " on its own " + call.endpoint.describe(tenant) + ": " + control.outcome());
            }
        }
        if (!failedControls.isEmpty()) {
            evidence.add("positive control failed: " + String.join("; ", failedControls));
            return check(call, seen, Verdict.ERROR, "positive control failed (" + String.join("; ", failedControls)
                    + "), so the " + seen.status + " proves nothing", evidence);
        }
        if (config.denialStatuses().contains(seen.status)) {
            return check(call, seen, Verdict.PASSED, "denied with " + seen.status, evidence);
        }
        return check(call, seen, Verdict.CRITICAL, "expected one of " + config.denialStatuses() + " for "
                + call.caller + "'s token on " + call.owner + "'s resource, got " + seen.status, evidence);
    }

    private List<String> evidence(Call call, Observation seen, boolean control) {
        List<String> evidence = new ArrayList<>();
        evidence.add("request: " + call.endpoint.method() + " " + redactor.redact(call.uri.toString()) + " with "
                + call.caller + "'s token" + (control ? " (positive control)" : ""));
        evidence.add(seen.error == null ? "status: " + seen.status : "error: " + seen.error);
        if (seen.excerpt != null && !seen.excerpt.isEmpty()) {
            evidence.add("body: " + seen.excerpt);
        }
        evidence.add("latency: " + seen.latencyMillis + " ms");
        return evidence;
    }

    private CheckResult check(Call call, Observation seen, Verdict verdict, String summary, List<String> evidence) {
        return new CheckResult(PROBE, call.caller + "->" + call.owner + " " + call.endpoint.describe(call.owner),
                verdict, redactor.redact(summary), evidence.stream().map(redactor::redact).toList(),
                seen.startedAt, seen.latencyMillis);
    }

    private record Call(String caller, String owner, RequestTemplate endpoint, URI uri, Map<String, String> headers) {
        boolean control() {
            return caller.equals(owner);
        }
    }

    private record ControlKey(String tenant, RequestTemplate endpoint) {
    }

    /** The part of a reply a check keeps: status, a redacted body excerpt, or the error. */
    private record Observation(int status, String excerpt, String error, Instant startedAt, long latencyMillis) {

        static Observation of(HttpReply reply, Instant startedAt, SecretRedactor redactor) {
            long millis = reply.latencyNanos() / 1_000_000;
            if (!reply.answered()) {
                String error = (reply.timedOut() ? "timed out: " : "no response: ") + redactor.redact(reply.error());
                return new Observation(0, null, error, startedAt, millis);
            }
            return new Observation(reply.status(), Excerpt.of(reply.body(), redactor), null, startedAt, millis);
        }

        boolean succeeded() {
            return error == null && status >= 200 && status < 300;
        }

        String outcome() {
            return error != null ? error : "status " + status;
        }
    }

    /** Reports every 10% of the matrix, once each, whichever completion thread crosses the mark. */
    private final class Progress {
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final AtomicInteger reportedDecile = new AtomicInteger();

        Progress(int total) {
            this.total = total;
        }

        void completed() {
            int now = done.incrementAndGet();
            int decile = (int) ((long) now * 10 / total);
            int last = reportedDecile.get();
            if (decile > last && decile < 10 && reportedDecile.compareAndSet(last, decile)) {
                listener.info(PROBE + ": " + decile * 10 + "% (" + now + "/" + total + " calls)");
            }
        }
    }
}
