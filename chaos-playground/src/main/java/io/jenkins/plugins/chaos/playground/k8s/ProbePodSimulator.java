package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.probe.network.ProbePods;
import io.jenkins.plugins.chaos.probe.network.ProbeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Plays the kubelet for the network probe's pods on the playground, which has no nodes: a pod labelled
 * {@code chaos-engineering/probe=connectivity} is answered, after a short delay as if it had been scheduled and run,
 * with phase Succeeded (nc connected) or Failed (nc exit 1) written through the status subresource. Whether it
 * connects is decided from the playground's own objects by {@link SimulatedConnection}. Other pods are left alone.
 */
public final class ProbePodSimulator implements AutoCloseable {

    public static final Duration DEFAULT_ANSWER_DELAY = Duration.ofMillis(100);

    private final KubernetesClient client;
    private final Duration answerDelay;
    private final ScheduledExecutorService executor;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile boolean responsive = true;

    public ProbePodSimulator(KubernetesClient client, Duration answerDelay) {
        this.client = client;
        this.answerDelay = answerDelay;
        this.executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.sameName("probe-pod-simulator"));
        // A slow pass for changes no signal reported, as a kubelet's resync would.
        executor.scheduleWithFixedDelay(this::reconcileQuietly, 1, 1, TimeUnit.SECONDS);
    }

    /** false: behave like nodes that never run the pods (no capacity, image never pulled); pods stay Pending. */
    public void setResponsive(boolean responsive) {
        this.responsive = responsive;
        if (responsive) {
            schedulePass(5);
        }
    }

    /** Called for every change on the API server; a pod change triggers a pass soon after, off the server's thread. */
    void changed(String path) {
        if (path.startsWith("/api/v1/") && path.matches(".*/pods(/.*|\\?.*)?$")) {
            schedulePass(5);
        }
    }

    private void schedulePass(long delayMillis) {
        if (scheduled.compareAndSet(false, true)) {
            executor.schedule(() -> {
                scheduled.set(false);
                reconcileQuietly();
            }, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void reconcileQuietly() {
        try {
            reconcile();
        } catch (KubernetesClientException | IllegalStateException e) {
            // The next pass retries; a pod deleted under our feet is normal.
        } catch (RuntimeException e) {
            // Keep the scheduled passes alive whatever one pod does.
        }
    }

    private synchronized void reconcile() {
        if (!responsive) {
            return;
        }
        Instant now = Instant.now();
        Set<String> pending = new HashSet<>();
        long nextDue = Long.MAX_VALUE;
        for (Pod pod : client.pods().inAnyNamespace()
                .withLabel(ProbePods.PROBE_LABEL, ProbePods.PROBE_VALUE).list().getItems()) {
            if (!waiting(pod)) {
                continue;
            }
            String key = pod.getMetadata().getUid() != null ? pod.getMetadata().getUid()
                    : pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
            pending.add(key);
            Instant due = firstSeen.computeIfAbsent(key, k -> now).plus(answerDelay);
            if (now.isBefore(due)) {
                nextDue = Math.min(nextDue, Duration.between(now, due).toMillis());
                continue;
            }
            try {
                answer(pod);
            } catch (KubernetesClientException e) {
                // deleted while we decided; nothing to answer
            }
        }
        firstSeen.keySet().retainAll(pending);
        if (nextDue != Long.MAX_VALUE) {
            schedulePass(Math.max(1, nextDue));
        }
    }

    private static boolean waiting(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return pod.getMetadata().getDeletionTimestamp() == null && (phase == null || "Pending".equals(phase));
    }

    private void answer(Pod pod) {
        Optional<ProbeTarget> target = ProbePods.target(pod);
        SimulatedConnection connection = target.isPresent()
                ? SimulatedConnection.decide(client, pod, target.get())
                : new SimulatedConnection(false, 2, "", "playground: the probe pod does not say what it connects to (annotations "
                + ProbePods.TARGET_NAMESPACE + ", " + ProbePods.TARGET_SERVICE + ", " + ProbePods.TARGET_PORT + ")");
        String container = pod.getSpec().getContainers().get(0).getName();
        String finishedAt = Instant.now().toString();
        PodStatus status = new PodStatusBuilder()
                .withPhase(connection.connected() ? "Succeeded" : "Failed")
                .withMessage(connection.explanation())
                .withStartTime(pod.getMetadata().getCreationTimestamp())
                .withContainerStatuses(new ContainerStatusBuilder()
                        .withName(container).withImage(pod.getSpec().getContainers().get(0).getImage())
                        .withReady(false).withRestartCount(0)
                        .withNewState().withNewTerminated()
                        .withExitCode(connection.exitCode())
                        .withReason(connection.exitCode() == 0 ? "Completed" : "Error")
                        .withMessage(connection.ncOutput().isEmpty() ? null : connection.ncOutput())
                        .withFinishedAt(finishedAt)
                        .endTerminated().endState()
                        .build())
                .build();
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .editStatus(p -> {
                    p.setStatus(status);
                    return p;
                });
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
