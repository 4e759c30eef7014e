package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes a waiting injector as soon as the API server reports a change to one of the kinds it waits on: a watch per
 * kind and namespace, so that AllInjected or a deletion is seen when it happens rather than at the next poll. The
 * callers still read the resource themselves after each wake-up, and the poll interval stays the upper bound of a
 * wait: a watch that cannot be opened, or that breaks, only makes the wait as slow as polling, never wrong.
 */
final class ChangeSignal implements AutoCloseable {

    private final Semaphore changes = new Semaphore(0);
    private final List<Watch> watches = new ArrayList<>();

    private ChangeSignal() {
    }

    static ChangeSignal watching(KubernetesClient client, List<ChaosResourceRef> refs) {
        ChangeSignal signal = new ChangeSignal();
        Set<List<String>> scopes = new LinkedHashSet<>();
        refs.forEach(ref -> scopes.add(List.of(ref.apiVersion(), ref.kind(), ref.namespace())));
        for (List<String> scope : scopes) {
            try {
                signal.watches.add(ChaosResources.of(client, scope.get(0), scope.get(1)).inNamespace(scope.get(2))
                        .watch(signal.watcher()));
            } catch (RuntimeException e) {
                // No watch for this kind (RBAC without 'watch', a proxy that drops it, a JVM shutting down): polling
                // covers it, and recovery must never fail for want of a watch.
            }
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
    }
}
