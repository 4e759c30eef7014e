package io.jenkins.plugins.chaos.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.chaos.experiment.Experiment;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * Validates the experiment on the agent that holds the workspace: manifests named by the experiment are files there,
 * not on the controller, and relative paths resolve against the workspace.
 */
final class LoadExperimentCallable extends MasterToSlaveFileCallable<Experiment> {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> arguments;
    private final String yaml;
    private final String source;

    LoadExperimentCallable(Map<String, Object> arguments, String yaml, String source) {
        this.arguments = new LinkedHashMap<>(arguments);
        this.yaml = yaml;
        this.source = source;
    }

    @Override
    public Experiment invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return EngineBridge.loadExperiment(arguments, yaml, source, workspace.getAbsolutePath());
    }
}
