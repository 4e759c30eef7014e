package io.jenkins.plugins.chaos.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Workspace-side preparation shared by the steps: the YAML file, manifest paths and the experiment's plan. */
final class StepSupport {
    private StepSupport() {
    }

    static ExperimentPlan loadPlan(ChaosStep step, FilePath workspace, ResolvedCredentials credentials, PlanLimits limits)
            throws IOException, InterruptedException {
        String yaml = null;
        String source = step.functionName() + " step arguments";
        if (step.getExperiment() != null && !step.getExperiment().isBlank()) {
            FilePath file = workspace.child(step.getExperiment());
            if (!file.exists()) {
                throw new AbortException("experiment: file '" + step.getExperiment() + "' not found in the workspace " + workspace.getRemote());
            }
            yaml = file.readToString();
            source = step.getExperiment() + " with " + source;
        }
        Map<String, String> manifests = new HashMap<>();
        for (String manifest : step.manifests()) {
            FilePath file = workspace.child(manifest);
            if (!file.exists()) {
                throw new AbortException("manifest: file '" + manifest + "' not found in the workspace " + workspace.getRemote());
            }
            manifests.put(manifest, file.getRemote());
        }
        Map<String, Object> arguments;
        try {
            arguments = step.toExperimentMap(credentials.strings(), path -> manifests.getOrDefault(path, path));
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
        return workspace.act(new LoadExperimentCallable(arguments, yaml, source, limits));
    }
}
