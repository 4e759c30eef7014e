package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.plan.FailoverExpectation;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the failover measurements into the five checks of the runbook, each with its evidence. */
final class FailoverJudge {

    static final String FAILOVER_TIME = "failover time";
    static final String GRACEFUL_DEGRADATION = ProbeIds.GRACEFUL_DEGRADATION_CHECK;
    static final String UNGRACEFUL = "ungraceful errors";
    static final String LATENCY_P95 = "latency p95";
    static final String ERROR_RATE = "error rate";
    static final String RECOVERY = "recovery";

    private final FailoverConfig config;
    private final Instant startedAt;
    private final long durationMillis;

    FailoverJudge(FailoverConfig config, Instant startedAt, long durationMillis) {
        this.config = config;
        this.startedAt = startedAt;
        this.durationMillis = durationMillis;
    }

    /** The name of the check that times the switch: to the secondary, or to graceful errors. */
    static String timeCheck(FailoverExpectation expectation) {
        return expectation == FailoverExpectation.FAILOVER ? FAILOVER_TIME : GRACEFUL_DEGRADATION;
    }

    List<CheckResult> judge(FailoverRecorder.Summary summary) {
        CheckResult switched = config.expectation() == FailoverExpectation.FAILOVER
                ? failoverTime(summary) : gracefulDegradation(summary);
        return List.of(switched, ungraceful(summary), latency(summary.stats()),
                config.expectation() == FailoverExpectation.FAILOVER ? errorRate(summary.stats()) : errorRateOutsideOutage(summary),
                recovery(summary.stats()));
    }

    private CheckResult failoverTime(FailoverRecorder.Summary summary) {
        FailoverStats stats = summary.stats();
        List<String> evidence = new ArrayList<>();
        evidence.add("fault injected at: " + (stats.injectedAt() == null ? "never reported" : stats.injectedAt()));
        evidence.add("during the fault: " + summary.duringFault(ResponseClass.PRIMARY) + " primary, "
                + summary.duringFault(ResponseClass.SECONDARY) + " " + config.secondary() + ", "
                + summary.duringFault(ResponseClass.GRACEFUL_ERROR) + " graceful errors, "
                + summary.duringFault(ResponseClass.UNGRACEFUL) + " ungraceful");
        evidence.add("threshold: " + config.maxFailoverTime());
        if (stats.injectedAt() == null) {
            return check(FAILOVER_TIME, Verdict.ERROR, "the fault's injection was never reported, so failover time "
                    + "could not be measured", evidence);
        }
        if (stats.failoverMillis() != null) {
            evidence.add("first response served by " + config.secondary() + ": " + stats.failoverMillis() + " ms after injection");
            if (stats.failoverMillis() > config.maxFailoverTimeValue().toMillis()) {
                return check(FAILOVER_TIME, Verdict.CRITICAL, "failover took " + seconds(stats.failoverMillis())
                        + ", more than " + config.maxFailoverTime(), evidence);
            }
            return check(FAILOVER_TIME, Verdict.PASSED, "failed over in " + seconds(stats.failoverMillis()), evidence);
        }
        long ungracefulDuringFault = summary.duringFault(ResponseClass.UNGRACEFUL);
        long gracefulDuringFault = summary.duringFault(ResponseClass.GRACEFUL_ERROR);
        if (ungracefulDuringFault > 0 || gracefulDuringFault > 0) {
            // A graceful error is what users get when nothing took over: right for a total outage
            // (expect: graceful-degradation), a failed failover here.
            return check(FAILOVER_TIME, Verdict.CRITICAL, "no failover: " + (ungracefulDuringFault + gracefulDuringFault)
                    + " error responses (" + gracefulDuringFault + " graceful, " + ungracefulDuringFault
                    + " ungraceful) while the fault was active and none served by " + config.secondary(), evidence);
        }
        long duringFault = summary.duringFault(ResponseClass.PRIMARY);
        if (duringFault == 0) {
            return check(FAILOVER_TIME, Verdict.ERROR, "no response completed while the fault was active, so failover "
                    + "could not be judged", evidence);
        }
        return check(FAILOVER_TIME, Verdict.PASSED, "no failover was needed: " + config.primary()
                + " kept serving during the fault", evidence);
    }

    /**
     * A total outage: every provider is down, so the gateway must answer graceful errors from the injection on, and
     * fast; how gracefully is the ungraceful check's, how fast the latency check's, the return the recovery check's.
     */
    private CheckResult gracefulDegradation(FailoverRecorder.Summary summary) {
        FailoverStats stats = summary.stats();
        List<String> evidence = new ArrayList<>();
        evidence.add("expectation: graceful-degradation (every provider down)");
        evidence.add("fault injected at: " + (stats.injectedAt() == null ? "never reported" : stats.injectedAt()));
        long graceful = summary.duringFault(ResponseClass.GRACEFUL_ERROR);
        long ungracefulDuringFault = summary.duringFault(ResponseClass.UNGRACEFUL);
        long served = summary.duringFault(ResponseClass.PRIMARY) + summary.duringFault(ResponseClass.SECONDARY);
        evidence.add("during the fault: " + graceful + " graceful errors, " + ungracefulDuringFault + " ungraceful, "
                + served + " served");
        evidence.add("threshold: graceful errors within " + config.maxFailoverTime() + " of the injection");
        if (stats.injectedAt() == null) {
            return check(GRACEFUL_DEGRADATION, Verdict.ERROR, "the fault's injection was never reported, so "
                    + "degradation could not be judged", evidence);
        }
        if (ungracefulDuringFault > 0) {
            return check(GRACEFUL_DEGRADATION, Verdict.CRITICAL, ungracefulDuringFault + " of "
                    + (graceful + ungracefulDuringFault + served) + " responses during the outage were not graceful "
                    + "(allowed " + config.gracefulStatuses() + " with a JSON error body)", evidence);
        }
        if (stats.failoverMillis() == null) {
            return check(GRACEFUL_DEGRADATION, Verdict.ERROR, "no response completed while the fault was active, so "
                    + "degradation could not be judged", evidence);
        }
        evidence.add("first graceful or served response: " + stats.failoverMillis() + " ms after injection");
        if (stats.failoverMillis() > config.maxFailoverTimeValue().toMillis()) {
            return check(GRACEFUL_DEGRADATION, Verdict.CRITICAL, "graceful errors began " + seconds(stats.failoverMillis())
                    + " after the outage, more than " + config.maxFailoverTime(), evidence);
        }
        if (graceful == 0) {
            return check(GRACEFUL_DEGRADATION, Verdict.PASSED, "no degradation was needed: requests kept being served "
                    + "during the fault", evidence);
        }
        return check(GRACEFUL_DEGRADATION, Verdict.PASSED, "degraded gracefully: " + graceful
                + " graceful errors during the outage, the first " + seconds(stats.failoverMillis()) + " after it began",
                evidence);
    }

    private CheckResult ungraceful(FailoverRecorder.Summary summary) {
        FailoverStats stats = summary.stats();
        List<String> evidence = new ArrayList<>();
        evidence.add(counts(stats));
        stats.ungracefulReasons().forEach((reason, count) -> evidence.add("ungraceful, " + reason + ": " + count));
        if (summary.firstUngraceful() != null) {
            evidence.add("first ungraceful response: " + summary.firstUngraceful());
        }
        if (stats.ungraceful() > 0) {
            return check(UNGRACEFUL, Verdict.CRITICAL, stats.ungraceful() + " ungraceful responses (of "
                    + stats.requests() + "); users saw errors that are neither " + config.gracefulStatuses()
                    + " with a JSON error body nor a served request", evidence);
        }
        if (stats.requests() == 0) {
            return check(UNGRACEFUL, Verdict.ERROR, "no request completed", evidence);
        }
        return check(UNGRACEFUL, Verdict.PASSED, "every response was served or a graceful error", evidence);
    }

    private CheckResult latency(FailoverStats stats) {
        List<String> evidence = List.of(String.format(Locale.ROOT, "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms over %d responses",
                stats.p50Millis(), stats.p95Millis(), stats.p99Millis(), stats.maxMillis(), stats.requests()),
                "threshold: p95 below " + config.maxP95());
        if (stats.requests() == 0) {
            return check(LATENCY_P95, Verdict.ERROR, "no request completed", evidence);
        }
        if (stats.p95Millis() > config.maxP95Value().toMillis()) {
            return check(LATENCY_P95, Verdict.WARNING, String.format(Locale.ROOT, "p95 latency %.1f ms is above %s",
                    stats.p95Millis(), config.maxP95()), evidence);
        }
        return check(LATENCY_P95, Verdict.PASSED, String.format(Locale.ROOT, "p95 latency %.1f ms", stats.p95Millis()), evidence);
    }

    private CheckResult errorRate(FailoverStats stats) {
        String rate = percent(stats.errorRate());
        List<String> evidence = List.of(counts(stats), "threshold: at most " + percent(config.maxErrorRate()));
        if (stats.requests() == 0) {
            return check(ERROR_RATE, Verdict.ERROR, "no request completed", evidence);
        }
        if (stats.errorRate() > config.maxErrorRate()) {
            return check(ERROR_RATE, Verdict.WARNING, "error rate " + rate + " is above " + percent(config.maxErrorRate()), evidence);
        }
        return check(ERROR_RATE, Verdict.PASSED, "error rate " + rate, evidence);
    }

    /** In a total outage every request fails by design; the error rate that matters is the one before and after. */
    private CheckResult errorRateOutsideOutage(FailoverRecorder.Summary summary) {
        FailoverStats stats = summary.stats();
        long during = 0;
        for (ResponseClass responseClass : ResponseClass.values()) {
            during += summary.duringFault(responseClass);
        }
        long requests = stats.requests() - during;
        long errors = stats.gracefulErrors() + stats.ungraceful() - summary.duringFault(ResponseClass.GRACEFUL_ERROR)
                - summary.duringFault(ResponseClass.UNGRACEFUL);
        double fraction = requests <= 0 ? 0 : (double) errors / requests;
        List<String> evidence = List.of(counts(stats), "outside the outage: " + errors + " errors of " + requests
                + " responses", "threshold: at most " + percent(config.maxErrorRate()) + " outside the outage");
        if (requests <= 0) {
            return check(ERROR_RATE, Verdict.ERROR, "no request completed outside the outage", evidence);
        }
        if (fraction > config.maxErrorRate()) {
            return check(ERROR_RATE, Verdict.WARNING, "error rate outside the outage " + percent(fraction) + " is above "
                    + percent(config.maxErrorRate()), evidence);
        }
        return check(ERROR_RATE, Verdict.PASSED, "error rate outside the outage " + percent(fraction), evidence);
    }

    private CheckResult recovery(FailoverStats stats) {
        List<String> evidence = new ArrayList<>();
        evidence.add("fault removed at: " + (stats.removedAt() == null ? "never reported" : stats.removedAt()));
        if (stats.removedAt() == null) {
            return check(RECOVERY, Verdict.ERROR, "the fault's removal was not reported before the probe ended, so "
                    + "recovery could not be measured", evidence);
        }
        String whom = config.expectation() == FailoverExpectation.FAILOVER ? config.primary() : "a provider";
        if (stats.recoveryMillis() == null) {
            return check(RECOVERY, Verdict.WARNING, whom + " never served again after the fault was removed "
                    + "(within the probe)", evidence);
        }
        evidence.add("first response served by " + whom + ": " + stats.recoveryMillis() + " ms after removal");
        return check(RECOVERY, Verdict.PASSED, whom + " served again " + seconds(stats.recoveryMillis())
                + " after the fault was removed", evidence);
    }

    private String counts(FailoverStats stats) {
        return stats.requests() + " responses: " + stats.primary() + " " + config.primary() + ", " + stats.secondary()
                + " " + config.secondary() + ", " + stats.gracefulErrors() + " graceful errors, " + stats.ungraceful()
                + " ungraceful";
    }

    private CheckResult check(String name, Verdict verdict, String summary, List<String> evidence) {
        return new CheckResult(FailoverProbe.PROBE, name, verdict, summary, evidence, startedAt, durationMillis);
    }

    private static String seconds(long millis) {
        return millis < 1000 ? millis + " ms" : GoDuration.format(Duration.ofMillis(millis / 100 * 100));
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
