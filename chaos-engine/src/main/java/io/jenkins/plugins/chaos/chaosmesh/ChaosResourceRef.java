package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.io.Serializable;

/**
 * Names one chaos resource this run created. Only names, never client objects, so that the list of what must be
 * undone survives serialization (a Jenkins controller restart, a trip between agent and controller).
 */
public record ChaosResourceRef(String apiVersion, String kind, String namespace, String name) implements Serializable {

    public static ChaosResourceRef of(GenericKubernetesResource resource) {
        return new ChaosResourceRef(resource.getApiVersion(), resource.getKind(), resource.getMetadata().getNamespace(),
                resource.getMetadata().getName());
    }

    @Override
    public String toString() {
        return kind + " " + namespace + "/" + name;
    }
}
