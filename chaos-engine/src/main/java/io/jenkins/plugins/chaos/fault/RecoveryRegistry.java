package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers every chaos resource that is (or is about to be) on the cluster until its recovery is confirmed, and
 * deletes what is left from a JVM shutdown hook. A resource is registered before it is created, so that a process
 * stopped between the two cannot leave an unregistered fault; Chaos Mesh's duration and the expiry sweep cover
 * the one case a hook cannot, SIGKILL.
 */
public final class RecoveryRegistry {

    private static final Map<ChaosResourceRef, KubernetesClient> PENDING = new LinkedHashMap<>();
    private static boolean hookInstalled;

    private RecoveryRegistry() {
    }

    public static synchronized void register(ChaosResourceRef ref, KubernetesClient client) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(RecoveryRegistry::deleteAllPending, "chaos-recovery-on-exit"));
            hookInstalled = true;
        }
        PENDING.put(ref, client);
    }

    public static synchronized void recovered(ChaosResourceRef ref) {
        PENDING.remove(ref);
    }

    public static synchronized int pendingCount() {
        return PENDING.size();
    }

    static void deleteAllPending() {
        Map<ChaosResourceRef, KubernetesClient> snapshot;
        synchronized (RecoveryRegistry.class) {
            snapshot = new LinkedHashMap<>(PENDING);
        }
        for (Map.Entry<ChaosResourceRef, KubernetesClient> entry : snapshot.entrySet()) {
            try {
                ChaosResources.of(entry.getValue(), entry.getKey()).delete();
                System.err.println("chaos: removed " + entry.getKey() + " on exit");
            } catch (RuntimeException e) {
                System.err.println("chaos: could not remove " + entry.getKey() + " on exit (" + e.getMessage()
                        + "); Chaos Mesh ends it after its duration and the next run's sweep deletes it");
            }
        }
    }
}
