package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A run's liveness on the cluster: a {@code coordination.k8s.io/v1} Lease named after the run id, in the namespace of
 * its first fault, renewed while the run lives. A sweep deletes the faults of a run whose lease has expired (the
 * process was SIGKILLed, the agent vanished) at once, and never those of a run that still renews it. The lease has a
 * client of its own, so that it outlives the client of the call that took it (the plugin's inject and recover are two
 * remote calls, each with its own client).
 */
public final class RunLease implements AutoCloseable {

    private static final String NAME_PREFIX = "chaos-run-";

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String runId;
    private final RunListener listener;
    private final ScheduledExecutorService renewer;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private RunLease(KubernetesClient client, String namespace, String runId, RunListener listener) {
        this.client = client;
        this.namespace = namespace;
        this.name = nameFor(runId);
        this.runId = runId;
        this.listener = listener;
        this.renewer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.sameName("chaos-lease-" + runId));
    }

    /**
     * Creates (or takes over) the run's lease and starts renewing it.
     *
     * @throws FaultInjectionException when the lease cannot be written: without it a sweep could not tell this run
     *                                 from a dead one, so nothing is applied
     */
    static RunLease acquire(KubernetesClient cluster, String runId, String namespace, LeaseTimings timings,
                            RunListener listener) throws FaultInjectionException {
        KubernetesClient own = new KubernetesClientBuilder().withConfig(cluster.getConfiguration()).build();
        RunLease lease = new RunLease(own, namespace, runId, listener);
        try {
            lease.create(timings);
        } catch (KubernetesClientException e) {
            own.close();
            lease.renewer.shutdownNow();
            throw new FaultInjectionException("cannot hold the run's liveness lease " + namespace + "/" + lease.name
                    + " (HTTP " + e.getCode() + "): the service account needs get, create, update and delete on "
                    + "leases.coordination.k8s.io in namespace " + namespace + "; nothing was applied", e);
        }
        long every = timings.renewEvery().toMillis();
        lease.renewer.scheduleWithFixedDelay(lease::renew, every, every, TimeUnit.MILLISECONDS);
        return lease;
    }

    /** The lease's name for a run id; run ids are label values, a lease name is a DNS subdomain. */
    public static String nameFor(String runId) {
        return NAME_PREFIX + runId.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A lease is expired when its last renewal plus its duration has passed; one without them never was valid. */
    public static boolean expired(Lease lease, Instant now) {
        if (lease.getSpec() == null || lease.getSpec().getLeaseDurationSeconds() == null) {
            return true;
        }
        ZonedDateTime renewed = lease.getSpec().getRenewTime() != null ? lease.getSpec().getRenewTime()
                : lease.getSpec().getAcquireTime();
        return renewed == null
                || renewed.toInstant().plusSeconds(lease.getSpec().getLeaseDurationSeconds()).isBefore(now);
    }

    /** Where the lease is, as written into the annotation of every resource of the run. */
    public String reference() {
        return namespace + "/" + name;
    }

    public String runId() {
        return runId;
    }

    /** The lease's own client: open until {@link #close()}, so the exit hook can still delete with it. */
    KubernetesClient client() {
        return client;
    }

    private void create(LeaseTimings timings) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        Lease lease = new LeaseBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE, ChaosLabels.RUN_ID, runId))
                .endMetadata()
                .withNewSpec().withHolderIdentity(holder()).withLeaseDurationSeconds((int) timings.validity().toSeconds())
                .withAcquireTime(now).withRenewTime(now).endSpec()
                .build();
        try {
            client.leases().inNamespace(namespace).resource(lease).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // The run id's lease is already there (a retried call of the same run): this process holds it now.
            client.leases().inNamespace(namespace).withName(name).edit(existing -> {
                existing.setSpec(lease.getSpec());
                return existing;
            });
        }
    }

    private void renew() {
        if (closed.get()) {
            return;
        }
        try {
            client.leases().inNamespace(namespace).withName(name).edit(lease -> {
                lease.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
                return lease;
            });
            if (failing.compareAndSet(true, false)) {
                listener.info("Lease " + reference() + " renewed again");
            }
        } catch (RuntimeException e) {
            if (closed.get()) {
                // A renewal overtaken by close(): the lease is being deleted, nothing to report.
                return;
            }
            // Said once, not every 10 s; the next renewal tries again. Past the lease's validity a sweep may take the faults.
            if (failing.compareAndSet(false, true)) {
                listener.warn("Could not renew the run's lease " + reference() + ": " + Messages.firstLine(e.getMessage())
                        + "; if it stays unrenewed, a sweep treats this run as dead and removes its faults");
            }
        }
    }

    /** Stops renewing and deletes the lease: the run is over. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        renewer.shutdownNow();
        try {
            client.leases().inNamespace(namespace).withName(name).delete();
        } catch (RuntimeException e) {
            // It expires by itself; the next sweep removes it.
            listener.warn("Could not delete the run's lease " + reference() + ": " + Messages.firstLine(e.getMessage()));
        } finally {
            client.close();
        }
    }

    private static String holder() {
        String host = System.getenv("HOSTNAME");
        return "chaos-engine pid " + ProcessHandle.current().pid() + (host == null || host.isBlank() ? "" : " on " + host);
    }

    /** How often the lease is renewed and how long a renewal keeps it valid. */
    public record LeaseTimings(Duration renewEvery, Duration validity) {

        public static final LeaseTimings DEFAULT = new LeaseTimings(Duration.ofSeconds(10), Duration.ofSeconds(30));

        public LeaseTimings {
            if (validity.toSeconds() < 1 || validity.toMillis() % 1000 != 0) {
                throw new IllegalArgumentException("lease validity must be whole seconds, at least 1 s: " + validity);
            }
            if (renewEvery.isNegative() || renewEvery.isZero() || renewEvery.compareTo(validity) >= 0) {
                throw new IllegalArgumentException("lease renewal " + renewEvery + " must be shorter than its validity " + validity);
            }
        }
    }
}
