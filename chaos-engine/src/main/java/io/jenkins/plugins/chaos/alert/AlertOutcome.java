package io.jenkins.plugins.chaos.alert;

import java.io.Serializable;
import java.util.List;

/**
 * Everything the dispatcher sent for one run. Failed deliveries are listed here, never thrown: the run's
 * verdict stays what the checks decided, whatever happened to the alerts.
 *
 * @param deliveries every delivery attempted, in the order sent
 * @param notes      secret-free remarks for the run's notes (channels switched off, unreadable state file)
 */
public record AlertOutcome(List<AlertDelivery> deliveries, List<String> notes) implements Serializable {

    private static final long serialVersionUID = 1L;

    public AlertOutcome {
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public static AlertOutcome nothingSent() {
        return new AlertOutcome(List.of(), List.of());
    }

    public boolean allDelivered() {
        return deliveries.stream().allMatch(AlertDelivery::delivered);
    }

    public List<AlertDelivery> failures() {
        return deliveries.stream().filter(d -> !d.delivered()).toList();
    }

    public List<AlertDelivery> on(AlertChannel channel) {
        return deliveries.stream().filter(d -> d.channel() == channel).toList();
    }
}
