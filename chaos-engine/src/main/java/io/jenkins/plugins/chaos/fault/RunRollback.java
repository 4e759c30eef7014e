package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;

/**
 * Deletes every chaos resource of one run, found by its labels over every kind the engine knows: the fallback when
 * the references of what was created never came back (an abort while injecting, a lost agent). Only resources this
 * engine labelled as its own are touched.
 */
public final class RunRollback {

    private RunRollback() {
    }

    /**
     * Deletes the run's resources, then its lease: the run is over, a sweep need not wait for the lease to expire.
     *
     * @return how many chaos resources were deleted; kinds whose CRD is not installed are skipped quietly
     */
    public static int deleteRun(KubernetesClient client, String runId, RunListener listener) {
        int total = deleteResources(client, runId, listener);
        RecoveryRegistry.runEnded(runId);
        try {
            // A lease this JVM does not hold (the agent that took it is gone) is the run's too.
            client.leases().inAnyNamespace().withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE)
                    .withLabel(ChaosLabels.RUN_ID, runId).delete();
        } catch (RuntimeException e) {
            listener.warn("rollback: could not delete the lease of run " + runId + " (it expires by itself): "
                    + Messages.firstLine(e.getMessage()));
        }
        return total;
    }

    /** The run's chaos resources only, found by label; its lease is left to the caller. */
    static int deleteResources(KubernetesClient client, String runId, RunListener listener) {
        int total = 0;
        for (ChaosKind kind : ChaosKinds.all()) {
            try {
                int deleted = ChaosResources.of(client, ChaosKind.API_VERSION, kind.kind()).inAnyNamespace()
                        .withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE)
                        .withLabel(ChaosLabels.RUN_ID, runId).delete().size();
                if (deleted > 0) {
                    listener.info("rollback: deleted " + deleted + " " + kind.kind() + " of run " + runId);
                }
                total += deleted;
            } catch (RuntimeException e) {
                // every kind gets its turn: a refusal for one (403 under a least-privilege Role) must not stop the rest
                if (!(e instanceof KubernetesClientException k8s && k8s.getCode() == 404)) {
                    listener.warn("rollback: could not delete " + kind.kind() + " of run " + runId + ": "
                            + Messages.firstLine(e.getMessage()));
                }
            }
        }
        return total;
    }
}
