package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Generic-resource access to Chaos Mesh kinds. Known kinds get an explicit context, so no discovery round trip is
 * needed; other kinds go through discovery, which is what lets a new Chaos Mesh kind work without code.
 */
public final class ChaosResources {

    /**
     * fabric8's Kubernetes-aware mapping (the model's deserializers and its UnmatchedFieldTypeModule), for turning
     * parsed YAML into resources and resources into trees without a client. It is configured as the one behind the
     * static {@code Serialization.jsonMapper()}, which fabric8 7 deprecates ("the static mapper should not be used
     * directly"); thread-safe, and made once because it scans the class path for the model's resource types.
     */
    public static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private ChaosResources() {
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> of(
            KubernetesClient client, String apiVersion, String kind) {
        if (ChaosKinds.known(kind).isPresent() && apiVersion.startsWith(ChaosKind.GROUP + "/")) {
            return client.genericKubernetesResources(context(apiVersion, kind));
        }
        return client.genericKubernetesResources(apiVersion, kind);
    }

    public static Resource<GenericKubernetesResource> of(KubernetesClient client, ChaosResourceRef ref) {
        return of(client, ref.apiVersion(), ref.kind()).inNamespace(ref.namespace()).withName(ref.name());
    }

    public static ResourceDefinitionContext context(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        return new ResourceDefinitionContext.Builder()
                .withGroup(apiVersion.substring(0, slash))
                .withVersion(apiVersion.substring(slash + 1))
                .withKind(kind)
                .withPlural(ChaosKinds.pluralOf(kind))
                .withNamespaced(true)
                .build();
    }
}
