package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.core.RunOptions;
import java.util.ArrayList;
import java.util.List;
import jenkins.security.MasterToSlaveCallable;

/**
 * Removes what {@code chaosInject} created and waits until it is gone; with no references (an abort before they came
 * back) it deletes everything labelled with the run id. A plain callable, so that the controller can run it itself
 * when the agent is gone (after a restart or a lost connection); there it removes only the references that name
 * this run's own labelled Chaos Mesh resources, so that a list an agent sent cannot make it delete anything else.
 */
final class RecoverCallable extends MasterToSlaveCallable<Void, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final List<ChaosResourceRef> resources;
    private final RunOptions options;
    private final ResolvedCredentials credentials;
    private final ConsoleRunListener listener;
    private final boolean onController;

    RecoverCallable(String runId, List<ChaosResourceRef> resources, RunOptions options, ResolvedCredentials credentials,
                    ConsoleRunListener listener, boolean onController) {
        this.runId = runId;
        this.resources = new ArrayList<>(resources);
        this.options = options;
        this.credentials = credentials;
        this.listener = listener;
        this.onController = onController;
    }

    @Override
    public Void call() {
        if (!resources.isEmpty()) {
            if (onController) {
                EngineBridge.recoverOwned(credentials.kubeconfig(), runId, resources, options, listener);
            } else {
                EngineBridge.recover(credentials.kubeconfig(), resources, options, listener);
            }
        }
        // also catches anything created but not yet reported when setup was interrupted
        EngineBridge.rollbackRun(credentials.kubeconfig(), runId, listener);
        return null;
    }
}
