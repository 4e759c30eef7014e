package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.probe.network.ProbeOutcome.Kind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs one probe pod from creation to deletion: create, poll its phase until it ends or the pod timeout passes,
 * and delete it in every case. Stopping is cooperative (the shared latch), never by interrupting this thread:
 * an interrupt inside the HTTP client could abandon a creation the API server still completes, leaving a pod
 * nobody deletes.
 */
final class ProbePodRunner {

    /** Waiting reasons after which the container will never run without someone fixing the pod spec or registry. */
    private static final Set<String> CANNOT_START = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull", "CreateContainerConfigError", "CreateContainerError");
    private static final long FIRST_POLL_MILLIS = 100;
    private static final long MAX_POLL_MILLIS = 1000;
    private static final int DELETE_ATTEMPTS = 3;

    private final KubernetesClient client;
    private final String runId;
    private final String image;
    private final Duration connectTimeout;
    private final Duration podTimeout;
    private final CountDownLatch stop;

    ProbePodRunner(KubernetesClient client, String runId, String image, Duration connectTimeout, Duration podTimeout,
                   CountDownLatch stop) {
        this.client = client;
        this.runId = runId;
        this.image = image;
        this.connectTimeout = connectTimeout;
        this.podTimeout = podTimeout;
        this.stop = stop;
    }

    ProbeOutcome attempt(String podName, String sourceNamespace, ProbeTarget target) {
        Instant started = Instant.now();
        String pod = sourceNamespace + "/" + podName;
        List<String> evidence = new ArrayList<>();
        evidence.add("probe pod " + pod + " (image " + image + ")");
        evidence.add("command: " + String.join(" ", ProbePods.command(target, connectTimeout)));
        evidence.add("target: service " + target.namespace() + "/" + target.service() + " port " + target.port());
        if (stopped()) {
            return outcome(Kind.INTERRUPTED, pod, "stopped before the pod was created", evidence, started);
        }
        ProbeOutcome result = null;
        try {
            boolean created = false;
            try {
                client.pods().inNamespace(sourceNamespace).resource(ProbePods.build(podName, sourceNamespace, target,
                        runId, image, connectTimeout, podTimeout)).create();
                created = true;
            } catch (KubernetesClientException e) {
                // Still deleted below: a creation that timed out on the client may have succeeded on the server.
                evidence.add("creation refused: " + apiError(e));
                result = outcome(Kind.API_ERROR, pod, "could not create the probe pod: " + apiError(e), evidence, started);
            }
            if (created) {
                result = await(sourceNamespace, podName, pod, evidence, started);
            }
        } finally {
            // Also when this thread was interrupted from outside: the deletion must still be sent.
            boolean interrupted = Thread.interrupted();
            String deletion = delete(sourceNamespace, podName);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (result != null) {
                result = result.withEvidence(deletion);
            }
        }
        return result;
    }

    private ProbeOutcome await(String namespace, String name, String pod, List<String> evidence, Instant started) {
        Instant deadline = started.plus(podTimeout);
        long poll = FIRST_POLL_MILLIS;
        String lastSeen = "not observed yet";
        while (true) {
            Pod current;
            try {
                current = client.pods().inNamespace(namespace).withName(name).get();
            } catch (KubernetesClientException e) {
                // A transient API error is retried until the deadline; the pod itself may be fine.
                lastSeen = "API error reading the pod: " + apiError(e);
                current = null;
                if (Instant.now().isAfter(deadline)) {
                    evidence.add(lastSeen);
                    return outcome(Kind.API_ERROR, pod, lastSeen, evidence, started);
                }
                if (sleep(poll)) {
                    return outcome(Kind.INTERRUPTED, pod, "stopped while waiting (" + lastSeen + ")", evidence, started);
                }
                continue;
            }
            if (current == null) {
                evidence.add("the pod was deleted by someone else before it ended (last seen: " + lastSeen + ")");
                return outcome(Kind.VANISHED, pod, "probe pod disappeared before it ended", evidence, started);
            }
            PodStatus status = current.getStatus() == null ? new PodStatus() : current.getStatus();
            String phase = status.getPhase() == null ? "Pending" : status.getPhase();
            lastSeen = describe(phase, status);
            if ("Succeeded".equals(phase)) {
                addStatusLines(evidence, status);
                return outcome(Kind.CONNECTED, pod, "nc connected (pod Succeeded)", evidence, started);
            }
            if ("Failed".equals(phase)) {
                return failed(pod, status, evidence, started);
            }
            String waiting = waitingReason(status);
            if (waiting != null && CANNOT_START.contains(waiting)) {
                evidence.add("container waiting: " + lastSeen);
                return outcome(Kind.CANNOT_START, pod, "the probe container cannot start: " + waiting, evidence, started);
            }
            if (Instant.now().isAfter(deadline)) {
                evidence.add("still " + lastSeen + " after the pod timeout of " + podTimeout.toSeconds() + "s");
                return outcome(Kind.TIMED_OUT, pod, "the probe pod did not end within " + podTimeout.toSeconds()
                        + "s (" + phase + ")", evidence, started);
            }
            if (sleep(Math.min(poll, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())))) {
                evidence.add("stopped while the pod was " + lastSeen);
                return outcome(Kind.INTERRUPTED, pod, "stopped before the probe pod ended", evidence, started);
            }
            poll = Math.min(MAX_POLL_MILLIS, poll * 3 / 2);
        }
    }

    private ProbeOutcome failed(String pod, PodStatus status, List<String> evidence, Instant started) {
        addStatusLines(evidence, status);
        if ("DeadlineExceeded".equals(status.getReason())) {
            return outcome(Kind.TIMED_OUT, pod, "the kubelet ended the pod at its deadline", evidence, started);
        }
        ContainerStateTerminated terminated = terminated(status);
        if (terminated == null || terminated.getExitCode() == null) {
            return outcome(Kind.POD_FAILED, pod, "the pod failed before nc gave an answer"
                    + (status.getReason() == null ? "" : " (" + status.getReason() + ")"), evidence, started);
        }
        int exit = terminated.getExitCode();
        String message = terminated.getMessage() == null ? "" : terminated.getMessage().toLowerCase(Locale.ROOT);
        if (exit == 1 && message.contains("bad address")) {
            return outcome(Kind.NAME_NOT_RESOLVED, pod, "the service name did not resolve (is DNS egress allowed?)",
                    evidence, started);
        }
        if (exit == 1 && (message.contains("usage") || message.contains("invalid option")
                || message.contains("unrecognized option"))) {
            return outcome(Kind.POD_FAILED, pod, "the image's nc does not accept -z/-w", evidence, started);
        }
        if (exit == 1) {
            return outcome(Kind.NOT_CONNECTED, pod, "nc exited 1: refused or timed out", evidence, started);
        }
        return outcome(Kind.POD_FAILED, pod, "the probe container exited " + exit
                + (exit == 126 || exit == 127 ? " (no nc in the image?)" : ""), evidence, started);
    }

    /** @return a line for the evidence; a failure is also left to the probe's final sweep by run id */
    private String delete(String namespace, String name) {
        KubernetesClientException last = null;
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS; attempt++) {
            try {
                client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
                return "probe pod deleted";
            } catch (KubernetesClientException e) {
                last = e;
                pause(200L * attempt);
            }
        }
        return "could not delete the probe pod: " + apiError(last);
    }

    private static void addStatusLines(List<String> evidence, PodStatus status) {
        ContainerStateTerminated terminated = terminated(status);
        StringBuilder line = new StringBuilder("pod phase ").append(status.getPhase());
        if (status.getReason() != null) {
            line.append(" (").append(status.getReason()).append(')');
        }
        if (terminated != null) {
            line.append(", nc exit code ").append(terminated.getExitCode());
            if (terminated.getReason() != null) {
                line.append(" (").append(terminated.getReason()).append(')');
            }
        }
        evidence.add(line.toString());
        if (status.getMessage() != null && !status.getMessage().isBlank()) {
            evidence.add("pod message: " + status.getMessage().strip());
        }
        if (terminated != null && terminated.getMessage() != null && !terminated.getMessage().isBlank()) {
            evidence.add("nc output: " + terminated.getMessage().strip());
        }
    }

    private static String describe(String phase, PodStatus status) {
        StringBuilder out = new StringBuilder(phase);
        String waiting = waitingReason(status);
        if (waiting != null) {
            out.append(", container waiting: ").append(waiting);
        }
        if (status.getConditions() != null) {
            for (PodCondition condition : status.getConditions()) {
                if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())) {
                    out.append(", not scheduled: ").append(condition.getReason())
                            .append(condition.getMessage() == null ? "" : " " + condition.getMessage());
                }
            }
        }
        return out.toString();
    }

    private static String waitingReason(PodStatus status) {
        ContainerState state = state(status);
        return state == null || state.getWaiting() == null ? null : state.getWaiting().getReason();
    }

    private static ContainerStateTerminated terminated(PodStatus status) {
        ContainerState state = state(status);
        return state == null ? null : state.getTerminated();
    }

    private static ContainerState state(PodStatus status) {
        if (status.getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus container : status.getContainerStatuses()) {
            if (ProbePods.CONTAINER.equals(container.getName())) {
                return container.getState();
            }
        }
        return null;
    }

    /** An API error without the request URL or body: the status code and the server's own reason. */
    private static String apiError(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getCode() + " " + e.getStatus().getMessage();
        }
        return e.getCode() > 0 ? "HTTP " + e.getCode() : e.getClass().getSimpleName()
                + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ")");
    }

    /** @return true when the probe was stopped during the wait */
    private boolean sleep(long millis) {
        try {
            return stop.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            // Interrupted from outside although the probe never does: treat it as a stop, keep the flag for the caller.
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private boolean stopped() {
        return stop.getCount() == 0 || Thread.currentThread().isInterrupted();
    }

    /** A pause between deletion attempts that an interrupt cannot cut short: the deletion matters more. */
    private static void pause(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        boolean interrupted = false;
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ProbeOutcome outcome(Kind kind, String pod, String detail, List<String> evidence, Instant started) {
        return new ProbeOutcome(kind, pod, detail, evidence,
                started, Math.max(0, Duration.between(started, Instant.now()).toMillis()));
    }
}
