package io.jenkins.plugins.chaos.metrics;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;

import java.util.OptionalDouble;

/**
 * One number per run for dashboards and Slack: 100 when every check that ran passed, 0 when all breached.
 * A warning counts half (the system held but degraded). Checks that could not run are left out rather than
 * counted as passes, and a run where nothing ran has no score at all: an absent score is honest, a 100 is not.
 */
public final class ResilienceScore {

    private ResilienceScore() {
    }

    public static OptionalDouble of(RunResult run) {
        double points = 0;
        int ran = 0;
        for (CheckResult check : run.checks()) {
            if (check.verdict() == Verdict.ERROR) {
                continue;
            }
            ran++;
            if (check.verdict() == Verdict.PASSED) {
                points += 1.0;
            } else if (check.verdict() == Verdict.WARNING) {
                points += 0.5;
            }
        }
        return ran == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.round(1000.0 * points / ran) / 10.0);
    }
}
