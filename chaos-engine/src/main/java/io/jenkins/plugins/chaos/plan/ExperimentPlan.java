package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.experiment.BlastRadiusSpec;
import io.jenkins.plugins.chaos.experiment.DataIntegritySpec;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.experiment.ProviderFailoverSpec;
import io.jenkins.plugins.chaos.experiment.ResourceUsageSpec;
import io.jenkins.plugins.chaos.experiment.StopConditionSpec;
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
    private final boolean allowListBinding;
    private final String runId;
    private final Duration explicitHold;

    ExperimentPlan(Experiment experiment, List<PlannedFault> faults, Duration maxDuration, Duration injectionTimeout,
                   Duration recoveryTimeout, AbortOn abortOn, Set<IsolationPhase> isolationPhases,
                   Set<String> allowedNamespaces, boolean allowListBinding, String runId, Duration explicitHold) {
        this.experiment = experiment;
        this.faults = new ArrayList<>(faults);
        this.maxDuration = maxDuration;
        this.injectionTimeout = injectionTimeout;
        this.recoveryTimeout = recoveryTimeout;
        this.abortOn = abortOn;
        this.isolationPhases = new ArrayList<>(isolationPhases);
        this.allowedNamespaces = new LinkedHashSet<>(allowedNamespaces);
        this.allowListBinding = allowListBinding;
        this.runId = runId;
        this.explicitHold = explicitHold;
    }

    /** The same plan with inline resources named {@code <fault>-<runId>}; manifests keep the names they have. */
    public ExperimentPlan forRun(String runId) {
        List<PlannedFault> named = new ArrayList<>();
        for (PlannedFault fault : faults) {
            named.add(fault.forRun(runId));
        }
        return new ExperimentPlan(experiment, named, maxDuration, injectionTimeout, recoveryTimeout, abortOn,
                isolationPhases(), allowedNamespaces, allowListBinding, runId, explicitHold);
    }

    /**
     * How long the faults are held once injected, within the cap, and nothing in a dry run (nothing was applied):
     * the experiment's {@code hold:} when it has one, otherwise the longest hold a fault asks for, manifests included
     * ({@link FaultHolds}: a chaos manifest's {@code spec.duration}, a Schedule's body duration, a Workflow's
     * deadline). A fault without a duration (pod-kill) asks for none.
     */
    public Duration hold(boolean dryRun) {
        if (dryRun) {
            return Duration.ZERO;
        }
        Duration longest = explicitHold;
        if (longest == null) {
            longest = Duration.ZERO;
            for (PlannedFault fault : faults) {
                Duration each = FaultHolds.of(fault);
                longest = each.compareTo(longest) > 0 ? each : longest;
            }
        }
        return longest.compareTo(maxDuration) > 0 ? maxDuration : longest;
    }

    /** Whether a fault of this plan is a Workflow, whose hold ends early once it has finished. */
    public boolean hasWorkflow() {
        return faults.stream().anyMatch(f -> "Workflow".equals(f.kind()));
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

    /**
     * True when an administrator's list bounds the allow-list: then a namespace's own
     * {@code chaos-mesh.org/inject=enabled} annotation does not admit it either.
     */
    public boolean allowListBinding() {
        return allowListBinding;
    }

    /** Null until {@link #forRun}. */
    public String runId() {
        return runId;
    }

    public Map<String, Double> scoreWeights() {
        return experiment.getScoreWeights();
    }

    public double isolationSuccessPercent() {
        return experiment.getIsolationSuccessPercent();
    }

    public List<StopConditionSpec> stopWhen() {
        return List.copyOf(experiment.getStopWhen());
    }

    public Double minScore() {
        return experiment.getMinScore();
    }
}
