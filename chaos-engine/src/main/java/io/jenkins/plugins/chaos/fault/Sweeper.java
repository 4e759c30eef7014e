package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds chaos resources this engine created (by the managed-by label) and deletes the ones left behind, at the start
 * of every run and with {@code chaos sweep}. Whether a resource is left behind is decided by its run's liveness lease:
 * a run whose lease is valid is alive and none of its resources is touched, whatever the flags say; a run whose
 * lease has expired or is gone is dead and all of its resources go at once. A resource without a lease annotation
 * (written by an engine before leases) falls back to its expiry annotation, or {@code --all}. {@code force} sets
 * Chaos Mesh's cleanFinalizer annotation on resources stuck in deletion, so that the controller lets them go.
 */
public final class Sweeper {

    private final KubernetesClient client;
    private final RunListener listener;

    public Sweeper(KubernetesClient client, RunListener listener) {
        this.client = client;
        this.listener = listener;
    }

    /**
     * What a sweep did, for the console and the journal.
     *
     * @param alive kept because their run's lease is valid
     * @param kept  kept because they carry no lease and have not expired yet
     */
    public record SweepResult(List<ChaosResourceRef> deleted, List<ChaosResourceRef> forced, List<ChaosResourceRef> alive,
                              List<ChaosResourceRef> kept, List<ChaosResourceRef> stuck, int leasesDeleted) {
    }

    /** What the lease of a resource's run says. */
    private enum Liveness { ALIVE, DEAD, UNREADABLE, NO_LEASE }

    /**
     * @param namespace only this namespace, or null for every namespace
     * @param onlyExpired for resources without a lease: true deletes only those whose expiry has passed, false all
     * @param force also release resources stuck on Chaos Mesh's finalizer
     */
    public SweepResult sweep(String namespace, boolean onlyExpired, boolean force, Instant now) {
        List<ChaosResourceRef> deleted = new ArrayList<>();
        List<ChaosResourceRef> forced = new ArrayList<>();
        List<ChaosResourceRef> alive = new ArrayList<>();
        List<ChaosResourceRef> kept = new ArrayList<>();
        List<ChaosResourceRef> stuckRefs = new ArrayList<>();
        Map<String, Liveness> leases = new HashMap<>();
        for (GenericKubernetesResource resource : listOurs(namespace)) {
            ChaosResourceRef ref = ChaosResourceRef.of(resource);
            Map<String, String> annotations = resource.getMetadata().getAnnotations() == null
                    ? Map.of() : resource.getMetadata().getAnnotations();
            String expiresAt = annotations.get(ChaosLabels.EXPIRES_AT);
            String leaseRef = annotations.get(ChaosLabels.LEASE);
            String runId = resource.getMetadata().getLabels().get(ChaosLabels.RUN_ID);
            Liveness liveness = leaseRef == null ? Liveness.NO_LEASE
                    : leases.computeIfAbsent(leaseRef, r -> liveness(r, now));
            if (liveness == Liveness.ALIVE) {
                alive.add(ref);
                listener.info("Sweep: kept " + ref + ": run " + runId + " is alive (lease " + leaseRef + " is renewed)");
                continue;
            }
            boolean expired = ChaosLabels.expired(expiresAt, now);
            // A lease that cannot be read may be a live run's: only the expiry can tell, whatever --all says.
            boolean unknownAndKept = liveness == Liveness.UNREADABLE ? !expired
                    : liveness == Liveness.NO_LEASE && onlyExpired && !expired;
            if (unknownAndKept) {
                kept.add(ref);
                continue;
            }
            String why = liveness == Liveness.DEAD ? " (its run's lease " + leaseRef + " expired or is gone)"
                    : expiresAt == null ? "" : " (expired " + expiresAt + ")";
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
                listener.info("Sweep: deleted " + ref + why + " left behind by run " + runId);
                // What a Schedule or a Workflow spawned carries none of our labels: found by owner reference.
                for (GenericKubernetesResource child : SpawnedResources.descendants(client, resource)) {
                    ChaosResourceRef childRef = ChaosResourceRef.of(child);
                    ChaosResources.of(client, childRef).delete();
                    deleted.add(childRef);
                    listener.info("Sweep: deleted " + childRef + ", spawned by " + ref);
                }
            }
        }
        int leasesDeleted = deleteExpiredLeases(namespace, now);
        return new SweepResult(deleted, forced, alive, kept, stuckRefs, leasesDeleted);
    }

    private Liveness liveness(String leaseRef, Instant now) {
        int slash = leaseRef.indexOf('/');
        if (slash <= 0 || slash == leaseRef.length() - 1) {
            // Our annotation, edited by hand: no lease to ask, so the expiry decides.
            return Liveness.UNREADABLE;
        }
        try {
            Lease lease = client.leases().inNamespace(leaseRef.substring(0, slash)).withName(leaseRef.substring(slash + 1)).get();
            return lease == null || RunLease.expired(lease, now) ? Liveness.DEAD : Liveness.ALIVE;
        } catch (KubernetesClientException e) {
            listener.warn("Sweep: cannot read lease " + leaseRef + " (HTTP " + e.getCode() + "); its run's resources are "
                    + "kept until their expiry annotation passes");
            return Liveness.UNREADABLE;
        }
    }

    /** Our leases whose run is dead: what a SIGKILLed run leaves besides its faults. */
    private int deleteExpiredLeases(String namespace, Instant now) {
        try {
            var leases = namespace == null ? client.leases().inAnyNamespace() : client.leases().inNamespace(namespace);
            int deleted = 0;
            for (Lease lease : leases.withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE).list().getItems()) {
                if (RunLease.expired(lease, now)) {
                    client.leases().inNamespace(lease.getMetadata().getNamespace()).withName(lease.getMetadata().getName()).delete();
                    deleted++;
                }
            }
            return deleted;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                listener.warn("Sweep: could not list or delete expired run leases (HTTP " + e.getCode() + "): "
                        + Messages.firstLine(e.getMessage()));
            }
            return 0;
        }
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
