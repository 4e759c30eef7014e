package io.jenkins.plugins.chaos.verdict;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Everything one run produced. Plain serializable values, so that a run can travel from a Jenkins agent back
 * to the controller and be written as the journal.
 *
 * @param experiment  the experiment's name
 * @param environment where it ran (staging, prod-eu, playground), part of alert dedup keys
 * @param runId       unique id, also the label on every chaos resource the run created
 * @param startedAt   start of the run
 * @param finishedAt  end of the run, after recovery
 * @param faults      every fault applied
 * @param checks      every check with its verdict; a {@link CheckLog} is kept as it is (spooled, not copied)
 * @param timeline    per-second samples of the failover probe (empty when no such probe ran)
 * @param abortReason why a stop condition ended the fault early; null when it was not aborted
 * @param notes       anything else the operator should know (dry run, sweeps, alert delivery problems)
 * @param scoreWeights the experiment's probe weights for the {@link ResilienceScore} (empty: equal weights)
 */
public record RunResult(String experiment, String environment, String runId, Instant startedAt, Instant finishedAt,
                        List<FaultRecord> faults, List<CheckResult> checks, List<TimelinePoint> timeline,
                        String abortReason, List<String> notes, Map<String, Double> scoreWeights) implements Serializable {

    public RunResult {
        faults = faults == null ? List.of() : List.copyOf(faults);
        // A spooled log stays on disk: copying it would bring every check into memory.
        checks = checks == null ? List.of() : checks instanceof CheckLog ? checks : List.copyOf(checks);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
        notes = notes == null ? List.of() : List.copyOf(notes);
        scoreWeights = scoreWeights == null ? Map.of() : Map.copyOf(scoreWeights);
    }

    /** A run whose probes all weigh the same. */
    public RunResult(String experiment, String environment, String runId, Instant startedAt, Instant finishedAt,
                     List<FaultRecord> faults, List<CheckResult> checks, List<TimelinePoint> timeline,
                     String abortReason, List<String> notes) {
        this(experiment, environment, runId, startedAt, finishedAt, faults, checks, timeline, abortReason, notes, Map.of());
    }

    /** The resilience score, 0..100; empty when no check ran. */
    public OptionalDouble score() {
        return ResilienceScore.of(this);
    }

    /** The worst verdict of all checks; a run that checked nothing passed only if it also injected nothing wrongly. */
    public Verdict verdict() {
        if (checks instanceof CheckLog log) {
            return log.worst();
        }
        Verdict worst = Verdict.PASSED;
        for (CheckResult check : checks) {
            worst = worst.worst(check.verdict());
        }
        return worst;
    }

    public boolean aborted() {
        return abortReason != null;
    }

    public long count(Verdict verdict) {
        if (checks instanceof CheckLog log) {
            return log.count(verdict);
        }
        return checks.stream().filter(c -> c.verdict() == verdict).count();
    }
}
