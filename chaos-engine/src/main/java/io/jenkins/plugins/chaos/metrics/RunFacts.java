package io.jenkins.plugins.chaos.metrics;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the numbers the metrics need out of a run: which isolation layer and tenant a check belongs to, and what
 * the failover stream measured. Kept apart from {@link ChaosMetrics} so that the derivation can be tested alone.
 */
final class RunFacts {

    static final String UNKNOWN = "unknown";
    /** The source tenant is what precedes the arrow: {@code alice->bob GET ...}, {@code carol -> alice:8080}. */
    private static final Pattern SOURCE_TENANT = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9_.:/-]*?)\\s*->");
    private static final Pattern TARGET_TENANT = Pattern.compile("->\\s*([A-Za-z0-9][A-Za-z0-9_.-]*)");
    private static final int MAX_LABEL = 63;

    private RunFacts() {
    }

    static boolean isIsolation(CheckResult check) {
        return ProbeIds.isIsolation(check.probe());
    }

    static boolean isFailover(CheckResult check) {
        return ProbeIds.isFailover(check.probe());
    }

    /** {@code isolation.api} -> api; only the three known layers become label values, to bound cardinality. */
    static String layer(CheckResult check) {
        String probe = check.probe().toLowerCase(Locale.ROOT);
        for (String layer : new String[] {"api", "network", "rbac"}) {
            if (probe.equals(ProbeIds.ISOLATION + "." + layer) || probe.startsWith(ProbeIds.ISOLATION + "." + layer + ".")) {
                return layer;
            }
        }
        return "other";
    }

    static String sourceTenant(CheckResult check) {
        Matcher m = SOURCE_TENANT.matcher(check.name());
        if (!m.find()) {
            return UNKNOWN;
        }
        String tenant = m.group(1);
        // "ns/pod -> ..." names the namespace first; the namespace is the tenant
        int slash = tenant.indexOf('/');
        if (slash > 0) {
            tenant = tenant.substring(0, slash);
        }
        return tenant.length() > MAX_LABEL ? tenant.substring(0, MAX_LABEL) : tenant;
    }

    /** The tenant after the arrow ({@code alice->bob GET ...}, {@code carol -> alice:8080}); empty without one. */
    static Optional<String> targetTenant(CheckResult check) {
        Matcher m = TARGET_TENANT.matcher(check.name());
        if (!m.find()) {
            return Optional.empty();
        }
        String tenant = m.group(1);
        int cut = tenant.indexOf('/');
        if (cut > 0) {
            tenant = tenant.substring(0, cut);
        }
        return Optional.of(tenant.length() > MAX_LABEL ? tenant.substring(0, MAX_LABEL) : tenant);
    }

    /** The run's failover outcome, or empty when it ran no failover check. */
    static Optional<String> failoverOutcome(RunResult run) {
        Verdict worst = null;
        boolean anyRan = false;
        for (CheckResult check : run.checks()) {
            if (isFailover(check)) {
                worst = worst == null ? check.verdict() : worst.worst(check.verdict());
                anyRan |= check.verdict() != Verdict.ERROR;
            }
        }
        if (worst == null) {
            return Optional.empty();
        }
        if (!anyRan) {
            return Optional.of("error");
        }
        if (expectsDegradation(run)) {
            // A total outage: nothing can fail over; graceful errors are the right answer, ungraceful ones are not.
            return Optional.of(worst == Verdict.CRITICAL ? "no_failover" : "degraded");
        }
        boolean streamSeen = run.timeline().stream().anyMatch(TimelinePoint::faultActive);
        boolean failedOver = firstSecondaryDuringFault(run).isPresent();
        if ((streamSeen && !failedOver) || (!streamSeen && worst == Verdict.CRITICAL)) {
            return Optional.of("no_failover");
        }
        return Optional.of(worst == Verdict.PASSED ? "failed_over" : "degraded");
    }

    /**
     * Seconds from the fault's injection to the end of the first second in which the secondary provider answered:
     * the timeline has one-second resolution, and the upper end is the conservative reading for an SLO.
     * Empty when the run has no stream with a fault in it; +Inf when the secondary never answered.
     */
    static OptionalDouble failoverSeconds(RunResult run) {
        if (run.timeline().stream().noneMatch(TimelinePoint::faultActive) || expectsDegradation(run)) {
            return OptionalDouble.empty();
        }
        Optional<TimelinePoint> first = firstSecondaryDuringFault(run);
        if (first.isEmpty()) {
            return OptionalDouble.of(Double.POSITIVE_INFINITY);
        }
        double injected = injectedEpochSeconds(run);
        return OptionalDouble.of(Math.max(0.0, first.get().epochSecond() + 1 - injected));
    }

    /** The failover probe ran with {@code expect: graceful-degradation}: there is no failover time to report. */
    private static boolean expectsDegradation(RunResult run) {
        return run.checks().stream().anyMatch(c -> isFailover(c) && c.name().equals(ProbeIds.GRACEFUL_DEGRADATION_CHECK));
    }

    private static Optional<TimelinePoint> firstSecondaryDuringFault(RunResult run) {
        double injected = injectedEpochSeconds(run);
        return run.timeline().stream()
                .filter(p -> p.faultActive() && p.secondary() > 0 && p.epochSecond() + 1 > injected)
                .findFirst();
    }

    private static double injectedEpochSeconds(RunResult run) {
        return run.faults().stream().map(FaultRecord::injectedAt).filter(Objects::nonNull)
                .mapToDouble(i -> i.getEpochSecond() + i.getNano() / 1e9).min()
                .orElseGet(() -> run.timeline().stream().filter(TimelinePoint::faultActive)
                        .mapToDouble(TimelinePoint::epochSecond).min().orElse(0));
    }

    /**
     * 1 when the provider served where it should have: the primary in the seconds outside the fault window (before
     * the injection and after the recovery), the secondary inside it; 0 when it did not; empty without a stream.
     */
    static OptionalDouble providerHealth(RunResult run, boolean primary) {
        List<TimelinePoint> window = run.timeline().stream()
                .filter(p -> p.requests() > 0 && p.faultActive() != primary).toList();
        if (window.isEmpty()) {
            return OptionalDouble.empty();
        }
        boolean served = window.stream().anyMatch(p -> (primary ? p.primary() : p.secondary()) > 0);
        return OptionalDouble.of(served ? 1 : 0);
    }

    /** Held share of the run's isolation checks that ran; empty when none ran. */
    static OptionalDouble isolationSuccessRatio(RunResult run) {
        long ran = 0;
        long held = 0;
        for (CheckResult check : run.checks()) {
            if (isIsolation(check) && check.verdict() != Verdict.ERROR) {
                ran++;
                held += check.verdict() == Verdict.PASSED ? 1 : 0;
            }
        }
        return ran == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) held / ran);
    }

    /** Failed share of the whole stream, graceful errors included: the caller got no answer either way. */
    static OptionalDouble errorRatio(RunResult run) {
        long requests = 0;
        long errors = 0;
        for (TimelinePoint p : run.timeline()) {
            requests += p.requests();
            errors += p.gracefulErrors() + p.ungraceful();
        }
        return requests == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) errors / requests);
    }

    /**
     * The highest per-second latency quantile of the stream. The timeline keeps quantiles per second, not the
     * raw samples; their maximum is an upper bound of the stream's own quantile, the safe side for a warning.
     */
    static OptionalDouble latencySeconds(RunResult run, double quantile) {
        return run.timeline().stream().filter(p -> p.requests() > 0)
                .mapToDouble(p -> quantile >= 0.99 ? p.p99Millis() : quantile >= 0.95 ? p.p95Millis() : p.p50Millis())
                .max().stream().map(ms -> ms / 1000.0).findFirst();
    }
}
