// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.engine;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.verdict.RunResult;

public final class ExperimentRunner {
    public ExperimentRunner(KubernetesClient client, RunListener listener, RunOptions options) {
        throw new UnsupportedOperationException("placeholder");
    }

    public RunResult run(Experiment experiment) throws InterruptedException {
        throw new UnsupportedOperationException("placeholder");
    }
}
