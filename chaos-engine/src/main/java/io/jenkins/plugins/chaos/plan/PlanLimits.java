package io.jenkins.plugins.chaos.plan;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What an operator sets above every experiment: the Jenkins administrator's global configuration, or the CLI's
 * {@code --allow-namespace} flags.
 *
 * @param maxFaultDuration a cap no experiment can raise; null keeps the experiment's own {@code maxDuration}
 * @param allowedNamespaces namespaces allowed in addition to the experiment's own allow-list
 */
public record PlanLimits(Duration maxFaultDuration, List<String> allowedNamespaces) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PlanLimits {
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
    }

    public static PlanLimits none() {
        return new PlanLimits(null, List.of());
    }
}
