package io.jenkins.plugins.chaos.jenkins;

import java.io.Serializable;
import java.util.List;

/**
 * The global configuration as plain values, read on the controller and shipped with the work to the agent.
 *
 * @param allowedNamespaces     namespaces faults may target (empty: the engine's namespace-annotation rule applies)
 * @param maxFaultDuration      cap on any fault's duration, Go syntax ({@code 30m}); null for the engine default
 * @param deadManThresholdMinutes default threshold of the dead-man's switch
 * @param pushgatewayUrl        where the engine pushes metrics after a run; null to not push
 */
public record ChaosRunSettings(List<String> allowedNamespaces, String maxFaultDuration, int deadManThresholdMinutes,
                               String pushgatewayUrl) implements Serializable {

    public ChaosRunSettings {
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
    }

    public static ChaosRunSettings defaults() {
        return new ChaosRunSettings(List.of(), null, 30, null);
    }
}
