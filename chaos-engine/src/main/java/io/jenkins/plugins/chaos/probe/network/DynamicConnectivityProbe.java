package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.plan.DynamicConnectivityConfig;
import io.jenkins.plugins.chaos.probe.network.ProbeOutcome.Kind;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The dynamic half of the network isolation probe: what the CNI actually enforces, whatever the policies say.
 * For every ordered pair of tenant namespaces (A, B) and every TCP service port of B, a short-lived pod in A runs
 * {@code nc -z} against the service's cluster DNS name. A connection is a CRITICAL breach. Each namespace's pods
 * connecting to its own service ports are the positive controls: a refused connection proves isolation only when a
 * pod of A can connect at all (to some service of A) and when B's port answers its own namespace; otherwise the
 * check is ERROR. Probe pods are deleted in every case, leftovers of earlier runs first.
 */
public final class DynamicConnectivityProbe {

    public static final String PROBE = ProbeIds.ISOLATION_NETWORK_DYNAMIC;
    /** After a stop, how long the workers get to delete their pods before the final sweep by run id. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);
    private static final Pattern RUN_ID = Pattern.compile("[a-z0-9]([-a-z0-9]{0,22}[a-z0-9])?");

    private final DynamicConnectivityConfig config;
    private final RunListener listener;
    private final Object listenerLock = new Object();

    /** @throws IllegalArgumentException listing every configuration problem, by field */
    public DynamicConnectivityProbe(DynamicConnectivityConfig config, RunListener listener) {
        List<String> errors = config.validate();
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid " + PROBE + " configuration: " + String.join("; ", errors));
        }
        this.config = config;
        this.listener = listener;
    }

    public List<CheckResult> run(KubernetesClient client) {
        return run(client, ChaosLabels.newRunId());
    }

    /**
     * Runs the whole matrix. When the calling thread is interrupted, the probe stops creating pods, deletes the
     * ones it made, returns what it has (unfinished checks ERROR) and leaves the thread's interrupt flag set.
     *
     * @param runId goes into the probe pods' names and {@code chaos-engineering/run-id} label
     */
    public List<CheckResult> run(KubernetesClient client, String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("runId: '" + runId + "' must be 1..24 lower-case letters, digits or '-'"
                    + " (it becomes part of pod names)");
        }
        Instant started = Instant.now();
        ProbePodSweeper sweeper = new ProbePodSweeper(client, this::warn);
        Map<String, ProbeTargets> targets = new LinkedHashMap<>();
        for (String namespace : config.namespaces()) {
            targets.put(namespace, read(client, namespace, started));
        }
        List<String> existing = targets.values().stream().filter(ProbeTargets::exists).map(ProbeTargets::namespace).toList();
        int swept = sweeper.deleteLeftovers(existing, config.podTimeoutDuration());
        if (swept > 0) {
            info(PROBE + ": deleted " + swept + " leftover probe pod(s) of earlier runs");
        }
        List<Attempt> attempts = plan(targets, runId);
        long controls = attempts.stream().filter(Attempt::control).count();
        info(PROBE + ": " + existing.size() + " namespaces, " + (attempts.size() - controls)
                + " cross-namespace connection attempts and " + controls + " positive controls with image "
                + config.image() + ", " + config.concurrency() + " pods at a time (run " + runId + ")");
        targets.values().stream().filter(t -> !t.skipped().isEmpty())
                .forEach(t -> info(PROBE + ": " + t.namespace() + ": skipped " + t.skipped()));
        ProbeOutcome[] outcomes;
        try {
            outcomes = execute(client, runId, attempts);
        } finally {
            boolean interrupted = Thread.interrupted();
            sweeper.deleteRun(existing, runId);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        List<CheckResult> results = new ConnectivityJudge(PROBE).judge(attempts, outcomes, targets, started);
        long breaches = results.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count();
        long errors = results.stream().filter(c -> c.verdict() == Verdict.ERROR).count();
        info(PROBE + ": " + results.size() + " checks, " + breaches + " CRITICAL, " + errors + " ERROR");
        return results;
    }

    private ProbeTargets read(KubernetesClient client, String namespace, Instant started) {
        try {
            return ProbeTargets.read(client, namespace, config);
        } catch (KubernetesClientException e) {
            return new ProbeTargets(namespace, false, List.of(), List.of(new ProbeTargets.Problem("(namespace)",
                    "could not read namespace " + namespace + " or its services: HTTP " + e.getCode()
                            + (e.getStatus() == null || e.getStatus().getMessage() == null ? "" : " " + e.getStatus().getMessage()))),
                    List.of());
        }
    }

    /** Controls first, so that they are answered early: their failure explains everything after. */
    private static List<Attempt> plan(Map<String, ProbeTargets> targets, String runId) {
        List<Attempt> attempts = new ArrayList<>();
        for (ProbeTargets own : targets.values()) {
            if (own.exists()) {
                for (ProbeTarget target : own.targets()) {
                    attempts.add(new Attempt(podName(runId, attempts.size()), own.namespace(), target));
                }
            }
        }
        for (ProbeTargets source : targets.values()) {
            if (!source.exists()) {
                continue;
            }
            for (ProbeTargets destination : targets.values()) {
                if (destination.namespace().equals(source.namespace())) {
                    continue;
                }
                for (ProbeTarget target : destination.targets()) {
                    attempts.add(new Attempt(podName(runId, attempts.size()), source.namespace(), target));
                }
            }
        }
        return attempts;
    }

    private static String podName(String runId, int index) {
        return "netprobe-" + runId + "-" + index;
    }

    private ProbeOutcome[] execute(KubernetesClient client, String runId, List<Attempt> attempts) {
        ProbeOutcome[] outcomes = new ProbeOutcome[attempts.size()];
        if (attempts.isEmpty()) {
            return outcomes;
        }
        CountDownLatch stop = new CountDownLatch(1);
        ProbePodRunner runner = new ProbePodRunner(client, runId, config.image(), config.connectTimeoutDuration(),
                config.podTimeoutDuration(), stop);
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(config.concurrency(), attempts.size()),
                DaemonThreads.named("netprobe-" + runId));
        List<Future<ProbeOutcome>> futures = new ArrayList<>();
        for (Attempt attempt : attempts) {
            futures.add(pool.submit(() -> {
                ProbeOutcome outcome = runner.attempt(attempt.pod(), attempt.source(), attempt.target());
                if (outcome.kind() != Kind.INTERRUPTED) {
                    info(PROBE + ": [" + done.incrementAndGet() + "/" + attempts.size() + "] " + attempt.checkName()
                            + ": " + outcome.kind() + " (" + outcome.detail() + ", " + outcome.durationMillis() + " ms)");
                }
                return outcome;
            }));
        }
        boolean interrupted = false;
        long stopDeadline = Long.MAX_VALUE;
        try {
            for (int i = 0; i < futures.size(); i++) {
                outcomes[i] = null;
                while (outcomes[i] == null) {
                    try {
                        if (interrupted) {
                            long left = stopDeadline - System.nanoTime();
                            outcomes[i] = futures.get(i).get(Math.max(0, left), TimeUnit.NANOSECONDS);
                        } else {
                            outcomes[i] = futures.get(i).get();
                        }
                    } catch (InterruptedException e) {
                        if (!interrupted) {
                            interrupted = true;
                            stopDeadline = System.nanoTime() + STOP_GRACE.toNanos();
                            stop.countDown();
                            warn(PROBE + ": interrupted; deleting the probe pods before returning");
                        }
                    } catch (ExecutionException e) {
                        outcomes[i] = failure(attempts.get(i), "the attempt failed: " + e.getCause().getClass().getSimpleName());
                    } catch (TimeoutException e) {
                        outcomes[i] = failure(attempts.get(i), "interrupted; the attempt did not end within "
                                + STOP_GRACE.toSeconds() + "s");
                    }
                }
            }
        } finally {
            if (interrupted) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            } else {
                pool.shutdown();
            }
        }
        return outcomes;
    }

    private static ProbeOutcome failure(Attempt attempt, String detail) {
        Kind kind = detail.startsWith("interrupted") ? Kind.INTERRUPTED : Kind.API_ERROR;
        return new ProbeOutcome(kind, attempt.source() + "/" + attempt.pod(), detail, List.of(detail), Instant.now(), 0);
    }

    private void info(String line) {
        synchronized (listenerLock) {
            listener.info(line);
        }
    }

    private void warn(String line) {
        synchronized (listenerLock) {
            listener.warn(line);
        }
    }

    /** One probe pod: from {@code source} to {@code target}; a control when the target is in the source namespace. */
    record Attempt(String pod, String source, ProbeTarget target) {

        boolean control() {
            return source.equals(target.namespace());
        }

        String checkName() {
            return source + "->" + target.namespace() + " " + target.describe();
        }
    }
}
