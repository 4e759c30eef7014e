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
    private final Set<String> composites = ConcurrentHashMap.newKeySet();
    private final ScheduleController schedules;
    private final WorkflowController workflows;
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
        this.schedules = new ScheduleController(client);
        this.workflows = new WorkflowController(client);
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
        if (active.isEmpty() && firstSeen.isEmpty() && composites.isEmpty()) {
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
        if (responsive && kinds.stream().anyMatch(k -> !k.observedByConditions()) || !composites.isEmpty()) {
            reconcileComposites();
        }
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

    /**
     * One pass of Chaos Mesh's common chaos pipeline (controllers/common): the finalizer (finalizers.InitReconciler),
     * the desired phase (desiredphase: Stop once deleted, then Run for a one-shot kill, Stop once the duration since
     * creation has passed or while paused, Run otherwise), the records (records: targets selected once, each record
     * applied or recovered towards the desired phase, with its counts and events), the conditions derived from the
     * records (condition), and on deletion the finalizer released once every record is recovered or when
     * cleanFinalizer=forced (finalizers.CleanReconciler). Status is written only when it changes, as the real
     * reconcilers do, so a write does not feed itself.
     */
    private void reconcile(GenericKubernetesResource chaos) {
        String key = chaos.getKind() + "/" + chaos.getMetadata().getNamespace() + "/" + chaos.getMetadata().getName();
        boolean deleted = chaos.getMetadata().getDeletionTimestamp() != null;
        boolean forced = ChaosLabels.CLEAN_FINALIZER_FORCED.equals(annotation(chaos, ChaosLabels.CLEAN_FINALIZER));
        if (deleted) {
            Active state = active.get(key);
            if (state != null && !state.ended()) {
                effects.recovered(chaos, state.targets());
                active.put(key, state.markEnded());
            }
            if (releasesFinalizers) {
                ChaosRecords.Update update = ChaosRecords.step(chaos, ChaosRecords.STOP, Map::of, Instant.now());
                if (update.changed()) {
                    writeStatus(chaos, update.status());
                }
                if (update.allRecovered()) {
                    release(key, chaos);
                }
            } else if (forced) {
                release(key, chaos);
            }
            return;
        }
        if (!responsive) {
            return;
        }
        Instant seen = firstSeen.computeIfAbsent(key, k -> Instant.now());
        if (Instant.now().isBefore(seen.plus(injectionDelay))) {
            return;
        }
        if (!chaos.getMetadata().getFinalizers().contains(FINALIZER)) {
            addFinalizer(chaos);
        }
        Map<String, Object> spec = SpecMaps.spec(chaos);
        String action = str(spec.get("action"));
        boolean oneShot = ChaosKind.isOneShot(chaos.getKind(), action);
        String desired = ChaosRecords.desiredPhase(chaos, oneShot, Instant.now());
        Active before = active.get(key);
        ChaosRecords.Update update = ChaosRecords.step(chaos, desired, () -> select(chaos), Instant.now());
        List<Pod> targets = before != null ? before.targets() : update.selected();
        if (before == null && !targets.isEmpty()) {
            active.put(key, new Active(targets, Instant.now(), null, oneShot, false));
        }
        if (update.applied() && !targets.isEmpty()) {
            if ("PodChaos".equals(chaos.getKind()) && "pod-kill".equals(action)) {
                killAndRestart(targets);
            }
            effects.injected(chaos, targets);
            active.put(key, new Active(targets, Instant.now(), null, oneShot, false));
        } else if (update.recovered() && !targets.isEmpty() && !oneShot) {
            effects.recovered(chaos, targets);
            active.put(key, new Active(targets, Instant.now(), null, oneShot, true));
        }
        if (update.changed()) {
            writeStatus(chaos, update.status());
        }
    }

    /** The targets per selector key, as Chaos Mesh's GetSelectorSpecs names them: "." and a NetworkChaos's ".Target". */
    private Map<String, List<Pod>> select(GenericKubernetesResource chaos) {
        Map<String, Object> spec = SpecMaps.spec(chaos);
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        Map<String, List<Pod>> targets = new LinkedHashMap<>();
        targets.put(".", selectWith(pods, spec, chaos.getMetadata().getNamespace()));
        if ("NetworkChaos".equals(chaos.getKind()) && spec.get("target") instanceof Map<?, ?> target) {
            targets.put(".Target", selectWith(pods, SpecMaps.asMap(target), chaos.getMetadata().getNamespace()));
        }
        return targets;
    }

    private static List<Pod> selectWith(List<Pod> pods, Map<String, Object> spec, String namespace) {
        Map<?, ?> selector = spec.get("selector") instanceof Map<?, ?> s ? s : Map.of();
        return PodSelectorMatcher.select(pods, selector, namespace, str(spec.get("mode")), str(spec.get("value")));
    }

    /**
     * Schedules and Workflows, then Kubernetes' garbage collector for what they spawned. They are tracked while they
     * exist, so that the quick periodic pass keeps spawning and advancing them without a change to react to.
     */
    private void reconcileComposites() {
        List<GenericKubernetesResource> all = SpawnedResources.all(client);
        composites.clear();
        for (GenericKubernetesResource resource : all) {
            if ("Schedule".equals(resource.getKind())) {
                composites.add(resource.getMetadata().getUid());
                if (responsive) {
                    schedules.reconcile(resource, all);
                }
            } else if ("Workflow".equals(resource.getKind())) {
                composites.add(resource.getMetadata().getUid());
                if (responsive) {
                    workflows.reconcile(resource);
                }
            }
        }
        SpawnedResources.collectGarbage(client);
    }

    private void release(String key, GenericKubernetesResource chaos) {
        removeFinalizer(chaos);
        active.remove(key);
        firstSeen.remove(key);
    }

    private void addFinalizer(GenericKubernetesResource chaos) {
        ChaosResources.of(client, chaos.getApiVersion(), chaos.getKind()).inNamespace(chaos.getMetadata().getNamespace())
                .withName(chaos.getMetadata().getName()).edit(r -> {
                    List<String> finalizers = new ArrayList<>(r.getMetadata().getFinalizers());
                    if (!finalizers.contains(FINALIZER)) {
                        finalizers.add(FINALIZER);
                    }
                    r.getMetadata().setFinalizers(finalizers);
                    return r;
                });
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

    private void writeStatus(GenericKubernetesResource chaos, Map<String, Object> status) {
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
