package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.RunListener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CRDs installed in the cluster, read once per name. A CRD that cannot be read is no reason to stop: the API
 * server validates against it anyway when the fault is applied, so 404 and 403 are skipped quietly and other
 * failures with one warning.
 */
public final class ClusterCrds implements CrdSource {

    private final KubernetesClient client;
    private final RunListener listener;
    private final Map<String, Optional<CustomResourceDefinition>> cache = new ConcurrentHashMap<>();

    public ClusterCrds(KubernetesClient client, RunListener listener) {
        this.client = client;
        this.listener = listener;
    }

    @Override
    public Optional<CustomResourceDefinition> find(String group, String kind) {
        // CRDs are named <plural>.<group>; the plural of a kind the engine does not know is Chaos Mesh's convention.
        String name = ChaosKinds.pluralOf(kind) + "." + group;
        return cache.computeIfAbsent(name, this::read)
                .filter(crd -> crd.getSpec() != null && crd.getSpec().getNames() != null
                        && kind.equals(crd.getSpec().getNames().getKind()));
    }

    private Optional<CustomResourceDefinition> read(String name) {
        try {
            return Optional.ofNullable(client.apiextensions().v1().customResourceDefinitions().withName(name).get());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 403) {
                listener.warn("Could not read CRD " + name + " (HTTP " + e.getCode() + "); its schema is not checked "
                        + "before applying, the API server still checks it");
            }
            return Optional.empty();
        }
    }
}
