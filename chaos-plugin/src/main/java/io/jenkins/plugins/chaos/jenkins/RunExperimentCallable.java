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
        try {
            AlertStateCopy.place(stateFile, alertState);
        } catch (IOException e) {
            // a dispatcher that started without the open incidents would resolve none and re-page them all
            listener.warn("alerts are off for this run: the open incidents could not be put at " + stateFile + " ("
                    + e.getClass().getSimpleName() + "); the run goes on, and nobody is paged for it");
            return EngineBridge.runExperiment(credentials.kubeconfig(), plan, options, null, listener);
        }
        ProbeRun run = EngineBridge.runExperiment(credentials.kubeconfig(), plan, options, alerts, listener);
        String after = null;
        try {
            after = AlertStateCopy.read(stateFile);
        } catch (IOException e) {
            // the verdict and the pages stand; only the record of the open incidents is not updated
            listener.warn("the open incidents could not be read back from " + stateFile + " (" + e.getClass().getSimpleName()
                    + "); a later passing run may not resolve this run's pages");
        }
        return new ProbeRun(run.result(), run.alerts(), after);
    }
}
