// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.engine.RunListener;
import io.jenkins.plugins.chaos.engine.RunOptions;
import io.jenkins.plugins.chaos.experiment.Experiment;
import java.util.List;

public final class FaultInjector {
    public FaultInjector(KubernetesClient client, RunListener listener, RunOptions options) {
        throw new UnsupportedOperationException("placeholder");
    }

    public InjectedFaults inject(Experiment experiment) throws InterruptedException {
        throw new UnsupportedOperationException("placeholder");
    }

    public void recover(List<ChaosResourceRef> resources) {
        throw new UnsupportedOperationException("placeholder");
    }
}
