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
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API layer's matrix, apart from how its calls are sent: the positive controls first (every tenant on its own
 * resource, per endpoint), then the cross-tenant calls of the run's {@link CrossSelection} (every ordered pair x
 * endpoint, or a rotating slice of them), and the judging of what each call saw. Calls are computed from their
 * index, never held as a list, so that a matrix of 160,000 calls costs no memory before it is sent.
 * {@link ApiIsolationProbe} sends it through the engine's client; a benchmark may send the same calls through
 * another and get the same checks.
 */
public final class IsolationMatrix {

    private final ApiIsolationConfig config;
    private final SecretRedactor redactor;
    private final String base;
    private final List<String> tenants;
    private final List<RequestTemplate> endpoints;
    /** resources[endpoint][owner]: a URI per resource, shared by the calls on it. */
    private final URI[][] resources;
    private final CrossSelection selection;
    private final Map<String, Integer> tenantIndex = new HashMap<>();
    private final Map<RequestTemplate, Integer> endpointIndex = new HashMap<>();

    /** Every ordered pair on every endpoint. @throws IllegalArgumentException listing every configuration problem */
    public IsolationMatrix(ApiIsolationConfig config) {
        this(config, null);
    }

    /**
     * @param selection the cross-tenant calls of this run, as indices of {@link #crossSpace()}; null: all of them
     * @throws IllegalArgumentException listing every configuration problem, by field
     */
    public IsolationMatrix(ApiIsolationConfig config, CrossSelection selection) {
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid isolation.api configuration: " + String.join("; ", errors));
        }
        this.config = config;
        this.redactor = new SecretRedactor(config.tenants().values());
        String url = config.gatewayUrl().trim();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.tenants = List.copyOf(config.tenants().keySet());
        this.endpoints = config.endpoints();
        this.resources = new URI[endpoints.size()][tenants.size()];
        for (int t = 0; t < tenants.size(); t++) {
            tenantIndex.put(tenants.get(t), t);
        }
        for (int e = 0; e < endpoints.size(); e++) {
            endpointIndex.put(endpoints.get(e), e);
        }
        for (int e = 0; e < endpoints.size(); e++) {
            for (int t = 0; t < tenants.size(); t++) {
                resources[e][t] = URI.create(base + endpoints.get(e).pathFor(tenants.get(t)));
            }
        }
        this.selection = selection == null ? CrossSelection.all(crossSpace()) : selection;
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

    /** The number of ordered pairs x endpoints: what a run with {@code pairs: all} tests besides the controls. */
    public int crossSpace() {
        return crossSpace(tenants.size(), endpoints.size());
    }

    static int crossSpace(int tenantCount, int endpointCount) {
        long space = (long) tenantCount * (tenantCount - 1) * endpointCount;
        if (space > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tenants x tenants x endpoints is " + space + " calls; at most "
                    + Integer.MAX_VALUE);
        }
        return (int) space;
    }

    /** The positive controls: every tenant on its own resource, per endpoint; they come first. */
    public int controls() {
        return tenants.size() * endpoints.size();
    }

    /** Calls of this run: the controls and the selected cross-tenant calls. */
    public int size() {
        return controls() + selection.size();
    }

    public CrossSelection selection() {
        return selection;
    }

    /** Call {@code i} of this run: controls at 0 to {@link #controls()} - 1, then the selected cross-tenant calls. */
    public Call call(int i) {
        int n = tenants.size();
        if (i < controls()) {
            int e = i / n;
            int t = i % n;
            return new Call(tenants.get(t), tenants.get(t), endpoints.get(e), resources[e][t]);
        }
        return crossCall(selection.index(i - controls()));
    }

    /** Cross-tenant call {@code index} of the whole space: endpoint-major, then caller, then owner (caller excluded). */
    public Call crossCall(int index) {
        int n = tenants.size();
        int perEndpoint = n * (n - 1);
        int e = index / perEndpoint;
        int rest = index % perEndpoint;
        int caller = rest / (n - 1);
        int other = rest % (n - 1);
        int owner = other < caller ? other : other + 1;
        return new Call(tenants.get(caller), tenants.get(owner), endpoints.get(e), resources[e][owner]);
    }

    /** The check's name for a cross-tenant call of the space, as the judge names it. */
    public String crossName(int index) {
        return name(crossCall(index));
    }

    /** The calls of this run as a list computed on access (nothing held per call). */
    public List<Call> calls() {
        int total = size();
        return new AbstractList<>() {
            @Override
            public Call get(int index) {
                return call(index);
            }

            @Override
            public int size() {
                return total;
            }
        };
    }

    public List<String> tenants() {
        return tenants;
    }

    public List<RequestTemplate> endpoints() {
        return endpoints;
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
        String cross = selection.size() == crossSpace() ? selection.size() + " cross-tenant calls"
                : selection.size() + " of " + crossSpace() + " cross-tenant calls (a rotating slice)";
        return tenants.size() + " tenants x " + endpoints.size() + " endpoints: " + cross + " and " + controls()
                + " positive controls against " + redactor.redact(base) + " (" + config.concurrency() + " in flight)";
    }

    /** One line for the console after the checks: how many, how many broke. */
    public static String tally(List<CheckResult> checks) {
        long breaches = checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count();
        long errors = checks.stream().filter(c -> c.verdict() == Verdict.ERROR).count();
        return checks.size() + " checks, " + breaches + " CRITICAL, " + errors + " ERROR";
    }

    /** Reports every 10% of the matrix as {@code label: 10% (n/total calls)}, once each, from any sending thread. */
    public Runnable progress(RunListener listener, String label) {
        int total = size();
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

    /** What the positive controls saw, by tenant and endpoint; the judge of a cross-tenant call needs both ends'. */
    public final class Controls {
        private final Observation[] seen = new Observation[controls()];

        /** @param i the index of a control call, 0 to {@link #controls()} - 1 */
        public void put(int i, Observation observation) {
            seen[i] = observation;
        }

        Observation of(String tenant, RequestTemplate endpoint) {
            return seen[endpointIndex.get(endpoint) * tenants.size() + tenantIndex.get(tenant)];
        }
    }

    public Controls newControls() {
        return new Controls();
    }

    /** @param observed what call {@code i} of {@link #calls()} saw, for every i */
    public List<CheckResult> judge(Observation[] observed) {
        Controls controls = newControls();
        for (int i = 0; i < controls(); i++) {
            controls.put(i, observed[i]);
        }
        List<CheckResult> checks = new ArrayList<>(observed.length);
        for (int i = 0; i < observed.length; i++) {
            checks.add(judge(call(i), observed[i], controls));
        }
        return checks;
    }

    /** The check of one call; a cross-tenant call is judged against the controls, which must all be in. */
    public CheckResult judge(Call call, Observation seen, Controls controls) {
        return call.control() ? judgeControl(call, seen) : judgeCross(call, seen, controls);
    }

    private CheckResult judgeControl(Call call, Observation seen) {
        if (seen.succeeded()) {
            return passed(call, seen, "positive control: " + call.caller + " reached its own resource (" + seen.status + ")");
        }
        return check(call, seen, Verdict.ERROR, "positive control failed: " + call.caller + " could not use its own "
                + call.endpoint.describe(call.owner) + " (" + seen.outcome() + "); isolation cannot be judged",
                evidence(call, seen, true));
    }

    private CheckResult judgeCross(Call call, Observation seen, Controls controls) {
        if (seen.succeeded()) {
            return check(call, seen, Verdict.CRITICAL, "isolation breach: " + call.caller + "'s token got "
                    + seen.status + " on " + call.owner + "'s " + call.endpoint.describe(call.owner), evidence(call, seen, false));
        }
        if (seen.error != null) {
            return check(call, seen, Verdict.ERROR, "could not check: " + seen.error, evidence(call, seen, false));
        }
        List<String> failedControls = new ArrayList<>();
        for (String tenant : List.of(call.caller, call.owner)) {
            Observation control = controls.of(tenant, call.endpoint);
            if (!control.succeeded()) {
                failedControls.add(tenant + " on its own " + call.endpoint.describe(tenant) + ": " + control.outcome());
            }
        }
        if (!failedControls.isEmpty()) {
            List<String> evidence = evidence(call, seen, false);
            evidence.add("positive control failed: " + String.join("; ", failedControls));
            return check(call, seen, Verdict.ERROR, "positive control failed (" + String.join("; ", failedControls)
                    + "), so the " + seen.status + " proves nothing", evidence);
        }
        if (config.denialStatuses().contains(seen.status)) {
            return passed(call, seen, "denied with " + seen.status);
        }
        return check(call, seen, Verdict.CRITICAL, "expected one of " + config.denialStatuses() + " for "
                + call.caller + "'s token on " + call.owner + "'s resource, got " + seen.status, evidence(call, seen, false));
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

    /** A passed check keeps its id, verdict, one-line summary and timing; evidence is for checks that did not pass. */
    private CheckResult passed(Call call, Observation seen, String summary) {
        return new CheckResult(ApiIsolationProbe.PROBE, name(call), Verdict.PASSED, summary, List.of(),
                seen.startedAt, seen.latencyMillis());
    }

    private CheckResult check(Call call, Observation seen, Verdict verdict, String summary, List<String> evidence) {
        return new CheckResult(ApiIsolationProbe.PROBE, name(call), verdict, redactor.redact(summary),
                evidence.stream().map(redactor::redact).toList(), seen.startedAt, seen.latencyMillis());
    }

    private static String name(Call call) {
        return call.caller + "->" + call.owner + " " + call.endpoint.describe(call.owner);
    }
}
