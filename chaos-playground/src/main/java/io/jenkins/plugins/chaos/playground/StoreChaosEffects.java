package io.jenkins.plugins.chaos.playground;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.playground.gateway.StoreVolumeFaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * IOChaos on a tenant's pods acts on that tenant's store volume: the playground's store lives on the tenant-api
 * pod's volume, so an IOChaos that selects those pods (label {@code tenant}) changes how the store's I/O behaves.
 */
final class StoreChaosEffects {

    private StoreChaosEffects() {
    }

    static void injected(StoreVolumeFaults volumes, GenericKubernetesResource chaos, List<Pod> targets) {
        StoreVolumeFaults.IoFault fault = fault(SpecMaps.spec(chaos));
        for (String namespace : tenantNamespaces(targets)) {
            volumes.inject(namespace, fault);
        }
    }

    static void recovered(StoreVolumeFaults volumes, List<Pod> targets) {
        tenantNamespaces(targets).forEach(volumes::clear);
    }

    private static StoreVolumeFaults.IoFault fault(Map<String, Object> spec) {
        Map<?, ?> mistake = spec.get("mistake") instanceof Map<?, ?> m ? m : Map.of();
        List<String> methods = new ArrayList<>();
        if (spec.get("methods") instanceof List<?> list) {
            list.forEach(method -> methods.add(String.valueOf(method)));
        }
        Duration delay = spec.get("delay") == null ? Duration.ZERO
                : GoDuration.parse(String.valueOf(spec.get("delay"))).orElse(Duration.ZERO);
        return new StoreVolumeFaults.IoFault(String.valueOf(spec.get("action")), delay, number(spec.get("errno"), 5),
                number(spec.get("percent"), 100), methods, String.valueOf(mistake.get("filling")),
                number(mistake.get("maxOccurrences"), 1), number(mistake.get("maxLength"), 1));
    }

    private static List<String> tenantNamespaces(List<Pod> pods) {
        List<String> out = new ArrayList<>();
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            if (labels != null && labels.get("tenant") != null && !out.contains(pod.getMetadata().getNamespace())) {
                out.add(pod.getMetadata().getNamespace());
            }
        }
        return out;
    }

    private static int number(Object value, int fallback) {
        return value instanceof Number n ? n.intValue() : fallback;
    }
}
