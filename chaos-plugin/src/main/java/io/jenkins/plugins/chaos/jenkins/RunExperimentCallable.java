package io.jenkins.plugins.chaos.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * One whole experiment run (validate, sweep, inject, probe, recover) on the agent that holds the workspace, so that
 * probes measure from where the cluster is reached and no long work runs on the controller. The alert dispatcher
 * runs beside the probes here: a CRITICAL pages as soon as it is judged, not when the run is back on the controller.
 * Sent once, never persisted (a step execution holds no callable), so the secrets it carries stay in memory.
 */
final class RunExperimentCallable extends MasterToSlaveFileCallable<ProbeRun> {
    private static final long serialVersionUID = 1L;

    private final ExperimentPlan plan;
    private final RunOptions options;
    private final ResolvedCredentials credentials;
    private final AlertTargets alerts;
    private final String alertState;
    private final ConsoleRunListener listener;

    /**
     * @param alerts     the global channels, with the incident state file at its path on the agent; null sends none
     * @param alertState the controller's incident state (text), placed at that path before the run; null for none
     */
    RunExperimentCallable(ExperimentPlan plan, RunOptions options, ResolvedCredentials credentials, AlertTargets alerts,
                          String alertState, ConsoleRunListener listener) {
        this.plan = plan;
        this.options = options;
        this.credentials = credentials;
        this.alerts = alerts;
        this.alertState = alertState;
        this.listener = listener;
    }

    @Override
    public ProbeRun invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        if (alerts == null) {
            return EngineBridge.runExperiment(credentials.kubeconfig(), plan, options, null, listener);
        }
        Path stateFile = Path.of(alerts.stateFile());
        AlertStateCopy.place(stateFile, alertState);
        ProbeRun run = EngineBridge.runExperiment(credentials.kubeconfig(), plan, options, alerts, listener);
        return new ProbeRun(run.result(), run.alerts(), AlertStateCopy.read(stateFile));
    }
}
