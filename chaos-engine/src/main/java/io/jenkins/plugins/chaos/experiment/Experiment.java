package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chaos experiment: what to inject, where it may be injected, and (with the probes) what must hold meanwhile.
 * The YAML keys and the Pipeline steps' argument names are the same; {@link ExperimentLoader} binds both.
 */
public class Experiment implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_MAX_DURATION = "1h";
    public static final String DEFAULT_INJECTION_TIMEOUT = "60s";
    public static final String DEFAULT_RECOVERY_TIMEOUT = "60s";

    private String name;
    private String description;
    private String environment = "default";
    private String namespace = "default";
    private List<String> allowedNamespaces = new ArrayList<>();
    private String maxDuration = DEFAULT_MAX_DURATION;
    private String injectionTimeout = DEFAULT_INJECTION_TIMEOUT;
    private String recoveryTimeout = DEFAULT_RECOVERY_TIMEOUT;
    private String abortOn = "isolation";
    /** How long the faults are held; null: as long as the longest fault asks for. */
    private String hold;
    private List<FaultSpec> faults = new ArrayList<>();
    private ProbesSpec probes = ProbesSpec.none();
    private Map<String, Double> scoreWeights = new LinkedHashMap<>();
    private Double minScore;
    private List<StopConditionSpec> stopWhen = new ArrayList<>();
    /** The runbook's "isolation success > 95%". */
    private double isolationSuccessPercent = 95;
    /** Where relative manifest paths resolve; set by the loader, never read from YAML. */
    private String baseDir = ".";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    /** Namespace for manifests that name none, as kubectl's default namespace would be. */
    public String getNamespace() {
        return namespace;
    }

    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    public List<String> getAllowedNamespaces() {
        return allowedNamespaces;
    }

    public void setAllowedNamespaces(List<String> allowedNamespaces) {
        this.allowedNamespaces = allowedNamespaces == null ? new ArrayList<>() : new ArrayList<>(allowedNamespaces);
    }

    public String getHold() {
        return hold;
    }

    public void setHold(String hold) {
        this.hold = hold;
    }

    public String getMaxDuration() {
        return maxDuration;
    }

    public void setMaxDuration(String maxDuration) {
        this.maxDuration = maxDuration;
    }

    public String getInjectionTimeout() {
        return injectionTimeout;
    }

    public void setInjectionTimeout(String injectionTimeout) {
        this.injectionTimeout = injectionTimeout;
    }

    public String getRecoveryTimeout() {
        return recoveryTimeout;
    }

    public void setRecoveryTimeout(String recoveryTimeout) {
        this.recoveryTimeout = recoveryTimeout;
    }

    public String getAbortOn() {
        return abortOn;
    }

    public void setAbortOn(String abortOn) {
        this.abortOn = abortOn;
    }

    public List<FaultSpec> getFaults() {
        return faults;
    }

    public void setFaults(List<FaultSpec> faults) {
        this.faults = faults == null ? new ArrayList<>() : new ArrayList<>(faults);
    }

    public ProbesSpec getProbes() {
        return probes;
    }

    public void setProbes(ProbesSpec probes) {
        this.probes = probes == null ? ProbesSpec.none() : probes;
    }

    /** Probe name (or prefix such as {@code isolation}) to its weight in the resilience score. */
    public Map<String, Double> getScoreWeights() {
        return scoreWeights;
    }

    public void setScoreWeights(Map<String, Double> scoreWeights) {
        this.scoreWeights = scoreWeights == null ? new LinkedHashMap<>() : new LinkedHashMap<>(scoreWeights);
    }

    /** The gate: a run whose resilience score is below this is a WARNING; null means no gate. */
    public Double getMinScore() {
        return minScore;
    }

    public void setMinScore(Double minScore) {
        this.minScore = minScore;
    }

    /** The gate: a run whose isolation checks held less often than this (percent) is at least a WARNING. */
    public double getIsolationSuccessPercent() {
        return isolationSuccessPercent;
    }

    public void setIsolationSuccessPercent(double isolationSuccessPercent) {
        this.isolationSuccessPercent = isolationSuccessPercent;
    }

    /** External stop conditions polled while the faults are active. */
    public List<StopConditionSpec> getStopWhen() {
        return stopWhen;
    }

    public void setStopWhen(List<StopConditionSpec> stopWhen) {
        this.stopWhen = stopWhen == null ? new ArrayList<>() : new ArrayList<>(stopWhen);
    }

    public String getBaseDir() {
        return baseDir;
    }

    public void setBaseDir(String baseDir) {
        this.baseDir = baseDir;
    }
}
