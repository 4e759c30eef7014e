package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a Schedule or a Workflow spawned: the chaos resources (and a Workflow's WorkflowNodes) that name it, directly
 * or through a node, in their owner references. Chaos Mesh gives a Schedule's children only its own
 * {@code managed-by: <schedule>} label, so our run labels never reach them: their owner references are the only way
 * back. Kubernetes' garbage collector removes them once the owner is gone, but recovery and the sweep do not wait
 * for it (nor trust that it runs): they delete the children themselves.
 */
public final class SpawnedResources {

    public static final String WORKFLOW_NODE = "WorkflowNode";

    private SpawnedResources() {
    }

    /** Kinds that spawn other chaos resources. */
    public static boolean spawns(String kind) {
        return "Schedule".equals(kind) || "Workflow".equals(kind) || WORKFLOW_NODE.equals(kind);
    }

    /** Every descendant of {@code owner} in its namespace, breadth first; empty for a kind that spawns nothing. */
    public static List<GenericKubernetesResource> descendants(KubernetesClient client, GenericKubernetesResource owner) {
        if (!spawns(owner.getKind()) || owner.getMetadata().getUid() == null) {
            return List.of();
        }
        List<GenericKubernetesResource> candidates = inNamespace(client, owner.getMetadata().getNamespace());
        List<GenericKubernetesResource> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> owners = new ArrayDeque<>(List.of(owner.getMetadata().getUid()));
        while (!owners.isEmpty()) {
            String uid = owners.poll();
            for (GenericKubernetesResource candidate : candidates) {
                if (ownedBy(candidate, uid) && seen.add(candidate.getMetadata().getUid())) {
                    found.add(candidate);
                    owners.add(candidate.getMetadata().getUid());
                }
            }
        }
        return found;
    }

    /** The refs with the descendants of each spawning one right after it (the owner first, so it spawns no more). */
    public static List<ChaosResourceRef> withDescendants(KubernetesClient client, List<ChaosResourceRef> refs) {
        Set<ChaosResourceRef> all = new LinkedHashSet<>();
        for (ChaosResourceRef ref : refs) {
            all.add(ref);
            if (!spawns(ref.kind())) {
                continue;
            }
            try {
                GenericKubernetesResource owner = ChaosResources.of(client, ref).get();
                if (owner != null) {
                    descendants(client, owner).forEach(child -> all.add(ChaosResourceRef.of(child)));
                }
            } catch (KubernetesClientException e) {
                // The owner is deleted regardless; Kubernetes' garbage collector and the sweep take its children.
            }
        }
        return List.copyOf(all);
    }

    static boolean ownedBy(GenericKubernetesResource resource, String uid) {
        List<OwnerReference> owners = resource.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> uid.equals(o.getUid()));
    }

    private static List<GenericKubernetesResource> inNamespace(KubernetesClient client, String namespace) {
        List<String> kinds = new ArrayList<>();
        ChaosKinds.all().forEach(kind -> kinds.add(kind.kind()));
        kinds.add(WORKFLOW_NODE);
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (String kind : kinds) {
            try {
                out.addAll(ChaosResources.of(client, ChaosKind.API_VERSION, kind).inNamespace(namespace).list().getItems());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
                // That kind's CRD is not installed: nothing of it to find.
            }
        }
        return out;
    }
}
