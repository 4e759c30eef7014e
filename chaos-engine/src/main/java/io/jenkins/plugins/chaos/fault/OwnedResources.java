package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Narrows a list of resource references to those this engine created for one run: a Chaos Mesh kind it knows, in
 * the {@code chaos-mesh.org} group, whose live object carries our managed-by label and this run's id. Whoever
 * deletes with a broader identity than the one that created (the Jenkins controller's fallback) takes the references
 * only through this, so that a reference list from elsewhere (an agent) cannot make it delete anything else.
 */
public final class OwnedResources {

    private OwnedResources() {
    }

    public static List<ChaosResourceRef> ofRun(KubernetesClient client, List<ChaosResourceRef> refs, String runId,
                                               RunListener listener) {
        List<ChaosResourceRef> owned = new ArrayList<>();
        for (ChaosResourceRef ref : refs) {
            String refusal = refusal(client, ref, runId);
            if (refusal == null) {
                owned.add(ref);
            } else if (!refusal.isEmpty()) {
                listener.warn("not removing " + ref + ": " + refusal);
            }
        }
        return owned;
    }

    /** Null when the reference is ours; empty when it is already gone; otherwise why it is not touched. */
    private static String refusal(KubernetesClient client, ChaosResourceRef ref, String runId) {
        if (!ChaosKind.API_VERSION.equals(ref.apiVersion()) || ChaosKinds.known(ref.kind()).isEmpty()) {
            return "not a Chaos Mesh kind this engine creates (" + ref.apiVersion() + " " + ref.kind() + ")";
        }
        GenericKubernetesResource live;
        try {
            live = ChaosResources.of(client, ref).get();
        } catch (KubernetesClientException e) {
            return "cannot read it to check its labels (HTTP " + e.getCode() + ": " + Messages.firstLine(e.getMessage()) + ")";
        }
        if (live == null) {
            return "";
        }
        Map<String, String> labels = live.getMetadata().getLabels();
        if (labels == null || !ChaosLabels.MANAGED_BY_VALUE.equals(labels.get(ChaosLabels.MANAGED_BY))
                || !runId.equals(labels.get(ChaosLabels.RUN_ID))) {
            return "it does not carry the labels " + ChaosLabels.MANAGED_BY + "=" + ChaosLabels.MANAGED_BY_VALUE
                    + " and " + ChaosLabels.RUN_ID + "=" + runId;
        }
        return null;
    }
}
