package io.jenkins.plugins.chaos.plan;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;

/**
 * What an operator sets above every experiment: the Jenkins administrator's global configuration, or the CLI's
 * {@code --allow-namespace} flags.
 *
 * @param maxFaultDuration  a cap no experiment can raise; null keeps the experiment's own {@code maxDuration}
 * @param allowedNamespaces the operator's namespaces
 * @param ceiling           true: {@code allowedNamespaces} is the most an experiment may target (the Jenkins
 *                          administrator's list: a workspace YAML must not widen it); false: they are allowed in
 *                          addition to the experiment's own list (the CLI user is the operator)
 */
public record PlanLimits(Duration maxFaultDuration, List<String> allowedNamespaces, boolean ceiling)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public PlanLimits {
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
    }

    /** Namespaces allowed in addition to the experiment's own allow-list. */
    public PlanLimits(Duration maxFaultDuration, List<String> allowedNamespaces) {
        this(maxFaultDuration, allowedNamespaces, false);
    }

    /** An administrator's limits: when {@code allowedNamespaces} is not empty, no experiment goes beyond it. */
    public static PlanLimits administrator(Duration maxFaultDuration, List<String> allowedNamespaces) {
        return new PlanLimits(maxFaultDuration, allowedNamespaces, true);
    }

    public static PlanLimits none() {
        return new PlanLimits(null, List.of());
    }

    /** True when the operator's list bounds the experiment's. */
    public boolean bounds() {
        return ceiling && !allowedNamespaces.isEmpty();
    }
}
