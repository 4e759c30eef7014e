package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.SecretValues;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import io.jenkins.plugins.chaos.experiment.ProviderFailoverSpec;
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
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_TIMEOUT = Duration.ofHours(1);

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
        Duration injectionTimeout = timeoutField(experiment.getInjectionTimeout(), "injectionTimeout", errors,
                Experiment.DEFAULT_INJECTION_TIMEOUT);
        Duration recoveryTimeout = timeoutField(experiment.getRecoveryTimeout(), "recoveryTimeout", errors,
                Experiment.DEFAULT_RECOVERY_TIMEOUT);
        Duration hold = null;
        if (experiment.getHold() != null) {
            hold = durationField(experiment.getHold(), "hold", errors, Experiment.DEFAULT_MAX_DURATION);
            if (hold.isZero() || hold.isNegative() || hold.compareTo(cap) > 0) {
                errors.add(new ValidationError("hold", experiment.getHold() + " must be above 0s and at most the cap of "
                        + GoDuration.format(cap) + " (maxDuration)"));
            }
        }
        FaultValidator faults = new FaultValidator(errors);
        faults.validateNamespaceName(experiment.getNamespace(), "namespace");
        List<String> allowed = experiment.getAllowedNamespaces();
        for (int i = 0; i < allowed.size(); i++) {
            String namespace = allowed.get(i);
            faults.validateNamespaceName(namespace, "allowedNamespaces[" + i + "]");
            if (Guardrails.PROTECTED_NAMESPACES.contains(namespace)) {
                errors.add(new ValidationError("allowedNamespaces[" + i + "]", "'" + namespace
                        + "' can never be allowed: kube-system, kube-public and kube-node-lease are protected"));
            } else if (limits.bounds() && !limits.allowedNamespaces().contains(namespace)) {
                errors.add(new ValidationError("allowedNamespaces[" + i + "]", "'" + namespace
                        + "' is not among the administrator's allowed namespaces (global configuration); allowed: "
                        + String.join(", ", limits.allowedNamespaces())));
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
        double isolation = experiment.getIsolationSuccessPercent();
        if (!(isolation >= 0 && isolation <= 100)) {
            errors.add(new ValidationError("scoring.isolationSuccessPercent", isolation
                    + " must be between 0 and 100 (default 95)"));
        }
        errors.addAll(StopConditions.validate(experiment.getStopWhen()));
        if (experiment.getFaults().isEmpty() && !experiment.getProbes().any()) {
            errors.add(new ValidationError("faults", "at least one fault or one probe is required"));
        }
        errors.addAll(ProbeConfigs.validate(experiment.getProbes().tenantIsolation(),
                experiment.getProbes().providerFailover()));
        checkSecretReferences(experiment, limits, errors);
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
        if (!limits.bounds() || namespaces.isEmpty()) {
            // bounded: the experiment's own list (checked above to lie within the operator's) narrows it
            namespaces.addAll(limits.allowedNamespaces());
        }
        ExperimentPlan plan = new ExperimentPlan(experiment, planned, cap, injectionTimeout, recoveryTimeout, abortOn,
                phases(experiment.getProbes().tenantIsolation()), namespaces, limits.bounds(), null, hold);
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

    /** A wait the run does on the cluster: long enough for a real controller, short enough to end a stuck run. */
    private static Duration timeoutField(String text, String field, List<ValidationError> errors, String fallback) {
        Duration timeout = durationField(text, field, errors, fallback);
        if (text != null && GoDuration.parse(text).isPresent()
                && (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0)) {
            errors.add(new ValidationError(field, text + " is out of range; allowed 1s .. 1h"));
        }
        return timeout;
    }

    /**
     * An {@code env:} token whose variable is unset would fail only once the probe runs, after the faults were
     * applied: it is an error of the experiment, found before anything is applied. Only the variable is named.
     */
    private static void checkSecretReferences(Experiment experiment, PlanLimits limits, List<ValidationError> errors) {
        TenantIsolationSpec isolation = experiment.getProbes().tenantIsolation();
        if (isolation != null) {
            for (int i = 0; i < isolation.tenants().size(); i++) {
                String field = "probes.tenantIsolation.tenants[" + i + "].token";
                SecretValues.unsetVariable(isolation.tenants().get(i).token(), limits::variableSet).ifPresent(variable -> errors.add(
                        new ValidationError(field, "environment variable " + variable + " is not set")));
            }
        }
        ProviderFailoverSpec failover = experiment.getProbes().providerFailover();
        if (failover != null) {
            SecretValues.unsetVariable(failover.token(), limits::variableSet).ifPresent(variable -> errors.add(new ValidationError(
                    "probes.providerFailover.token", "environment variable " + variable + " is not set")));
        }
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
