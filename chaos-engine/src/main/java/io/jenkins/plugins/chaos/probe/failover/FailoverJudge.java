package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns the failover measurements into the five checks of the runbook, each with its evidence. */
final class FailoverJudge {

    static final String FAILOVER_TIME = "failover time";
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

    List<CheckResult> judge(FailoverRecorder.Summary summary) {
        return List.of(failoverTime(summary), ungraceful(summary), latency(summary.stats()), errorRate(summary.stats()),
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
            evidence.add("first " + config.secondary() + " or graceful response: " + stats.failoverMillis() + " ms after injection");
            if (stats.failoverMillis() > config.maxFailoverTimeValue().toMillis()) {
                return check(FAILOVER_TIME, Verdict.CRITICAL, "failover took " + seconds(stats.failoverMillis())
                        + ", more than " + config.maxFailoverTime(), evidence);
            }
            return check(FAILOVER_TIME, Verdict.PASSED, "failed over in " + seconds(stats.failoverMillis()), evidence);
        }
        long ungracefulDuringFault = summary.duringFault(ResponseClass.UNGRACEFUL);
        if (ungracefulDuringFault > 0) {
            return check(FAILOVER_TIME, Verdict.CRITICAL, "no failover: " + ungracefulDuringFault
                    + " ungraceful responses while the fault was active and none served by " + config.secondary(), evidence);
        }
        long duringFault = summary.duringFault(ResponseClass.PRIMARY);
        if (duringFault == 0) {
            return check(FAILOVER_TIME, Verdict.ERROR, "no response completed while the fault was active, so failover "
                    + "could not be judged", evidence);
        }
        return check(FAILOVER_TIME, Verdict.PASSED, "no failover was needed: " + config.primary()
                + " kept serving during the fault", evidence);
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

    private CheckResult recovery(FailoverStats stats) {
        List<String> evidence = new ArrayList<>();
        evidence.add("fault removed at: " + (stats.removedAt() == null ? "never reported" : stats.removedAt()));
        if (stats.removedAt() == null) {
            return check(RECOVERY, Verdict.ERROR, "the fault's removal was not reported before the probe ended, so "
                    + "recovery could not be measured", evidence);
        }
        if (stats.recoveryMillis() == null) {
            return check(RECOVERY, Verdict.WARNING, config.primary() + " never served again after the fault was removed "
                    + "(within the probe)", evidence);
        }
        evidence.add("first " + config.primary() + " response: " + stats.recoveryMillis() + " ms after removal");
        return check(RECOVERY, Verdict.PASSED, config.primary() + " served again " + seconds(stats.recoveryMillis())
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
