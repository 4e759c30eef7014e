package io.jenkins.plugins.chaos.playground;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's routes to tenant backends that a NetworkChaos partition cuts: the fault selects tenant pods
 * (label {@code tenant}) and targets the gateway's pods ({@code app=gateway}); each selected tenant's namespace is
 * cut off from the gateway, in the directions the fault names.
 */
final class TenantRoutes {

    private TenantRoutes() {
    }

    static Set<List<String>> cut(GenericKubernetesResource chaos, List<Pod> sources) {
        Set<List<String>> out = new LinkedHashSet<>();
        Map<String, Object> spec = SpecMaps.spec(chaos);
        if (!(spec.get("target") instanceof Map<?, ?> target) || !(target.get("selector") instanceof Map<?, ?> selector)
                || !(selector.get("labelSelectors") instanceof Map<?, ?> labels) || !"gateway".equals(labels.get("app"))) {
            return out;
        }
        String direction = String.valueOf(spec.getOrDefault("direction", "to"));
        for (Pod pod : sources) {
            Map<String, String> podLabels = pod.getMetadata().getLabels();
            if (podLabels == null || podLabels.get("tenant") == null) {
                continue;
            }
            String tenantNs = pod.getMetadata().getNamespace();
            if (!"from".equals(direction)) {
                out.add(List.of(tenantNs, PlaygroundGateway.GATEWAY_NAMESPACE));
            }
            if (!"to".equals(direction)) {
                out.add(List.of(PlaygroundGateway.GATEWAY_NAMESPACE, tenantNs));
            }
        }
        return out;
    }
}
