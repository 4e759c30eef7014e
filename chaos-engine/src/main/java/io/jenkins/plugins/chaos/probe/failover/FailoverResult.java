package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.TimelinePoint;

import java.io.Serializable;
import java.util.List;

/**
 * What one failover probe run produced.
 *
 * @param checks      the five checks (failover time, ungraceful errors, latency p95, error rate, recovery)
 * @param timeline    one point per second of the stream
 * @param stats       the measurements behind the checks
 * @param stoppedEarly why the stream ended before its duration (a CRITICAL with stopOnCritical, or stop()), or null
 */
public record FailoverResult(List<CheckResult> checks, List<TimelinePoint> timeline, FailoverStats stats,
                             String stoppedEarly) implements Serializable {

    public FailoverResult {
        checks = List.copyOf(checks);
        timeline = List.copyOf(timeline);
    }

    public CheckResult check(String name) {
        return checks.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("check: '" + name + "' is unknown; checks are "
                        + checks.stream().map(CheckResult::name).toList()));
    }
}
