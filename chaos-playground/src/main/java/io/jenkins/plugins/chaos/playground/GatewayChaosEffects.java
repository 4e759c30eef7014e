package io.jenkins.plugins.chaos.playground;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.playground.gateway.GatewayFaults;
import io.jenkins.plugins.chaos.playground.gateway.PlaygroundGateway;
import io.jenkins.plugins.chaos.playground.gateway.StoreVolumeFaults;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PodUsage;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Carries what the Chaos Mesh simulator injects into the inference gateway, as the real faults would act on it:
 * a PodChaos on a provider's pods takes that provider down (pod-kill only until its pod is back), an HTTPChaos on
 * them aborts or delays the gateway's calls, and a NetworkChaos partition between the gateway and a provider cuts
 * that route. Pods name their provider with the label {@code provider}; the gateway's pods carry {@code app=gateway}.
 */
public final class GatewayChaosEffects implements ChaosEffects {

    private final GatewayFaults faults;
    private final StoreVolumeFaults volumes;
    private final PodUsage usage;
    private final Duration podRestart;
    private final ScheduledExecutorService restarts = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.sameName("playground-pod-restarts"));

    public GatewayChaosEffects(GatewayFaults faults, Duration podRestart) {
        this(faults, new StoreVolumeFaults(), podRestart);
    }

    /** @param volumes the tenant store's volumes, which IOChaos on tenant pods acts on */
    public GatewayChaosEffects(GatewayFaults faults, StoreVolumeFaults volumes, Duration podRestart) {
        this(faults, volumes, new PodUsage(), podRestart);
    }

    /** @param usage the pods' simulated CPU and memory use, which StressChaos raises */
    public GatewayChaosEffects(GatewayFaults faults, StoreVolumeFaults volumes, PodUsage usage, Duration podRestart) {
        this.faults = faults;
        this.volumes = volumes;
        this.usage = usage;
        this.podRestart = podRestart;
    }

    @Override
    public void injected(GenericKubernetesResource chaos, List<Pod> targets) {
        Map<String, Object> spec = SpecMaps.spec(chaos);
        Set<String> providers = providers(targets);
        switch (chaos.getKind()) {
            case "PodChaos" -> {
                providers.forEach(faults::providerDown);
                if ("pod-kill".equals(spec.get("action")) || "container-kill".equals(spec.get("action"))) {
                    // A killed pod is replaced by its ReplicaSet: the provider is back once the new pod runs.
                    restarts.schedule(() -> providers.forEach(faults::providerUp), podRestart.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
            case "HTTPChaos" -> {
                for (String provider : providers) {
                    if (Boolean.TRUE.equals(spec.get("abort"))) {
                        faults.abortCalls(provider);
                    } else if (spec.get("delay") != null) {
                        faults.delayCalls(provider, GoDuration.parse(String.valueOf(spec.get("delay"))).orElse(Duration.ZERO));
                    }
                }
            }
            case "NetworkChaos" -> {
                if ("partition".equals(spec.get("action"))) {
                    routes(chaos, targets).forEach(route -> faults.partition(route.get(0), route.get(1)));
                    TenantRoutes.cut(chaos, targets).forEach(route -> faults.partition(route.get(0), route.get(1)));
                }
            }
            case "IOChaos" -> StoreChaosEffects.injected(volumes, chaos, targets);
            case "StressChaos" -> {
                Map<?, ?> stressors = spec.get("stressors") instanceof Map<?, ?> m ? m : Map.of();
                targets.forEach(pod -> usage.stress(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), stressors));
            }
            default -> {
            }
        }
    }

    @Override
    public void recovered(GenericKubernetesResource chaos, List<Pod> targets) {
        Map<String, Object> spec = SpecMaps.spec(chaos);
        Set<String> providers = providers(targets);
        switch (chaos.getKind()) {
            case "PodChaos" -> providers.forEach(faults::providerUp);
            case "HTTPChaos" -> providers.forEach(faults::clearHttpChaos);
            case "IOChaos" -> StoreChaosEffects.recovered(volumes, targets);
            case "StressChaos" -> targets.forEach(pod -> usage.relax(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
            case "NetworkChaos" -> {
                if ("partition".equals(spec.get("action"))) {
                    routes(chaos, targets).forEach(route -> faults.heal(route.get(0), route.get(1)));
                    TenantRoutes.cut(chaos, targets).forEach(route -> faults.heal(route.get(0), route.get(1)));
                }
            }
            default -> {
            }
        }
    }

    private Set<String> providers(List<Pod> pods) {
        Set<String> out = new LinkedHashSet<>();
        for (Pod pod : pods) {
            Map<String, String> labels = pod.getMetadata().getLabels();
            String provider = labels == null ? null : labels.get("provider");
            if (provider != null && faults.providers().contains(provider)) {
                out.add(provider);
            }
        }
        return out;
    }

    /**
     * The gateway's routes a partition cuts. The gateway only sees calls from its own pods to a provider's, so only
     * partitions between those are routes; a partition between two tenants is for the network probe.
     */
    private Set<List<String>> routes(GenericKubernetesResource chaos, List<Pod> sources) {
        Set<List<String>> out = new LinkedHashSet<>();
        boolean gatewaySide = sources.stream().anyMatch(p -> "gateway".equals(label(p, "app")));
        Object target = SpecMaps.spec(chaos).get("target");
        if (!gatewaySide || !(target instanceof Map<?, ?> targetMap)
                || !(targetMap.get("selector") instanceof Map<?, ?> selector)
                || !(selector.get("labelSelectors") instanceof Map<?, ?> labels)) {
            return out;
        }
        Object provider = labels.get("provider");
        if (provider != null && faults.providers().contains(String.valueOf(provider))) {
            String direction = String.valueOf(SpecMaps.spec(chaos).getOrDefault("direction", "to"));
            String providerNs = PlaygroundGateway.providerNamespace(String.valueOf(provider));
            if (!"from".equals(direction)) {
                out.add(List.of(PlaygroundGateway.GATEWAY_NAMESPACE, providerNs));
            }
            if (!"to".equals(direction)) {
                out.add(List.of(providerNs, PlaygroundGateway.GATEWAY_NAMESPACE));
            }
        }
        return out;
    }

    private static String label(Pod pod, String key) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? null : labels.get(key);
    }

}
