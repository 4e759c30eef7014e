package io.jenkins.plugins.chaos.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.verdict.RunResult;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * One whole experiment run (validate, sweep, inject, probe, recover) on the agent that holds the workspace, so that
 * probes measure from where the cluster is reached and no long work runs on the controller.
 */
final class RunExperimentCallable extends MasterToSlaveFileCallable<RunResult> {
    private static final long serialVersionUID = 1L;

    private final ExperimentPlan plan;
    private final RunOptions options;
    private final ResolvedCredentials credentials;
    private final ConsoleRunListener listener;

    RunExperimentCallable(ExperimentPlan plan, RunOptions options, ResolvedCredentials credentials, ConsoleRunListener listener) {
        this.plan = plan;
        this.options = options;
        this.credentials = credentials;
        this.listener = listener;
    }

    @Override
    public RunResult invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return EngineBridge.runExperiment(credentials.kubeconfig(), plan, options, listener);
    }
}
