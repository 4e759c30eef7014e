package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wakes a waiting injector as soon as the API server reports a change to one of the kinds it waits on: a watch per
 * kind and namespace, so that AllInjected or a deletion is seen when it happens rather than at the next poll. The
 * callers still read the resource themselves after each wake-up, and the poll interval stays the upper bound of a
 * wait: a watch that cannot be opened, or that breaks, only makes the wait as slow as polling, never wrong.
 */
final class ChangeSignal implements AutoCloseable {

    /**
     * How long a watch may take to open. fabric8's {@code watch()} waits for the WebSocket without a bound, so a
     * handshake that stalls (a loaded API server, a proxy) would stall the injection or the recovery it should
     * only speed up; a watch that opens later is closed as soon as it does.
     */
    static final Duration OPEN_WITHIN = Duration.ofSeconds(2);
    private static final ExecutorService OPENER = Executors.newCachedThreadPool(DaemonThreads.named("chaos-watch-open"));

    private final Semaphore changes = new Semaphore(0);
    private final List<Watch> watches = new ArrayList<>();
    private final List<CompletableFuture<Watch>> late = new ArrayList<>();

    private ChangeSignal() {
    }

    static ChangeSignal watching(KubernetesClient client, List<ChaosResourceRef> refs) {
        ChangeSignal signal = new ChangeSignal();
        Set<List<String>> scopes = new LinkedHashSet<>();
        refs.forEach(ref -> scopes.add(List.of(ref.apiVersion(), ref.kind(), ref.namespace())));
        boolean interrupted = false;
        for (List<String> scope : scopes) {
            CompletableFuture<Watch> opening = CompletableFuture.supplyAsync(() -> ChaosResources.of(client, scope.get(0),
                    scope.get(1)).inNamespace(scope.get(2)).watch(signal.watcher()), OPENER);
            try {
                signal.watches.add(opening.get(OPEN_WITHIN.toMillis(), TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                signal.late.add(opening);
            } catch (ExecutionException e) {
                // No watch for this kind (RBAC without 'watch', a proxy that drops it, a JVM shutting down): polling
                // covers it, and recovery must never fail for want of a watch.
            } catch (InterruptedException e) {
                // the caller decides what an interrupt means (recovery finishes first); polling covers the rest
                signal.late.add(opening);
                interrupted = true;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return signal;
    }

    /** Waits until a change is reported or {@code max} has passed; either way the caller looks again. */
    void await(Duration max) throws InterruptedException {
        if (changes.tryAcquire(Math.max(1, max.toMillis()), TimeUnit.MILLISECONDS)) {
            changes.drainPermits();
        }
    }

    private Watcher<GenericKubernetesResource> watcher() {
        return new Watcher<>() {
            @Override
            public void eventReceived(Action action, GenericKubernetesResource resource) {
                changes.release();
            }

            @Override
            public void onClose(WatcherException cause) {
                // Polling takes over.
                changes.release();
            }
        };
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        late.forEach(opening -> opening.thenAccept(Watch::close));
    }
}
