package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides when a scheduled chaos job is overdue, and pages only on the change (overdue -> page once, back on
 * time -> resolve once), so that a check every minute does not send a Slack message every minute.
 */
public final class DeadMansSwitchPolicy {

    public enum Transition { NONE, BECAME_OVERDUE, RECOVERED }

    private final Set<String> overdue = new HashSet<>();

    public static boolean isOverdue(long lastRunMillis, long thresholdMinutes, long nowMillis) {
        return nowMillis - lastRunMillis > thresholdMinutes * 60_000L;
    }

    public synchronized Transition evaluate(String job, long lastRunMillis, long thresholdMinutes, long nowMillis) {
        if (thresholdMinutes <= 0) {
            throw new IllegalArgumentException("deadManThresholdMinutes: must be at least 1, was " + thresholdMinutes);
        }
        boolean late = isOverdue(lastRunMillis, thresholdMinutes, nowMillis);
        if (late && overdue.add(job)) {
            return Transition.BECAME_OVERDUE;
        }
        if (!late && overdue.remove(job)) {
            return Transition.RECOVERED;
        }
        return Transition.NONE;
    }

    /**
     * The switch's state as a run result, so that the alert path (dedup key per check and environment, resolve when
     * it passes again) is the same as for any check.
     */
    public static RunResult result(String jobFullName, String environment, long minutesSinceLastRun,
                                   long thresholdMinutes, boolean overdue) {
        Instant now = Instant.now();
        String summary = overdue
                ? "SRE system down: chaos tests not running: " + jobFullName + " has not run for " + minutesSinceLastRun
                        + " min (threshold " + thresholdMinutes + " min)"
                : jobFullName + " runs again (last run " + minutesSinceLastRun + " min ago)";
        CheckResult check = new CheckResult(ProbeIds.DEADMAN, jobFullName, overdue ? Verdict.CRITICAL : Verdict.PASSED,
                summary, List.of("threshold: " + thresholdMinutes + " min", "since last run: " + minutesSinceLastRun
                + " min"), now, 0);
        return new RunResult("dead-man's switch", environment, "deadman-" + now.toEpochMilli(), now, now, List.of(),
                List.of(check), List.of(), null, List.of());
    }

    public synchronized Set<String> overdueJobs() {
        return Set.copyOf(overdue);
    }
}
