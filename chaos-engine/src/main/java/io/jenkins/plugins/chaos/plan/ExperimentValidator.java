package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a bound experiment as a whole and reports every problem at once. Nothing here talks to a cluster: the
 * guardrails that need one (namespace annotations) run in the injector, still before anything is applied.
 */
public final class ExperimentValidator {

    static final List<String> ABORT_ON = List.of("never", "critical");
    /** Even an explicit maxDuration cannot exceed this: a forgotten fault must end within a working day. */
    static final Duration HARD_CAP = Duration.ofHours(12);

    private ExperimentValidator() {
    }

    public static List<ValidationError> validate(Experiment experiment) {
        List<ValidationError> errors = new ArrayList<>();
        if (experiment.getName() == null || experiment.getName().isBlank()) {
            errors.add(new ValidationError("name", "is required: it names the run in reports, alerts and metrics"));
        }
        if (experiment.getEnvironment() == null || experiment.getEnvironment().isBlank()) {
            errors.add(new ValidationError("environment", "must not be empty (e.g. staging, prod-eu)"));
        }
        if (!ABORT_ON.contains(experiment.getAbortOn())) {
            errors.add(new ValidationError("abortOn", "unknown value '" + experiment.getAbortOn() + "'; allowed: "
                    + String.join(", ", ABORT_ON)));
        }
        Duration cap = durationField(experiment.getMaxDuration(), "maxDuration", errors, Experiment.DEFAULT_MAX_DURATION);
        if (cap.compareTo(HARD_CAP) > 0) {
            errors.add(new ValidationError("maxDuration", experiment.getMaxDuration() + " is above the hard limit of "
                    + GoDuration.format(HARD_CAP)));
        }
        durationField(experiment.getInjectionTimeout(), "injectionTimeout", errors, Experiment.DEFAULT_INJECTION_TIMEOUT);
        durationField(experiment.getRecoveryTimeout(), "recoveryTimeout", errors, Experiment.DEFAULT_RECOVERY_TIMEOUT);
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
        for (int i = 0; i < experiment.getFaults().size(); i++) {
            int before = errors.size();
            faults.validate(experiment.getFaults().get(i), "faults[" + i + "]");
            if (errors.size() == before) {
                // Only a well-formed fault can be planned; planning reads manifests and applies the guardrails.
                FaultPlanner.planFault(experiment, i, "validate", cap, errors);
            }
        }
        return errors;
    }

    /** The effective cap on fault durations: the experiment's maxDuration, or the default when it is not valid. */
    public static Duration maxDuration(Experiment experiment) {
        return GoDuration.parse(experiment.getMaxDuration()).orElse(GoDuration.parse(Experiment.DEFAULT_MAX_DURATION).orElseThrow());
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
