package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.experiment.StepArguments;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Arguments every chaos step shares. Step arguments use the YAML experiment's keys; {@code experiment:} names a
 * YAML file in the workspace whose keys the step arguments override.
 */
public abstract class ChaosStep extends Step implements Serializable {
    private static final long serialVersionUID = 1L;

    private String experiment;
    private String name;
    private String environment;
    private String kubeconfigCredentialsId;
    private boolean dryRun;
    private List<ChaosFault> faults;
    private Integer deadManThresholdMinutes;

    public String getExperiment() {
        return experiment;
    }

    @DataBoundSetter
    public void setExperiment(String experiment) {
        this.experiment = experiment;
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = name;
    }

    public String getEnvironment() {
        return environment;
    }

    @DataBoundSetter
    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public String getKubeconfigCredentialsId() {
        return kubeconfigCredentialsId;
    }

    @DataBoundSetter
    public void setKubeconfigCredentialsId(String kubeconfigCredentialsId) {
        this.kubeconfigCredentialsId = kubeconfigCredentialsId;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    public List<ChaosFault> getFaults() {
        return faults;
    }

    @DataBoundSetter
    public void setFaults(List<ChaosFault> faults) {
        this.faults = StepArguments.copy(faults);
    }

    public Integer getDeadManThresholdMinutes() {
        return deadManThresholdMinutes;
    }

    /** How long this job may go without a run before the dead-man's switch pages; defaults to the global setting. */
    @DataBoundSetter
    public void setDeadManThresholdMinutes(Integer deadManThresholdMinutes) {
        if (deadManThresholdMinutes != null && deadManThresholdMinutes < 1) {
            throw new IllegalArgumentException("deadManThresholdMinutes: must be at least 1, was " + deadManThresholdMinutes);
        }
        this.deadManThresholdMinutes = deadManThresholdMinutes;
    }

    /** The function name, for messages and the default report directory. */
    abstract String functionName();

    /** Ids of secret-text credentials this step needs resolved before it can build its experiment. */
    Set<String> stringCredentialIds() {
        return new LinkedHashSet<>();
    }

    /** Workspace-relative manifest paths named by the faults, so that the execution can resolve and check them. */
    List<String> manifests() {
        List<String> paths = new ArrayList<>();
        for (ChaosFault fault : allFaults()) {
            if (fault.getManifest() != null && !fault.getManifest().isBlank()) {
                paths.add(fault.getManifest());
            }
        }
        return paths;
    }

    List<ChaosFault> allFaults() {
        return faults == null ? List.of() : faults;
    }

    /**
     * The experiment map with the YAML keys.
     *
     * @param secrets  credential id to secret value, for the ids of {@link #stringCredentialIds()}
     * @param manifest workspace-relative manifest path to its absolute path on the agent
     */
    Map<String, Object> toExperimentMap(Map<String, String> secrets, UnaryOperator<String> manifest) {
        List<Map<String, Object>> faultMaps = new ArrayList<>();
        List<ChaosFault> all = allFaults();
        for (int i = 0; i < all.size(); i++) {
            ChaosFault fault = all.get(i);
            String path = fault.getManifest() == null ? null : manifest.apply(fault.getManifest());
            faultMaps.add(fault.toMap("faults[" + i + "]", path));
        }
        return new StepArguments()
                .put("name", name)
                .put("environment", environment)
                .put("faults", faultMaps)
                .toMap();
    }
}
