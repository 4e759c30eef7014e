package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.chaosmesh.KubernetesNames;
import io.jenkins.plugins.chaos.chaosmesh.SpecProblems;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What an operator sets above every experiment: the Jenkins administrator's global configuration, or the CLI's
 * {@code --allow-namespace} flags.
 *
 * @param maxFaultDuration  a cap no experiment can raise; null keeps the experiment's own {@code maxDuration}
 * @param allowedNamespaces the operator's namespaces
 * @param ceiling           true: {@code allowedNamespaces} is the most an experiment may target (the Jenkins
 *                          administrator's list: a workspace YAML must not widen it); false: they are allowed in
 *                          addition to the experiment's own list (the CLI user is the operator)
 * @param variableNames     the variables an {@code env:} reference may name, as the run will resolve them (Jenkins:
 *                          the step's {@code EnvVars}, names only, never values); null: this process's environment
 */
public record PlanLimits(Duration maxFaultDuration, List<String> allowedNamespaces, boolean ceiling,
                         Set<String> variableNames) implements Serializable {

    private static final long serialVersionUID = 1L;

    public PlanLimits {
        allowedNamespaces = allowedNamespaces == null ? List.of() : List.copyOf(allowedNamespaces);
        variableNames = variableNames == null ? null : Set.copyOf(variableNames);
    }

    public PlanLimits(Duration maxFaultDuration, List<String> allowedNamespaces, boolean ceiling) {
        this(maxFaultDuration, allowedNamespaces, ceiling, null);
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

    /** These limits, with {@code env:} references checked against {@code names} instead of this process's environment. */
    public PlanLimits withVariableNames(Collection<String> names) {
        return new PlanLimits(maxFaultDuration, allowedNamespaces, ceiling, names == null ? null : Set.copyOf(names));
    }

    /** Whether the run will find {@code name} set (not empty): what an {@code env:} reference needs. */
    public boolean variableSet(String name) {
        if (variableNames != null) {
            return variableNames.contains(name);
        }
        String value = System.getenv(name);
        return value != null && !value.isEmpty();
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
        SpecProblems names = new SpecProblems(errors);
        for (int i = 0; i < namespaces.size(); i++) {
            String namespace = namespaces.get(i);
            KubernetesNames.checkNamespace(namespace, field + "[" + i + "]", names);
            if (Guardrails.PROTECTED_NAMESPACES.contains(namespace)) {
                errors.add(new ValidationError(field + "[" + i + "]", "'" + namespace
                        + "' can never be allowed: kube-system, kube-public and kube-node-lease are protected"));
            }
        }
        return errors;
    }
}
