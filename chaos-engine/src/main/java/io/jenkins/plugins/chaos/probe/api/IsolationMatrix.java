package io.jenkins.plugins.chaos.probe.api;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.experiment.RequestTemplate;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.probe.http.Excerpt;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API layer's matrix, apart from how its calls are sent: the calls in order (caller x owner per endpoint, the
 * caller == owner ones being the positive controls), and the judging of what each call saw. {@link ApiIsolationProbe}
 * sends it through the engine's client; a benchmark may send the same calls through another and get the same checks.
 */
public final class IsolationMatrix {

    private final ApiIsolationConfig config;
    private final SecretRedactor redactor;
    private final String base;
    private final List<String> tenants;
    private final List<Call> calls = new ArrayList<>();

    /** @throws IllegalArgumentException listing every configuration problem, by field */
    public IsolationMatrix(ApiIsolationConfig config) {
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid isolation.api configuration: " + String.join("; ", errors));
        }
        this.config = config;
        this.redactor = new SecretRedactor(config.tenants().values());
        String url = config.gatewayUrl().trim();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.tenants = List.copyOf(config.tenants().keySet());
        for (RequestTemplate endpoint : config.endpoints()) {
            // A URI per resource, shared by the calls on it: not one per call.
            Map<String, URI> resources = new HashMap<>();
            tenants.forEach(owner -> resources.put(owner, URI.create(base + endpoint.pathFor(owner))));
            for (String caller : tenants) {
                for (String owner : tenants) {
                    calls.add(new Call(caller, owner, endpoint, resources.get(owner)));
                }
            }
        }
    }

    /** One request of the matrix: {@code caller}'s token on {@code owner}'s resource. */
    public record Call(String caller, String owner, RequestTemplate endpoint, URI uri) {
        public boolean control() {
            return caller.equals(owner);
        }
    }

    /** The part of a reply a check keeps: status, a redacted body excerpt, or the error. */
    public record Observation(int status, String excerpt, String error, Instant startedAt, long latencyNanos) {

        /** An answer; the body is cut to an excerpt and redacted here, so that no body is held whole. */
        public static Observation answered(int status, String body, long latencyNanos, SecretRedactor redactor) {
            return new Observation(status, Excerpt.of(body, redactor), null, Instant.now().minusNanos(latencyNanos),
                    latencyNanos);
        }

        /** No answer: {@code error} as the check shows it ("timed out: ...", "no response: ..."), already redacted. */
        public static Observation failed(String error, long latencyNanos) {
            return new Observation(0, null, error, Instant.now().minusNanos(latencyNanos), latencyNanos);
        }

        long latencyMillis() {
            return latencyNanos / 1_000_000;
        }

        boolean succeeded() {
            return error == null && status >= 200 && status < 300;
        }

        String outcome() {
            return error != null ? error : "status " + status;
        }
    }

    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<String> tenants() {
        return tenants;
    }

    /** The gateway's base URL, without a trailing slash. */
    public String base() {
        return base;
    }

    /** Masks every tenant's token. */
    public SecretRedactor redactor() {
        return redactor;
    }

    /** What the matrix is, for the console before it is sent. */
    public String describe() {
        int total = calls.size();
        int controls = tenants.size() * config.endpoints().size();
        return tenants.size() + " tenants x " + config.endpoints().size() + " endpoints: " + (total - controls)
                + " cross-tenant calls and " + controls + " positive controls against " + redactor.redact(base) + " ("
                + config.concurrency() + " in flight)";
    }

    /** One line for the console after the checks: how many, how many broke. */
    public static String tally(List<CheckResult> checks) {
        long breaches = checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count();
        long errors = checks.stream().filter(c -> c.verdict() == Verdict.ERROR).count();
        return checks.size() + " checks, " + breaches + " CRITICAL, " + errors + " ERROR";
    }

    /** Reports every 10% of the matrix as {@code label: 10% (n/total calls)}, once each, from any sending thread. */
    public Runnable progress(RunListener listener, String label) {
        int total = calls.size();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger reportedDecile = new AtomicInteger();
        return () -> {
            int now = done.incrementAndGet();
            int decile = (int) ((long) now * 10 / total);
            int last = reportedDecile.get();
            if (decile > last && decile < 10 && reportedDecile.compareAndSet(last, decile)) {
                listener.info(label + ": " + decile * 10 + "% (" + now + "/" + total + " calls)");
            }
        };
    }

    /** @param observed what call {@code i} of {@link #calls()} saw, for every i */
    public List<CheckResult> judge(Observation[] observed) {
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
        evidence.add("latency: " + seen.latencyMillis() + " ms");
        return evidence;
    }

    private CheckResult check(Call call, Observation seen, Verdict verdict, String summary, List<String> evidence) {
        return new CheckResult(ApiIsolationProbe.PROBE, call.caller + "->" + call.owner + " "
                + call.endpoint.describe(call.owner), verdict, redactor.redact(summary),
                evidence.stream().map(redactor::redact).toList(), seen.startedAt, seen.latencyMillis());
    }

    private record ControlKey(String tenant, RequestTemplate endpoint) {
    }
}
