package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the runs of this JVM have (or are about to have) on the cluster, and the shutdown hook that removes it when the
 * JVM is stopped (SIGTERM from an aborted CI job, SIGINT, SIGHUP). A resource is registered before it is created, so a
 * process stopped between the two cannot leave an unregistered fault. Once shutdown starts no create (and no lease)
 * is begun; one already in flight is awaited, because its resource may land after any snapshot, and the hook then
 * deletes by the registry and by each run's run-id label, which finds a resource whatever the registry missed.
 * SIGKILL runs no hook: the run's lease stops being renewed and the next sweep removes its faults.
 */
public final class RecoveryRegistry {

    /** How long the hook waits for a create already sent; an API server answers well within it or not at all. */
    private static final long IN_FLIGHT_WAIT_MILLIS = 10_000;

    private static final Map<ChaosResourceRef, Owner> PENDING = new LinkedHashMap<>();
    private static final Map<String, RunLease> LEASES = new LinkedHashMap<>();
    private static int inFlight;
    private static boolean shuttingDown;
    private static boolean hookInstalled;

    private RecoveryRegistry() {
    }

    /**
     * A cluster write that the hook must wait for (a create, taking a lease) begins; {@link #writeDone()} ends it.
     *
     * @throws InterruptedException when the JVM is shutting down: nothing new may reach the cluster
     */
    static synchronized void beginWrite() throws InterruptedException {
        refuseWhenShuttingDown();
        installHook();
        inFlight++;
    }

    static synchronized void writeDone() {
        inFlight--;
        RecoveryRegistry.class.notifyAll();
    }

    /** A resource is about to be created: remembered first, deleted on exit unless {@link #recovered} says it is gone. */
    static synchronized void creating(ChaosResourceRef ref, KubernetesClient client, String runId)
            throws InterruptedException {
        beginWrite();
        PENDING.put(ref, new Owner(client, runId));
    }

    public static synchronized void recovered(ChaosResourceRef ref) {
        PENDING.remove(ref);
    }

    static synchronized void leaseHeld(RunLease lease) {
        LEASES.put(lease.runId(), lease);
    }

    /** The run is over (its faults removed or handed to the sweep): its lease is deleted and no longer renewed. */
    static void runEnded(String runId) {
        RunLease lease;
        synchronized (RecoveryRegistry.class) {
            if (shuttingDown) {
                // The hook owns the leases now: it deletes by label with their clients, then closes them.
                return;
            }
            lease = LEASES.remove(runId);
        }
        if (lease != null) {
            lease.close();
        }
    }

    static synchronized RunLease lease(String runId) {
        return LEASES.get(runId);
    }

    public static synchronized int pendingCount() {
        return PENDING.size();
    }

    private static void refuseWhenShuttingDown() throws InterruptedException {
        if (shuttingDown) {
            throw new InterruptedException("the JVM is shutting down: nothing more is applied to the cluster");
        }
    }

    private static void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(RecoveryRegistry::removeEverythingOnExit, "chaos-recovery-on-exit"));
            hookInstalled = true;
        }
    }

    static void removeEverythingOnExit() {
        Map<ChaosResourceRef, Owner> pending;
        Map<String, RunLease> leases;
        synchronized (RecoveryRegistry.class) {
            shuttingDown = true;
            long deadline = System.currentTimeMillis() + IN_FLIGHT_WAIT_MILLIS;
            while (inFlight > 0 && System.currentTimeMillis() < deadline) {
                try {
                    RecoveryRegistry.class.wait(Math.max(1, deadline - System.currentTimeMillis()));
                } catch (InterruptedException e) {
                    break;
                }
            }
            pending = new LinkedHashMap<>(PENDING);
            leases = new LinkedHashMap<>(LEASES);
        }
        for (Map.Entry<ChaosResourceRef, Owner> entry : pending.entrySet()) {
            // The lease's client lives as long as the run; the caller's may already be closed (the plugin's inject call).
            RunLease lease = leases.get(entry.getValue().runId());
            KubernetesClient client = lease != null ? lease.client() : entry.getValue().client();
            try {
                ChaosResources.of(client, entry.getKey()).delete();
                System.err.println("chaos: removed " + entry.getKey() + " on exit");
            } catch (RuntimeException e) {
                System.err.println("chaos: could not remove " + entry.getKey() + " on exit (" + Messages.firstLine(e.getMessage())
                        + "); its run's lease expires and the next sweep deletes it");
            }
        }
        for (RunLease lease : leases.values()) {
            // By label as well: a create whose answer never came back is found here even if the registry missed it.
            int more = RunRollback.deleteResources(lease.client(), lease.runId(), RunListener.printingTo(System.err));
            if (more > 0) {
                System.err.println("chaos: removed " + more + " more resource(s) of run " + lease.runId()
                        + " on exit (found by its run-id label)");
            }
        }
        for (RunLease lease : leases.values()) {
            lease.close();
        }
    }

    /** Who created a pending resource: its client, and its run, whose lease's client outlives the caller's. */
    private record Owner(KubernetesClient client, String runId) {
    }
}
