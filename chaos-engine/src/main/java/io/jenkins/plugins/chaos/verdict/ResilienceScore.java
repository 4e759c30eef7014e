package io.jenkins.plugins.chaos.verdict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One number per run, 0..100, as Litmus computes its resiliency score: each probe scores the share of its checks that
 * held (a warning counts half: the system held but degraded), and the run's score is the weighted mean of the probes'
 * scores, so that 150 isolation checks do not drown the five checks of a failed failover. Checks that could not run are
 * left out rather than counted as passes, and a run where nothing ran has no score at all.
 */
public final class ResilienceScore {

    /** A run with a CRITICAL check scores at most this: a breach can never read as a passing score. */
    public static final double CRITICAL_CAP = 50.0;

    /** The probe of the minScore gate's own check, which the score does not count (it is about the score). */
    public static final String GATE_PROBE = ProbeIds.SCORE;

    private ResilienceScore() {
    }

    /** Equal weights for every probe. */
    public static OptionalDouble of(RunResult run) {
        return of(run, run.scoreWeights());
    }

    /** @param weights probe name (or its first segment, e.g. {@code isolation}) to weight; missing probes weigh 1 */
    public static OptionalDouble of(RunResult run, Map<String, Double> weights) {
        return of(run.checks(), weights);
    }

    /** The score of checks not yet in a {@link RunResult} (the minScore gate decides before the result is built). */
    public static OptionalDouble of(List<CheckResult> checks, Map<String, Double> weights) {
        Map<String, double[]> perProbe = new LinkedHashMap<>();
        for (CheckResult check : checks) {
            if (check.verdict() == Verdict.ERROR || GATE_PROBE.equals(check.probe())) {
                continue;
            }
            double[] pointsAndCount = perProbe.computeIfAbsent(check.probe(), p -> new double[2]);
            pointsAndCount[0] += check.verdict() == Verdict.PASSED ? 1.0 : check.verdict() == Verdict.WARNING ? 0.5 : 0.0;
            pointsAndCount[1]++;
        }
        double weighted = 0;
        double totalWeight = 0;
        for (Map.Entry<String, double[]> probe : perProbe.entrySet()) {
            double weight = weightOf(probe.getKey(), weights);
            weighted += weight * probe.getValue()[0] / probe.getValue()[1];
            totalWeight += weight;
        }
        if (totalWeight == 0) {
            return OptionalDouble.empty();
        }
        double score = Math.round(1000.0 * weighted / totalWeight) / 10.0;
        return OptionalDouble.of(criticals(checks) > 0 ? Math.min(score, CRITICAL_CAP) : score);
    }

    /** Why the score is capped, for the report and the console; empty when it is not. */
    public static String capReason(List<CheckResult> checks) {
        long critical = criticals(checks);
        return critical == 0 ? "" : "resilience score capped at " + CRITICAL_CAP + "/100: " + critical
                + " CRITICAL check(s); a breach is never a passing score";
    }

    private static long criticals(List<CheckResult> checks) {
        return checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL && !GATE_PROBE.equals(c.probe())).count();
    }

    private static double weightOf(String probe, Map<String, Double> weights) {
        if (weights.containsKey(probe)) {
            return weights.get(probe);
        }
        String prefix = probe;
        while (prefix.contains(".")) {
            prefix = prefix.substring(0, prefix.lastIndexOf('.'));
            if (weights.containsKey(prefix)) {
                return weights.get(prefix);
            }
        }
        return 1.0;
    }
}
