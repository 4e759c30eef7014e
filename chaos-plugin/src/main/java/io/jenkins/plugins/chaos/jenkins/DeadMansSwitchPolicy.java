package io.jenkins.plugins.chaos.jenkins;

import java.util.HashSet;
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

    public synchronized Set<String> overdueJobs() {
        return Set.copyOf(overdue);
    }
}
