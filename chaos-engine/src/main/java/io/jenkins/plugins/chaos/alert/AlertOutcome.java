package io.jenkins.plugins.chaos.alert;

import java.io.Serializable;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Everything the dispatcher sent for one run. Failed deliveries are listed here, never thrown: the run's
 * verdict stays what the checks decided, whatever happened to the alerts.
 *
 * @param deliveries    every delivery attempted, in the order they were started
 * @param notes         secret-free remarks for the run's notes (channels switched off, unreadable state file)
 * @param detectSeconds per accepted page: seconds from the breach's onset (the fault's injection for a failover
 *                      breach, else its detection) to PagerDuty's acceptance; the samples of MTTD
 * @param repairSeconds per accepted resolve: seconds from the incident's first trigger to its resolve; MTTR's
 */
public record AlertOutcome(List<AlertDelivery> deliveries, List<String> notes, List<Double> detectSeconds,
                           List<Double> repairSeconds) implements Serializable {

    private static final long serialVersionUID = 2L;

    public AlertOutcome {
        deliveries = deliveries == null ? List.of() : List.copyOf(deliveries);
        notes = notes == null ? List.of() : List.copyOf(notes);
        detectSeconds = detectSeconds == null ? List.of() : List.copyOf(detectSeconds);
        repairSeconds = repairSeconds == null ? List.of() : List.copyOf(repairSeconds);
    }

    public AlertOutcome(List<AlertDelivery> deliveries, List<String> notes) {
        this(deliveries, notes, List.of(), List.of());
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

    /** Mean time to detect of this run's pages; empty when nothing was paged. */
    public OptionalDouble meanTimeToDetect() {
        return detectSeconds.stream().mapToDouble(Double::doubleValue).average();
    }

    /** Mean time to resolve of the incidents this run closed; empty when it closed none. */
    public OptionalDouble meanTimeToResolve() {
        return repairSeconds.stream().mapToDouble(Double::doubleValue).average();
    }
}
