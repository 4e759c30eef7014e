package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.ValidationError;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * What is wrong with an operator's namespace list, before it is saved: names that are not namespace names, and
     * the protected namespaces no list can allow.
     *
     * @param field the field's name for the messages ({@code allowedNamespaces})
     */
    public static List<ValidationError> namespaceProblems(List<String> namespaces, String field) {
        List<ValidationError> errors = new ArrayList<>();
        FaultValidator names = new FaultValidator(errors, Duration.ZERO);
        for (int i = 0; i < namespaces.size(); i++) {
            String namespace = namespaces.get(i);
            names.validateNamespaceName(namespace, field + "[" + i + "]");
            if (Guardrails.PROTECTED_NAMESPACES.contains(namespace)) {
                errors.add(new ValidationError(field + "[" + i + "]", "'" + namespace
                        + "' can never be allowed: kube-system, kube-public and kube-node-lease are protected"));
            }
        }
        return errors;
    }
}
