package io.jenkins.plugins.chaos.jenkins;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.fault.InjectedFaults;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import java.io.File;
import java.io.IOException;
import jenkins.MasterToSlaveFileCallable;

/**
 * Applies the faults from the agent and waits until Chaos Mesh reports them injected. If the controller interrupts
 * it (an abort during setup), remoting interrupts this thread and the injector removes what it had created.
 */
final class InjectCallable extends MasterToSlaveFileCallable<InjectedFaults> {
    private static final long serialVersionUID = 1L;

    private final ExperimentPlan plan;
    private final RunOptions options;
    private final ResolvedCredentials credentials;
    private final ConsoleRunListener listener;

    InjectCallable(ExperimentPlan plan, RunOptions options, ResolvedCredentials credentials, ConsoleRunListener listener) {
        this.plan = plan;
        this.options = options;
        this.credentials = credentials;
        this.listener = listener;
    }

    @Override
    public InjectedFaults invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        return EngineBridge.inject(credentials.kubeconfig(), plan, options, listener);
    }
}
