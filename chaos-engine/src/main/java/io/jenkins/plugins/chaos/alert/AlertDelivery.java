package io.jenkins.plugins.chaos.alert;

import java.io.Serializable;
import java.time.Instant;

/**
 * One message sent (or not) to one channel.
 *
 * @param channel        PagerDuty or Slack
 * @param action         {@code trigger} or {@code resolve} for PagerDuty, {@code notify} for Slack
 * @param dedupKey       the PagerDuty dedup_key; null for Slack
 * @param checkId        the check it is about; null for the per-run Slack message
 * @param delivered      whether the endpoint accepted it
 * @param attempts       HTTP attempts made
 * @param lastStatus     the last HTTP status seen, 0 when none arrived (timeout, connection error)
 * @param error          why it was not delivered, free of secrets; null when delivered
 * @param responseMillis from breach detection (the check's start plus its duration) to acceptance; -1 when not
 *                       delivered
 * @param acceptedAt     when the endpoint accepted it; null when not delivered
 */
public record AlertDelivery(AlertChannel channel, String action, String dedupKey, String checkId, boolean delivered,
                            int attempts, int lastStatus, String error, long responseMillis, Instant acceptedAt)
        implements Serializable {

    private static final long serialVersionUID = 2L;

    public AlertDelivery(AlertChannel channel, String action, String dedupKey, String checkId, boolean delivered,
                         int attempts, int lastStatus, String error, long responseMillis) {
        this(channel, action, dedupKey, checkId, delivered, attempts, lastStatus, error, responseMillis, null);
    }

    public double responseSeconds() {
        return responseMillis / 1000.0;
    }

    /** One line for the console and the run's notes. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(channel == AlertChannel.PAGERDUTY ? "PagerDuty " : "Slack ").append(action);
        if (dedupKey != null) {
            out.append(' ').append(dedupKey);
        }
        if (delivered) {
            out.append(": delivered after ").append(attempts).append(" attempt(s), ")
                    .append(responseMillis).append(" ms after detection");
        } else {
            out.append(": NOT delivered after ").append(attempts).append(" attempt(s): ").append(error);
        }
        return out.toString();
    }
}
