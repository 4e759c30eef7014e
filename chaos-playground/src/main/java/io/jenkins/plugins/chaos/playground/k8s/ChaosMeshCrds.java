package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import java.util.Locale;

/**
 * Minimal CustomResourceDefinitions for the Chaos Mesh kinds, so that the playground's API server knows their scope
 * and serves their status subresource (status is then written only through /status, as with the real controller).
 * They accept any spec: validating specs is the engine's job, and the real CRDs can be registered instead.
 */
final class ChaosMeshCrds {

    private ChaosMeshCrds() {
    }

    static CustomResourceDefinition of(ChaosKind kind) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.plural() + "." + ChaosKind.GROUP).endMetadata()
                .withNewSpec()
                .withGroup(ChaosKind.GROUP)
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withSingular(kind.kind().toLowerCase(Locale.ROOT))
                .withListKind(kind.kind() + "List")
                .endNames()
                .addNewVersion()
                .withName(ChaosKind.VERSION)
                .withServed(true)
                .withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder()
                        .withType("object").withXKubernetesPreserveUnknownFields(true).build()).endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
