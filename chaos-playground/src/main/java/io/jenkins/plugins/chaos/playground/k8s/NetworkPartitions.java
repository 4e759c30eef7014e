package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The NetworkChaos partitions in force on the playground: action {@code partition}, AllInjected, not being deleted.
 * Chaos Mesh drops packets from the selected pods to the target pods ({@code direction: to}, the default), from the
 * target pods to the selected pods ({@code from}), or both. A TCP connection needs packets both ways (SYN, then
 * SYN-ACK), so a partition in either direction between two pods stops a connection in both.
 * Selectors are evaluated against the pods as they are now, and mode (one, fixed, ...) is ignored, so every pod the
 * selector matches counts; real Chaos Mesh resolves the selector at injection, so a pod started later may escape it.
 */
final class NetworkPartitions {

    private record Partition(String id, String namespace, Map<?, ?> selector, Map<?, ?> targetSelector, String direction) {
    }

    private final List<Partition> partitions;

    private NetworkPartitions(List<Partition> partitions) {
        this.partitions = partitions;
    }

    static NetworkPartitions read(KubernetesClient client) {
        List<Partition> active = new ArrayList<>();
        for (GenericKubernetesResource chaos : ChaosResources.of(client, ChaosKind.API_VERSION, "NetworkChaos")
                .inAnyNamespace().list().getItems()) {
            Map<?, ?> spec = chaos.getAdditionalProperties().get("spec") instanceof Map<?, ?> s ? s : Map.of();
            if (!"partition".equals(String.valueOf(spec.get("action")))
                    || chaos.getMetadata().getDeletionTimestamp() != null
                    || !ChaosStatus.condition(chaos, ChaosStatus.ALL_INJECTED)) {
                continue;
            }
            Map<?, ?> selector = spec.get("selector") instanceof Map<?, ?> s ? s : Map.of();
            // A partition without target cuts the selected pods off from every pod.
            Map<?, ?> target = spec.get("target") instanceof Map<?, ?> t && t.get("selector") instanceof Map<?, ?> ts ? ts : null;
            String direction = spec.get("direction") == null ? "to" : String.valueOf(spec.get("direction"));
            active.add(new Partition(chaos.getMetadata().getNamespace() + "/" + chaos.getMetadata().getName(),
                    chaos.getMetadata().getNamespace(), selector, target, direction));
        }
        return new NetworkPartitions(active);
    }

    /** The partition that stops a TCP connection from {@code source} to {@code destination}, if any. */
    Optional<String> blocking(Pod source, Pod destination) {
        for (Partition partition : partitions) {
            if (drops(partition, source, destination) || drops(partition, destination, source)) {
                return Optional.of("NetworkChaos " + partition.id() + " (partition, direction " + partition.direction() + ")");
            }
        }
        return Optional.empty();
    }

    /** Whether the partition drops packets sent by {@code from} to {@code to}. */
    private static boolean drops(Partition partition, Pod from, Pod to) {
        boolean toward = "to".equals(partition.direction()) || "both".equals(partition.direction());
        boolean back = "from".equals(partition.direction()) || "both".equals(partition.direction());
        return toward && selected(partition, from) && targeted(partition, to)
                || back && targeted(partition, from) && selected(partition, to);
    }

    private static boolean selected(Partition partition, Pod pod) {
        return PodSelectorMatcher.matches(pod, partition.selector(), partition.namespace());
    }

    private static boolean targeted(Partition partition, Pod pod) {
        return partition.targetSelector() == null || PodSelectorMatcher.matches(pod, partition.targetSelector(), partition.namespace());
    }
}
