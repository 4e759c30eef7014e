package io.jenkins.plugins.chaos.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Validates and plans the experiment on the agent that holds the workspace: manifests named by the experiment are files there,
 * not on the controller, and relative paths resolve against the workspace.
 */
final class LoadExperimentCallable extends MasterToSlaveFileCallable<ExperimentPlan> {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> arguments;
    private final String yaml;
    private final String source;
    private final PlanLimits limits;

    LoadExperimentCallable(Map<String, Object> arguments, String yaml, String source, PlanLimits limits) {
        this.arguments = new LinkedHashMap<>(arguments);
        this.yaml = yaml;
        this.source = source;
        this.limits = limits;
    }

    @Override
    public ExperimentPlan invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return EngineBridge.loadPlan(arguments, yaml, source, workspace.getAbsolutePath(), limits);
    }
}
