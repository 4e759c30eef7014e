package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.RunListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds chaos resources this engine created (by the managed-by label) and deletes the ones left behind: expired
 * ones at the start of every run, all of them by hand with {@code chaos sweep --all}. {@code force} sets Chaos Mesh's
 * cleanFinalizer annotation on resources stuck in deletion, so that the controller lets them go.
 */
public final class Sweeper {

    private final KubernetesClient client;
    private final RunListener listener;

    public Sweeper(KubernetesClient client, RunListener listener) {
        this.client = client;
        this.listener = listener;
    }

    /** What a sweep did, for the console and the journal. */
    public record SweepResult(List<ChaosResourceRef> deleted, List<ChaosResourceRef> forced, List<ChaosResourceRef> kept,
                              List<ChaosResourceRef> stuck) {
    }

    /**
     * @param namespace only this namespace, or null for every namespace
     * @param onlyExpired true: only resources whose expiry annotation has passed; false: all of ours
     * @param force also release resources stuck on Chaos Mesh's finalizer
     */
    public SweepResult sweep(String namespace, boolean onlyExpired, boolean force, Instant now) {
        List<ChaosResourceRef> deleted = new ArrayList<>();
        List<ChaosResourceRef> forced = new ArrayList<>();
        List<ChaosResourceRef> kept = new ArrayList<>();
        List<ChaosResourceRef> stuckRefs = new ArrayList<>();
        for (GenericKubernetesResource resource : listOurs(namespace)) {
            ChaosResourceRef ref = ChaosResourceRef.of(resource);
            Map<String, String> annotations = resource.getMetadata().getAnnotations();
            String expiresAt = annotations == null ? null : annotations.get(ChaosLabels.EXPIRES_AT);
            if (onlyExpired && !ChaosLabels.expired(expiresAt, now)) {
                kept.add(ref);
                continue;
            }
            boolean stuck = resource.getMetadata().getDeletionTimestamp() != null;
            if (stuck && force) {
                forceFinalizer(ref);
                forced.add(ref);
                listener.info("Sweep: released " + ref + " from Chaos Mesh's finalizer (cleanFinalizer=forced)");
            } else if (stuck) {
                listener.warn("Sweep: " + ref + " is stuck in deletion on finalizers "
                        + resource.getMetadata().getFinalizers() + "; run 'chaos sweep --force' to release it");
                stuckRefs.add(ref);
            } else {
                ChaosResources.of(client, ref).delete();
                deleted.add(ref);
                listener.info("Sweep: deleted " + ref + (expiresAt == null ? "" : " (expired " + expiresAt + ")")
                        + " left behind by run " + resource.getMetadata().getLabels().get(ChaosLabels.RUN_ID));
                // What a Schedule or a Workflow spawned carries none of our labels: found by owner reference.
                for (GenericKubernetesResource child : OwnedResources.descendants(client, resource)) {
                    ChaosResourceRef childRef = ChaosResourceRef.of(child);
                    ChaosResources.of(client, childRef).delete();
                    deleted.add(childRef);
                    listener.info("Sweep: deleted " + childRef + ", spawned by " + ref);
                }
            }
        }
        return new SweepResult(deleted, forced, kept, stuckRefs);
    }

    private void forceFinalizer(ChaosResourceRef ref) {
        ChaosResources.of(client, ref).edit(r -> {
            Map<String, String> annotations = r.getMetadata().getAnnotations() == null
                    ? new LinkedHashMap<>() : new LinkedHashMap<>(r.getMetadata().getAnnotations());
            annotations.put(ChaosLabels.CLEAN_FINALIZER, ChaosLabels.CLEAN_FINALIZER_FORCED);
            r.getMetadata().setAnnotations(annotations);
            return r;
        });
    }

    /** Our resources of every known kind; kinds whose CRD is not installed are skipped quietly. */
    public List<GenericKubernetesResource> listOurs(String namespace) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (ChaosKind kind : ChaosKinds.all()) {
            var op = ChaosResources.of(client, ChaosKind.API_VERSION, kind.kind());
            try {
                var list = namespace == null
                        ? op.inAnyNamespace().withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE).list()
                        : op.inNamespace(namespace).withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE).list();
                out.addAll(list.getItems());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return out;
    }
}
