package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a bound experiment once, as a whole, reporting every problem at once, and turns it into the
 * {@link ExperimentPlan} that the runner, the injector and the plugin take as it is. Manifests are read here, once.
 * Nothing here talks to a cluster: the guardrails that need one (namespace annotations, the installed CRDs' schemas)
 * run in the injector, still before anything is applied.
 */
public final class ExperimentPlanner {

    /** Even an explicit maxDuration cannot exceed this: a forgotten fault must end within a working day. */
    static final Duration HARD_CAP = Duration.ofHours(12);

    private ExperimentPlanner() {
    }

    /** The experiment with its plan, or with every problem found; never both. */
    public static LoadResult plan(Experiment experiment, PlanLimits limits) {
        List<ValidationError> errors = new ArrayList<>();
        if (experiment.getName() == null || experiment.getName().isBlank()) {
            errors.add(new ValidationError("name", "is required: it names the run in reports, alerts and metrics"));
        }
        if (experiment.getEnvironment() == null || experiment.getEnvironment().isBlank()) {
            errors.add(new ValidationError("environment", "must not be empty (e.g. staging, prod-eu)"));
        }
        AbortOn abortOn = AbortOn.parse(experiment.getAbortOn()).orElse(null);
        if (abortOn == null) {
            errors.add(new ValidationError("abortOn", "unknown value '" + experiment.getAbortOn() + "'; allowed: "
                    + AbortOn.ALLOWED));
        }
        Duration own = durationField(experiment.getMaxDuration(), "maxDuration", errors, Experiment.DEFAULT_MAX_DURATION);
        if (own.compareTo(HARD_CAP) > 0) {
            errors.add(new ValidationError("maxDuration", experiment.getMaxDuration() + " is above the hard limit of "
                    + GoDuration.format(HARD_CAP)));
        }
        Duration cap = limits.maxFaultDuration() != null && limits.maxFaultDuration().compareTo(own) < 0
                ? limits.maxFaultDuration() : own;
        Duration injectionTimeout = durationField(experiment.getInjectionTimeout(), "injectionTimeout", errors,
                Experiment.DEFAULT_INJECTION_TIMEOUT);
        Duration recoveryTimeout = durationField(experiment.getRecoveryTimeout(), "recoveryTimeout", errors,
                Experiment.DEFAULT_RECOVERY_TIMEOUT);
        FaultValidator faults = new FaultValidator(errors, cap);
        faults.validateNamespaceName(experiment.getNamespace(), "namespace");
        List<String> allowed = experiment.getAllowedNamespaces();
        for (int i = 0; i < allowed.size(); i++) {
            String namespace = allowed.get(i);
            faults.validateNamespaceName(namespace, "allowedNamespaces[" + i + "]");
            if (Guardrails.PROTECTED_NAMESPACES.contains(namespace)) {
                errors.add(new ValidationError("allowedNamespaces[" + i + "]", "'" + namespace
                        + "' can never be allowed: kube-system, kube-public and kube-node-lease are protected"));
            }
        }
        experiment.getScoreWeights().forEach((probe, weight) -> {
            if (weight < 0 || weight > 100) {
                errors.add(new ValidationError("scoring.weights." + probe, weight + " must be between 0 and 100"));
            }
        });
        if (experiment.getMinScore() != null && (experiment.getMinScore() < 0 || experiment.getMinScore() > 100)) {
            errors.add(new ValidationError("scoring.minScore", experiment.getMinScore() + " must be between 0 and 100"));
        }
        if (experiment.getFaults().isEmpty() && !experiment.getProbes().any()) {
            errors.add(new ValidationError("faults", "at least one fault or one probe is required"));
        }
        errors.addAll(ProbeConfigs.validate(experiment.getProbes().tenantIsolation(),
                experiment.getProbes().providerFailover()));
        if (experiment.getProbes().resourceUsage() != null) {
            errors.addAll(ResourceUsageConfig.validate(experiment.getProbes().resourceUsage()));
        }
        if (experiment.getProbes().dataIntegrity() != null) {
            DataIntegrityConfig.validate(experiment.getProbes().dataIntegrity()).forEach(message -> errors.add(
                    new ValidationError(message.substring(0, message.indexOf(": ")), message.substring(message.indexOf(": ") + 2))));
        }
        if (experiment.getProbes().blastRadius() != null) {
            BlastRadiusConfig.validate(experiment.getProbes().blastRadius(),
                    experiment.getFaults().stream().map(FaultSpec::getName).toList()).forEach(message -> errors.add(
                            new ValidationError(message.substring(0, message.indexOf(": ")), message.substring(message.indexOf(": ") + 2))));
        }
        List<PlannedFault> planned = new ArrayList<>();
        for (int i = 0; i < experiment.getFaults().size(); i++) {
            int before = errors.size();
            faults.validate(experiment.getFaults().get(i), "faults[" + i + "]");
            if (errors.size() == before) {
                // Only a well-formed fault can be planned; planning reads manifests and applies the guardrails.
                planned.addAll(FaultPlanner.planFault(experiment, i, cap, errors));
            }
        }
        if (!errors.isEmpty()) {
            return new LoadResult(experiment, errors);
        }
        Set<String> namespaces = new LinkedHashSet<>(experiment.getAllowedNamespaces());
        namespaces.addAll(limits.allowedNamespaces());
        ExperimentPlan plan = new ExperimentPlan(experiment, planned, cap, injectionTimeout, recoveryTimeout, abortOn,
                phases(experiment.getProbes().tenantIsolation()), namespaces, null);
        return new LoadResult(experiment, List.of(), plan);
    }

    /** Phases were checked by {@link ProbeConfigs#validate}; an absent probe runs in none. */
    private static Set<IsolationPhase> phases(TenantIsolationSpec isolation) {
        Set<IsolationPhase> phases = EnumSet.noneOf(IsolationPhase.class);
        if (isolation != null) {
            isolation.phases().forEach(phase -> IsolationPhase.parse(phase).ifPresent(phases::add));
        }
        return phases;
    }

    private static Duration durationField(String text, String field, List<ValidationError> errors, String fallback) {
        var parsed = GoDuration.parse(text);
        if (parsed.isEmpty()) {
            errors.add(new ValidationError(field, "\"" + text + "\" is not a duration; " + GoDuration.ALLOWED));
            return GoDuration.parse(fallback).orElseThrow();
        }
        return parsed.get();
    }
}
