package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosSpecFactory;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import io.jenkins.plugins.chaos.chaosmesh.ClusterCrds;
import io.jenkins.plugins.chaos.chaosmesh.CrdSource;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.InvalidExperimentException;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.Experiment;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.PlannedFault;
import io.jenkins.plugins.chaos.verdict.FaultRecord;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts an experiment's faults in place and takes them away again. Injection is all or nothing: if any fault cannot
 * be created or is not confirmed injected in time, or the thread is interrupted, everything already created is
 * removed before the exception leaves. Removal never gives up early because of an interrupt: an aborted Jenkins
 * build is exactly when the fault must go. From the first create until recovery the run holds its liveness lease
 * ({@link RunLease}), so that no sweep mistakes it for a dead run, and every create is announced to
 * {@link RecoveryRegistry} first, so that a JVM shutdown never races it.
 */
public final class FaultInjector {

    private final KubernetesClient client;
    private final RunListener listener;
    private final RunOptions options;
    private final CrdSource crds;
    private Duration recoveryTimeout = GoDuration.parse(Experiment.DEFAULT_RECOVERY_TIMEOUT).orElseThrow();
    /** The run this injector put faults in for; its lease is released when they are recovered. */
    private String runId;

    public FaultInjector(KubernetesClient client, RunListener listener, RunOptions options) {
        this.client = client;
        this.listener = listener;
        this.options = options;
        this.crds = new ClusterCrds(client, listener);
    }

    /**
     * The cluster's side of validation, before anything is applied: the target namespaces must be allowed (allow-list
     * or annotation) and every resource must pass the installed CRD's schema. CRDs are read once per injector.
     *
     * @return the plan's resources, as they will be applied
     */
    public List<PlannedFault> check(ExperimentPlan plan) {
        List<PlannedFault> planned = plan.faults();
        List<ValidationError> errors = new ArrayList<>(NamespaceGuard.check(client, planned, plan.allowedNamespaces(),
                plan.allowListBinding()));
        // The installed CRD's schema: the API server would drop unknown fields silently, and a fault refused half-way
        // through injection is worse than one refused here.
        errors.addAll(PlannedFaultSchemas.check(planned, crds));
        if (!errors.isEmpty()) {
            throw new InvalidExperimentException(errors);
        }
        return planned;
    }

    /** Applies the plan's faults; a plan not yet named after a run is named after this injector's run id. */
    public InjectedFaults inject(ExperimentPlan plan) throws InterruptedException, FaultInjectionException {
        String runId = plan.runId() != null ? plan.runId()
                : options.runId() != null ? options.runId() : ChaosLabels.newRunId();
        ExperimentPlan run = plan.runId() != null ? plan : plan.forRun(runId);
        recoveryTimeout = run.recoveryTimeout();
        Duration injectionTimeout = run.injectionTimeout();
        List<PlannedFault> planned = check(run);
        if (options.dryRun()) {
            return dryRun(planned, runId, run);
        }
        this.runId = runId;
        RunLease lease = holdLease(runId, planned.get(0).namespace());
        Map<ChaosResourceRef, PlannedFault> created = new LinkedHashMap<>();
        List<ChaosResourceRef> registered = new ArrayList<>();
        boolean complete = false;
        try {
            for (PlannedFault fault : planned) {
                GenericKubernetesResource resource = labelled(fault, runId, run, lease);
                ChaosResourceRef ref = ChaosResourceRef.of(resource);
                // Refused once the JVM is shutting down; from here until writeDone the exit hook waits for this create.
                RecoveryRegistry.creating(ref, client, runId);
                registered.add(ref);
                try {
                    listener.info("Injecting " + fault.describe());
                    create(resource, ref);
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        // AlreadyExists: the name belongs to a resource this run did not create; the cleanup below
                        // must not delete someone else's chaos resource.
                        registered.remove(ref);
                        RecoveryRegistry.recovered(ref);
                    }
                    throw e;
                } finally {
                    RecoveryRegistry.writeDone();
                }
                created.put(ref, fault);
            }
            Map<ChaosResourceRef, Instant> injectedAt = awaitInjected(created, injectionTimeout);
            List<FaultRecord> records = new ArrayList<>();
            created.forEach((ref, fault) -> records.add(new FaultRecord(fault.faultName(), ref.kind(), ref.namespace(),
                    ref.name(), fault.describe(), injectedAt.get(ref), null, "injected")));
            Instant last = injectedAt.values().stream().max(Instant::compareTo).orElse(Instant.now());
            complete = true;
            return new InjectedFaults(runId, List.copyOf(created.keySet()), records, last);
        } catch (KubernetesClientException e) {
            if (interruptedRequest(e)) {
                // fabric8 wraps an interrupt that lands during a request: that is an abort, not an API refusal.
                InterruptedException interrupted = new InterruptedException("interrupted while injecting faults");
                interrupted.initCause(e);
                throw interrupted;
            }
            throw new FaultInjectionException("the Kubernetes API refused a fault (HTTP " + e.getCode() + "): "
                    + options.secrets().redact(e.getMessage()), e);
        } finally {
            if (!complete && !registered.isEmpty()) {
                // Every registered resource, not only the confirmed ones: a create whose answer was lost may still
                // have reached the API server, and deleting what does not exist is harmless.
                listener.warn("Injection did not complete; removing the " + created.size() + " fault(s) already created");
                recover(registered);
            }
            if (!complete) {
                RecoveryRegistry.runEnded(runId);
            }
        }
    }

    /**
     * The run's liveness lease, taken before its first fault is created (or the one this JVM already holds for the run,
     * when it injects again): a sweep never removes the faults of a run whose lease is valid.
     */
    private RunLease holdLease(String runId, String namespace) throws InterruptedException, FaultInjectionException {
        RunLease held = RecoveryRegistry.lease(runId);
        if (held != null) {
            return held;
        }
        RecoveryRegistry.beginWrite();
        try {
            RunLease lease = RunLease.acquire(client, runId, namespace,
                    new RunLease.LeaseTimings(options.leaseRenewal(), options.leaseValidity()), listener);
            RecoveryRegistry.leaseHeld(lease);
            listener.info("Lease " + lease.reference() + " taken (renewed every " + GoDuration.format(options.leaseRenewal())
                    + ", valid " + GoDuration.format(options.leaseValidity()) + "): no sweep removes this run's faults while it is valid");
            return lease;
        } finally {
            RecoveryRegistry.writeDone();
        }
    }

    private void create(GenericKubernetesResource resource, ChaosResourceRef ref) {
        ChaosResources.of(client, ref.apiVersion(), ref.kind()).inNamespace(ref.namespace()).resource(resource).create();
    }

    private InjectedFaults dryRun(List<PlannedFault> planned, String runId, ExperimentPlan plan) {
        for (PlannedFault fault : planned) {
            GenericKubernetesResource resource = labelled(fault, runId, plan, null);
            ChaosResourceRef ref = ChaosResourceRef.of(resource);
            ChaosResources.of(client, ref.apiVersion(), ref.kind()).inNamespace(ref.namespace()).resource(resource)
                    .dryRun().create();
            listener.info("Dry run (server-side, nothing persisted): would apply " + fault.describe() + "\n"
                    + Serialization.asYaml(resource).strip());
        }
        return new InjectedFaults(runId, List.of(), List.of(), Instant.now());
    }

    private Map<ChaosResourceRef, Instant> awaitInjected(Map<ChaosResourceRef, PlannedFault> created, Duration timeout)
            throws InterruptedException, FaultInjectionException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        Map<ChaosResourceRef, Instant> injected = new LinkedHashMap<>();
        Map<ChaosResourceRef, String> lastSeen = new LinkedHashMap<>();
        try (ChangeSignal changes = ChangeSignal.watching(client, List.copyOf(created.keySet()))) {
            return awaitInjected(created, timeout, start, deadline, injected, lastSeen, changes);
        }
    }

    private Map<ChaosResourceRef, Instant> awaitInjected(Map<ChaosResourceRef, PlannedFault> created, Duration timeout,
                                                         Instant start, Instant deadline,
                                                         Map<ChaosResourceRef, Instant> injected,
                                                         Map<ChaosResourceRef, String> lastSeen, ChangeSignal changes)
            throws InterruptedException, FaultInjectionException {
        while (injected.size() < created.size()) {
            for (Map.Entry<ChaosResourceRef, PlannedFault> entry : created.entrySet()) {
                ChaosResourceRef ref = entry.getKey();
                if (injected.containsKey(ref)) {
                    continue;
                }
                GenericKubernetesResource current = ChaosResources.of(client, ref).get();
                if (current == null) {
                    throw new FaultInjectionException(ref + " disappeared before Chaos Mesh reported it injected");
                }
                PlannedFault fault = entry.getValue();
                boolean ready = !ChaosKinds.known(ref.kind()).map(ChaosKind::observedByConditions).orElse(true)
                        || ChaosStatus.injected(current, fault.oneShot());
                if (ready) {
                    Instant now = Instant.now();
                    injected.put(ref, now);
                    listener.info("In place: " + ref + " (" + (fault.oneShot() ? ChaosStatus.injectedRecords(current)
                            + " target(s) hit" : "AllInjected") + " after " + seconds(Duration.between(start, now)) + ")");
                } else if (!fault.oneShot() && ChaosStatus.stoppedBeforeInjection(current)) {
                    throw new FaultInjectionException(ref + ": Chaos Mesh stopped it before injecting any target (its "
                            + "duration ran out, or it is paused): " + ChaosStatus.summary(current)
                            + "; give the fault a duration longer than the controller needs to inject it");
                } else {
                    lastSeen.put(ref, ChaosStatus.summary(current));
                }
            }
            if (injected.size() == created.size()) {
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                StringBuilder why = new StringBuilder("Chaos Mesh did not report injection within "
                        + GoDuration.format(timeout) + " (injectionTimeout):");
                lastSeen.forEach((ref, status) -> {
                    if (!injected.containsKey(ref)) {
                        why.append(' ').append(ref).append(": ").append(status).append(';');
                    }
                });
                throw new FaultInjectionException(why.toString());
            }
            // The watch wakes us when Chaos Mesh writes the status; the poll interval bounds the wait without it.
            changes.await(options.pollInterval());
        }
        return injected;
    }

    /** Deletes the resources and waits until each is gone; reports, never throws, so every resource gets its turn. */
    public List<RecoveryOutcome> recover(List<ChaosResourceRef> resources) {
        boolean interrupted = Thread.interrupted();
        List<RecoveryOutcome> outcomes = new ArrayList<>();
        ChangeSignal changes = null;
        try {
            Instant start = Instant.now();
            List<ChaosResourceRef> pending = new ArrayList<>();
            List<ChaosResourceRef> all = SpawnedResources.withDescendants(client, resources);
            changes = ChangeSignal.watching(client, all);
            // A Schedule's or a Workflow's children carry none of our labels: found by owner reference, removed too.
            for (ChaosResourceRef ref : all) {
                try {
                    listener.info("Removing " + ref);
                    ChaosResources.of(client, ref).delete();
                    pending.add(ref);
                } catch (KubernetesClientException e) {
                    outcomes.add(new RecoveryOutcome(ref, null, "delete failed (HTTP " + e.getCode() + "): "
                            + options.secrets().redact(e.getMessage())));
                    listener.warn("Could not delete " + ref + " (HTTP " + e.getCode() + "); Chaos Mesh ends it after "
                            + "its duration and the next run's sweep removes it");
                }
            }
            Instant deadline = start.plus(recoveryTimeout);
            while (!pending.isEmpty()) {
                for (var it = pending.iterator(); it.hasNext(); ) {
                    ChaosResourceRef ref = it.next();
                    if (confirmedGone(ref)) {
                        Instant now = Instant.now();
                        outcomes.add(new RecoveryOutcome(ref, now, "recovered"));
                        RecoveryRegistry.recovered(ref);
                        listener.info("Gone: " + ref + " (recovered after " + seconds(Duration.between(start, now)) + ")");
                        it.remove();
                    }
                }
                if (pending.isEmpty()) {
                    break;
                }
                if (Instant.now().isAfter(deadline)) {
                    for (ChaosResourceRef ref : pending) {
                        GenericKubernetesResource current = lastSeen(ref);
                        List<String> finalizers = current == null ? List.of() : current.getMetadata().getFinalizers();
                        String outcome = "stuck in deletion on finalizers " + finalizers + " after "
                                + GoDuration.format(recoveryTimeout) + " (" + (current == null ? "" : ChaosStatus.summary(current))
                                + "); run 'chaos sweep --force' to release it";
                        outcomes.add(new RecoveryOutcome(ref, null, outcome));
                        listener.warn(ref + " is " + outcome);
                    }
                    break;
                }
                try {
                    changes.await(options.pollInterval());
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (changes != null) {
                changes.close();
            }
            // The run's faults are gone or reported stuck: its lease goes, and a sweep may take what is left at once.
            String run = runId != null ? runId : options.runId();
            if (run != null) {
                RecoveryRegistry.runEnded(run);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return outcomes;
    }

    private static boolean interruptedRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException) {
                return true;
            }
        }
        return false;
    }

    /** Gone only when the API server says so; an API error is no confirmation, and the next poll asks again. */
    private boolean confirmedGone(ChaosResourceRef ref) {
        try {
            return ChaosResources.of(client, ref).get() == null;
        } catch (KubernetesClientException e) {
            return e.getCode() == 404;
        }
    }

    /** The resource for the stuck report; null when it cannot be read, which the report then leaves out. */
    private GenericKubernetesResource lastSeen(ChaosResourceRef ref) {
        try {
            return ChaosResources.of(client, ref).get();
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    private GenericKubernetesResource labelled(PlannedFault fault, String runId, ExperimentPlan plan, RunLease lease) {
        GenericKubernetesResource resource = Serialization.clone(fault.resource());
        Map<String, String> labels = resource.getMetadata().getLabels() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(resource.getMetadata().getLabels());
        labels.put(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE);
        labels.put(ChaosLabels.RUN_ID, runId);
        labels.put(ChaosLabels.EXPERIMENT, ChaosSpecFactory.slug(plan.name()));
        resource.getMetadata().setLabels(labels);
        Map<String, String> annotations = resource.getMetadata().getAnnotations() == null
                ? new LinkedHashMap<>() : new LinkedHashMap<>(resource.getMetadata().getAnnotations());
        Duration lifetime = fault.duration() != null ? fault.duration() : plan.maxDuration();
        annotations.put(ChaosLabels.EXPIRES_AT, Instant.now().plus(lifetime).plus(options.expiryGrace()).toString());
        if (lease != null) {
            annotations.put(ChaosLabels.LEASE, lease.reference());
        }
        resource.getMetadata().setAnnotations(annotations);
        return resource;
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
