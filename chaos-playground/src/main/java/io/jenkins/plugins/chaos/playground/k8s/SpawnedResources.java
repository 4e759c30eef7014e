package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Schedule and Workflow controllers create, and Kubernetes' garbage collector for it: a child is named as
 * the API server's {@code generateName} would ({@code <owner>-} and five random characters of
 * k8s.io/apiserver's SimpleNameGenerator alphabet), points at its owner with a controller owner reference, and is
 * deleted (background propagation) once no owner it names exists any more.
 */
final class SpawnedResources {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private SpawnedResources() {
    }

    static String generateName(String prefix) {
        StringBuilder name = new StringBuilder(prefix.length() > 57 ? prefix.substring(0, 57) : prefix).append('-');
        for (int i = 0; i < 5; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return name.toString();
    }

    static OwnerReference controllerReference(GenericKubernetesResource owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid()).withController(true)
                .withBlockOwnerDeletion(true).build();
    }

    /** A chaos resource of {@code kind} with {@code spec}, owned by {@code owner}, in the owner's namespace. */
    static GenericKubernetesResource child(GenericKubernetesResource owner, String kind, String name,
                                           Map<String, String> labels, Map<String, Object> spec) {
        GenericKubernetesResource child = new GenericKubernetesResource();
        child.setApiVersion(ChaosKind.API_VERSION);
        child.setKind(kind);
        child.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(owner.getMetadata().getNamespace())
                .withLabels(labels).withOwnerReferences(controllerReference(owner)).build());
        child.setAdditionalProperty("spec", spec);
        return child;
    }

    static List<String> kinds() {
        List<String> kinds = new ArrayList<>();
        ChaosKinds.all().forEach(k -> kinds.add(k.kind()));
        kinds.add(ChaosMeshCrds.WORKFLOW_NODE.kind());
        return kinds;
    }

    /** Every chaos-mesh.org resource, for the collector and for owner lookups. */
    static List<GenericKubernetesResource> all(KubernetesClient client) {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (String kind : kinds()) {
            try {
                out.addAll(ChaosResources.of(client, ChaosKind.API_VERSION, kind).inAnyNamespace().list().getItems());
            } catch (KubernetesClientException e) {
                if (e.getCode() != 404) {
                    throw e;
                }
            }
        }
        return out;
    }

    /** Kubernetes' garbage collector: deletes what names only owners that are gone. */
    static void collectGarbage(KubernetesClient client) {
        List<GenericKubernetesResource> all = all(client);
        Set<String> uids = new HashSet<>();
        all.forEach(r -> uids.add(r.getMetadata().getUid()));
        for (GenericKubernetesResource resource : all) {
            List<OwnerReference> owners = resource.getMetadata().getOwnerReferences();
            if (owners != null && !owners.isEmpty() && resource.getMetadata().getDeletionTimestamp() == null
                    && owners.stream().noneMatch(o -> uids.contains(o.getUid()))) {
                ChaosResources.of(client, resource.getApiVersion(), resource.getKind())
                        .inNamespace(resource.getMetadata().getNamespace()).withName(resource.getMetadata().getName())
                        .delete();
            }
        }
    }
}
