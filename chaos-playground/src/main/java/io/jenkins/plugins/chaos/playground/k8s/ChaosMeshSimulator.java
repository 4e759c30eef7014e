package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays the Chaos Mesh controller against the playground's API server: it selects the target pods, adds the
 * {@code chaos-mesh/records} finalizer, applies the effect, reports Selected/AllInjected (and container records) through
 * the status subresource, ends the fault when its duration has passed (AllRecovered), and on deletion recovers and
 * releases the finalizer. Two switches reproduce the failures the engine must survive: a controller that never
 * injects, and one that never lets a deleted resource go.
 */
public final class ChaosMeshSimulator implements AutoCloseable {

    public static final String FINALIZER = "chaos-mesh/records";

    private final KubernetesClient client;
    private final ChaosEffects effects;
    private final Duration injectionDelay;
    private final Duration podRestartDelay;
    private final ScheduledExecutorService executor;
    private final Map<String, Active> active = new ConcurrentHashMap<>();
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Set<ChaosKind> dirtyKinds = ConcurrentHashMap.newKeySet();
    private volatile boolean responsive = true;
    private volatile boolean releasesFinalizers = true;

    private record Active(List<Pod> targets, Instant injectedAt, Instant endsAt, boolean oneShot, boolean ended) {
        Active markEnded() {
            return new Active(targets, injectedAt, endsAt, oneShot, true);
        }
    }

    public ChaosMeshSimulator(KubernetesClient client, ChaosEffects effects, Duration injectionDelay, Duration podRestartDelay) {
        this.client = client;
        this.effects = effects;
        this.injectionDelay = injectionDelay;
        this.podRestartDelay = podRestartDelay;
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.sameName("chaos-mesh-simulator"));
        // The periodic pass ends faults whose duration has passed; changes are handled as they are signalled.
        executor.scheduleWithFixedDelay(this::reconcileQuietly, 250, 250, TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::reconcileAll, 2, 2, TimeUnit.SECONDS);
    }

    /** Called for every change on the API server; chaos-mesh.org changes trigger a reconcile of that kind soon after. */
    void changed(String path) {
        String prefix = "/apis/" + ChaosKind.GROUP + "/";
        int at = path.indexOf(prefix);
        if (at < 0) {
            return;
        }
        ChaosKinds.all().stream().filter(k -> path.matches(".*/" + k.plural() + "(/.*|\\?.*)?$")).findFirst()
                .ifPresent(dirtyKinds::add);
        if (scheduled.compareAndSet(false, true)) {
            executor.schedule(() -> {
                scheduled.set(false);
                List<ChaosKind> kinds = new ArrayList<>(dirtyKinds);
                dirtyKinds.removeAll(kinds);
                try {
                    reconcile(kinds);
                } catch (KubernetesClientException | IllegalStateException e) {
                    // Retried by the periodic pass.
                }
            }, 5, TimeUnit.MILLISECONDS);
        }
    }

    /** false: behave like a controller that is down; resources are never injected. */
    public void setResponsive(boolean responsive) {
        this.responsive = responsive;
    }

    /** false: keep the finalizer on deleted resources (a stuck controller) unless cleanFinalizer=forced. */
    public void setReleasesFinalizers(boolean releasesFinalizers) {
        this.releasesFinalizers = releasesFinalizers;
    }

    private void reconcileQuietly() {
        if (active.isEmpty() && firstSeen.isEmpty()) {
            return;
        }
        try {
            reconcile();
        } catch (KubernetesClientException | IllegalStateException e) {
            // The next pass retries; a conflict with a concurrent edit is normal for a controller.
        }
    }

    /** A slow full pass, as a controller's resync would, for changes no signal reported. */
    private void reconcileAll() {
        try {
            reconcile();
        } catch (KubernetesClientException | IllegalStateException e) {
            // Retried on the next pass.
        }
    }

    private void reconcile() {
        reconcile(ChaosKinds.all());
    }

    private synchronized void reconcile(List<ChaosKind> kinds) {
        for (ChaosKind kind : kinds) {
            if (!kind.observedByConditions()) {
                continue;
            }
            for (GenericKubernetesResource chaos : ChaosResources.of(client, ChaosKind.API_VERSION, kind.kind())
                    .inAnyNamespace().list().getItems()) {
                reconcile(chaos);
            }
        }
    }

    private void reconcile(GenericKubernetesResource chaos) {
        String key = chaos.getKind() + "/" + chaos.getMetadata().getNamespace() + "/" + chaos.getMetadata().getName();
        Active state = active.get(key);
        if (chaos.getMetadata().getDeletionTimestamp() != null) {
            if (state != null && !state.ended()) {
                effects.recovered(chaos, state.targets());
                active.put(key, state.markEnded());
            }
            boolean forced = ChaosLabels.CLEAN_FINALIZER_FORCED.equals(annotation(chaos, ChaosLabels.CLEAN_FINALIZER));
            if (releasesFinalizers || forced) {
                removeFinalizer(chaos);
                active.remove(key);
                firstSeen.remove(key);
            }
            return;
        }
        if (state == null) {
            Instant seen = firstSeen.computeIfAbsent(key, k -> Instant.now());
            if (responsive && !Instant.now().isBefore(seen.plus(injectionDelay))) {
                inject(key, chaos);
            }
        } else if (!state.ended() && state.endsAt() != null && Instant.now().isAfter(state.endsAt())) {
            if (!state.oneShot()) {
                effects.recovered(chaos, state.targets());
            }
            active.put(key, state.markEnded());
            writeStatus(chaos, state.targets(), false, true);
        }
    }

    private void inject(String key, GenericKubernetesResource chaos) {
        Map<String, Object> spec = SpecMaps.spec(chaos);
        String namespace = chaos.getMetadata().getNamespace();
        Map<?, ?> selector = spec.get("selector") instanceof Map<?, ?> s ? s : Map.of();
        List<Pod> targets = PodSelectorMatcher.select(client.pods().inAnyNamespace().list().getItems(), selector,
                namespace, str(spec.get("mode")), str(spec.get("value")));
        String action = str(spec.get("action"));
        boolean oneShot = ChaosKind.isOneShot(chaos.getKind(), action);
        Duration duration = spec.get("duration") == null ? null : GoDuration.parse(str(spec.get("duration"))).orElse(null);
        ChaosResources.of(client, chaos.getApiVersion(), chaos.getKind()).inNamespace(namespace)
                .withName(chaos.getMetadata().getName()).edit(r -> {
                    List<String> finalizers = new ArrayList<>(r.getMetadata().getFinalizers());
                    if (!finalizers.contains(FINALIZER)) {
                        finalizers.add(FINALIZER);
                    }
                    r.getMetadata().setFinalizers(finalizers);
                    return r;
                });
        Instant now = Instant.now();
        active.put(key, new Active(targets, now, duration == null ? null : now.plus(duration), oneShot, false));
        if (!targets.isEmpty()) {
            if ("PodChaos".equals(chaos.getKind()) && "pod-kill".equals(action)) {
                killAndRestart(targets);
            }
            effects.injected(chaos, targets);
        }
        writeStatus(chaos, targets, !targets.isEmpty(), false);
    }

    private void killAndRestart(List<Pod> targets) {
        for (Pod pod : targets) {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
            // As the pod's ReplicaSet would, bring a replacement back after a while.
            executor.schedule(() -> {
                Pod replacement = new PodBuilder(pod).editMetadata().withResourceVersion(null).withUid(null)
                        .withCreationTimestamp(null).withDeletionTimestamp(null).endMetadata().build();
                client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(replacement).createOr(p -> p.update());
            }, podRestartDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void writeStatus(GenericKubernetesResource chaos, List<Pod> targets, boolean injected, boolean recovered) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(
                condition("Selected", !targets.isEmpty(), targets.isEmpty() ? "no pod matched the selector" : null),
                condition("AllInjected", injected, null),
                condition("AllRecovered", recovered, null),
                condition("Paused", false, null)));
        List<Map<String, Object>> records = new ArrayList<>();
        for (Pod pod : targets) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
            record.put("selectorKey", ".");
            record.put("phase", recovered ? "Not Injected" : "Injected");
            record.put("injectedCount", 1);
            record.put("recoveredCount", recovered ? 1 : 0);
            records.add(record);
        }
        status.put("experiment", Map.of("desiredPhase", recovered ? "Stop" : "Run", "containerRecords", records));
        ChaosResources.of(client, chaos.getApiVersion(), chaos.getKind()).inNamespace(chaos.getMetadata().getNamespace())
                .withName(chaos.getMetadata().getName()).editStatus(r -> {
                    r.setAdditionalProperty("status", status);
                    return r;
                });
    }

    private void removeFinalizer(GenericKubernetesResource chaos) {
        ChaosResources.of(client, chaos.getApiVersion(), chaos.getKind()).inNamespace(chaos.getMetadata().getNamespace())
                .withName(chaos.getMetadata().getName()).edit(r -> {
                    List<String> finalizers = new ArrayList<>(r.getMetadata().getFinalizers());
                    finalizers.remove(FINALIZER);
                    r.getMetadata().setFinalizers(finalizers);
                    return r;
                });
    }

    private static Map<String, Object> condition(String type, boolean value, String reason) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", value ? "True" : "False");
        if (reason != null) {
            condition.put("reason", reason);
        }
        return condition;
    }


    private static String annotation(GenericKubernetesResource chaos, String key) {
        Map<String, String> annotations = chaos.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    private static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
