package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.experiment.BlastRadiusSpec;
import io.jenkins.plugins.chaos.experiment.DataIntegritySpec;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.ProviderFailoverSpec;
import io.jenkins.plugins.chaos.experiment.ResourceUsageSpec;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated experiment, ready to run: the resources to apply (manifests already read), the durations parsed, the
 * stop condition and the isolation phases as values. Made once by {@link ExperimentPlanner}; the runner, the injector
 * and the plugin take it as it is and never validate again. Run-independent until {@link #forRun} names the
 * inline resources after a run id, so that two runs never fight over one resource.
 */
public final class ExperimentPlan implements Serializable {

    private static final long serialVersionUID = 1L;

    // ArrayList and LinkedHashSet rather than EnumSet: the plan travels from a Jenkins agent to the controller, whose
    // class filter does not whitelist EnumSet's serial proxy (see PlannedFault#writeReplace).
    private final Experiment experiment;
    private final ArrayList<PlannedFault> faults;
    private final Duration maxDuration;
    private final Duration injectionTimeout;
    private final Duration recoveryTimeout;
    private final AbortOn abortOn;
    private final ArrayList<IsolationPhase> isolationPhases;
    private final LinkedHashSet<String> allowedNamespaces;
    private final String runId;

    ExperimentPlan(Experiment experiment, List<PlannedFault> faults, Duration maxDuration, Duration injectionTimeout,
                   Duration recoveryTimeout, AbortOn abortOn, Set<IsolationPhase> isolationPhases,
                   Set<String> allowedNamespaces, String runId) {
        this.experiment = experiment;
        this.faults = new ArrayList<>(faults);
        this.maxDuration = maxDuration;
        this.injectionTimeout = injectionTimeout;
        this.recoveryTimeout = recoveryTimeout;
        this.abortOn = abortOn;
        this.isolationPhases = new ArrayList<>(isolationPhases);
        this.allowedNamespaces = new LinkedHashSet<>(allowedNamespaces);
        this.runId = runId;
    }

    /** The same plan with inline resources named {@code <fault>-<runId>}; manifests keep the names they have. */
    public ExperimentPlan forRun(String runId) {
        List<PlannedFault> named = new ArrayList<>();
        for (PlannedFault fault : faults) {
            named.add(fault.forRun(runId));
        }
        return new ExperimentPlan(experiment, named, maxDuration, injectionTimeout, recoveryTimeout, abortOn,
                isolationPhases(), allowedNamespaces, runId);
    }

    /**
     * How long the faults are held once injected: the longest inline fault's duration, within the cap, and nothing
     * in a dry run (nothing was applied). Manifests do not set the hold yet: one without a duration (pod-kill) or a
     * Schedule would otherwise be held for the whole cap.
     */
    public Duration hold(boolean dryRun) {
        if (dryRun) {
            return Duration.ZERO;
        }
        Duration longest = longestInlineFault();
        return longest.compareTo(maxDuration) > 0 ? maxDuration : longest;
    }

    /** The longest duration an inline fault asks for; zero without inline faults. */
    public Duration longestInlineFault() {
        Duration longest = Duration.ZERO;
        for (PlannedFault fault : faults) {
            if (fault.inline() && fault.duration() != null && fault.duration().compareTo(longest) > 0) {
                longest = fault.duration();
            }
        }
        return longest;
    }

    public Experiment experiment() {
        return experiment;
    }

    public String name() {
        return experiment.getName();
    }

    public String environment() {
        return experiment.getEnvironment();
    }

    public List<PlannedFault> faults() {
        return List.copyOf(faults);
    }

    public boolean hasFaults() {
        return !faults.isEmpty();
    }

    /** The effective cap on every fault's duration: the experiment's maxDuration within the operator's limit. */
    public Duration maxDuration() {
        return maxDuration;
    }

    public Duration injectionTimeout() {
        return injectionTimeout;
    }

    public Duration recoveryTimeout() {
        return recoveryTimeout;
    }

    public AbortOn abortOn() {
        return abortOn;
    }

    /** Null when the experiment has no tenant-isolation probe. */
    public TenantIsolationSpec isolation() {
        return experiment.getProbes().tenantIsolation();
    }

    /** Null when the experiment has no provider-failover probe. */
    public ProviderFailoverSpec failover() {
        return experiment.getProbes().providerFailover();
    }

    /** Null when the experiment has no blast-radius probe. */
    public BlastRadiusSpec blastRadius() {
        return experiment.getProbes().blastRadius();
    }

    /** Null when the experiment has no data-integrity probe. */
    public DataIntegritySpec dataIntegrity() {
        return experiment.getProbes().dataIntegrity();
    }

    /** Null when the experiment has no resource-usage probe. */
    public ResourceUsageSpec resourceUsage() {
        return experiment.getProbes().resourceUsage();
    }

    public Set<IsolationPhase> isolationPhases() {
        return isolationPhases.isEmpty() ? EnumSet.noneOf(IsolationPhase.class) : EnumSet.copyOf(isolationPhases);
    }

    public boolean isolationRunsIn(IsolationPhase phase) {
        return isolationPhases.contains(phase);
    }

    /** The experiment's allow-list together with the operator's. */
    public Set<String> allowedNamespaces() {
        return Set.copyOf(allowedNamespaces);
    }

    /** Null until {@link #forRun}. */
    public String runId() {
        return runId;
    }

    public Map<String, Double> scoreWeights() {
        return experiment.getScoreWeights();
    }

    public Double minScore() {
        return experiment.getMinScore();
    }
}
