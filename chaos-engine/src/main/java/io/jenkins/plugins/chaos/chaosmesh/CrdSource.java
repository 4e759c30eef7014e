package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Optional;

/** Where the CustomResourceDefinitions to validate against come from: a live cluster, or files for offline checks. */
public interface CrdSource {

    /** The CRD that defines {@code kind} in {@code group}; empty when there is none or it cannot be read. */
    Optional<CustomResourceDefinition> find(String group, String kind);
}
