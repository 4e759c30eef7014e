package io.jenkins.plugins.chaos.probe.failover;

import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.plan.FailoverConfig;
import io.jenkins.plugins.chaos.probe.http.Excerpt;
import io.jenkins.plugins.chaos.probe.http.HttpReply;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One running failover stream: the handle the caller reports the fault's instants to, stops early and awaits.
 * Pacing is open-loop: request n is due at start + n / rate whatever happened to earlier ones, and a request's
 * latency counts from when it was due, so that a slow gateway cannot hide its slowness by slowing the probe down.
 */
public final class FailoverRun {

    private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;
    /** How long pacing sleeps at most before looking at the stop flag again. */
    private static final long STOP_LATENCY_NANOS = 50_000_000L;
    /** Extra time to let the last requests finish beyond their own timeout. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(5);

    private final FailoverConfig config;
    private final RunListener listener;
    private final TimeSource time;
    private final FailoverTransport transport;
    private final CriticalListener onCritical;
    private final SecretRedactor redactor;
    private final ResponseClassifier classifier;
    private final FaultWindow window;
    private final FailoverRecorder recorder;
    private final Set<String> criticalsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicReference<String> stopReason = new AtomicReference<>();
    private final CompletableFuture<FailoverResult> result = new CompletableFuture<>();
    private final Object outstandingLock = new Object();
    private long outstanding;

    FailoverRun(FailoverConfig config, RunListener listener, TimeSource time, FailoverTransport transport,
                FaultWindow window, CriticalListener onCritical, SecretRedactor redactor, int ringCapacity) {
        this.config = config;
        this.listener = listener;
        this.time = time;
        this.transport = transport;
        this.window = window;
        this.onCritical = onCritical;
        this.redactor = redactor;
        this.classifier = ResponseClassifier.of(config);
        this.recorder = new FailoverRecorder(time, window, config.maxFailoverTimeValue(), ringCapacity,
                config.expectation());
    }

    void begin() {
        DaemonThreads.start("failover-probe", this::stream);
    }

    /** The instant the fault became active (e.g. when Chaos Mesh reported AllInjected). */
    public void faultInjected(Instant at) {
        window.injected(at);
        listener.info(FailoverProbe.PROBE + ": fault injected at " + at);
    }

    /** The instant the fault was gone again. */
    public void faultRemoved(Instant at) {
        window.removed(at);
        listener.info(FailoverProbe.PROBE + ": fault removed at " + at);
    }

    public FaultWindow window() {
        return window;
    }

    /**
     * Ends the stream within {@link #STOP_LATENCY_NANOS}; the result is judged on what was seen so far. The pacing
     * thread is not interrupted: an interrupt landing inside the HTTP client's socket code would fail a request and
     * count it as an ungraceful response the gateway never gave.
     */
    public void stop(String reason) {
        stopReason.compareAndSet(null, reason == null ? "stopped" : reason);
    }

    public boolean isDone() {
        return result.isDone();
    }

    public FailoverResult awaitResult() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("failover probe failed: " + redactor.redact(String.valueOf(e.getCause())), e.getCause());
        }
    }

    /** The result, or empty when it is not ready within {@code wait}. */
    public Optional<FailoverResult> awaitResult(Duration wait) throws InterruptedException {
        try {
            return Optional.of(result.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("failover probe failed: " + redactor.redact(String.valueOf(e.getCause())), e.getCause());
        }
    }

    private void stream() {
        try {
            long start = time.nanoTime();
            long end = start + config.durationValue().toNanos();
            double interval = 1e9 / config.rate();
            listener.info(FailoverProbe.PROBE + ": " + config.rate() + " requests/s for " + config.duration() + " against "
                    + redactor.redact(config.target().toString()));
            long nextProgress = start + PROGRESS_EVERY_NANOS;
            try {
                for (long n = 0; stopReason.get() == null; n++) {
                    long due = start + Math.round(n * interval);
                    if (due >= end) {
                        break;
                    }
                    while (stopReason.get() == null && time.nanoTime() < due) {
                        time.sleepUntil(Math.min(due, time.nanoTime() + STOP_LATENCY_NANOS));
                    }
                    if (stopReason.get() != null) {
                        break;
                    }
                    if (recorder.failoverDeadlineMissed()) {
                        critical(FailoverJudge.FAILOVER_TIME, "no failover within " + config.maxFailoverTime()
                                + " of the injection while the stream saw ungraceful responses");
                    }
                    if (due >= nextProgress) {
                        progress(due - start);
                        nextProgress += PROGRESS_EVERY_NANOS;
                    }
                    send(due);
                }
            } catch (InterruptedException e) {
                // Someone interrupted the probe's own thread: end the stream, but still judge what was seen.
                stopReason.compareAndSet(null, "interrupted");
                Thread.interrupted();
            }
            if (!awaitOutstanding(config.timeoutValue().plus(DRAIN_GRACE))) {
                listener.warn(FailoverProbe.PROBE + ": some requests did not finish in time and are not counted");
            }
            long finished = time.nanoTime();
            FailoverRecorder.Summary summary = recorder.finish();
            FailoverJudge judge = new FailoverJudge(config, time.toInstant(start), (finished - start) / 1_000_000);
            List<CheckResult> checks = judge.judge(summary);
            for (CheckResult check : checks) {
                listener.info(FailoverProbe.PROBE + ": " + check.name() + ": " + check.verdict() + " - " + check.summary());
            }
            result.complete(new FailoverResult(checks, summary.timeline(), summary.stats(), stopReason.get()));
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        } finally {
            transport.close();
        }
    }

    private void send(long due) throws InterruptedException {
        synchronized (outstandingLock) {
            outstanding++;
        }
        CompletableFuture<HttpReply> reply;
        try {
            reply = transport.send();
        } catch (InterruptedException | RuntimeException e) {
            finished();
            throw e;
        }
        reply.whenComplete((r, failure) -> {
            try {
                HttpReply actual = r != null ? r : HttpReply.failed(String.valueOf(failure), false, time.nanoTime() - due);
                // Whichever is longer: the transport's own measurement, or the time since the request was due
                // (waiting for a free slot counts against the gateway, as it would for a user).
                long latency = Math.max(actual.latencyNanos(), time.nanoTime() - due);
                Classification classification = classifier.classify(actual);
                List<String> critical = recorder.record(classification, latency, () -> describe(actual, classification));
                for (String check : critical) {
                    critical(check, check.equals(FailoverJudge.UNGRACEFUL)
                            ? "ungraceful response: " + describe(actual, classification)
                            : "failover took longer than " + config.maxFailoverTime());
                }
            } finally {
                finished();
            }
        });
    }

    private String describe(HttpReply reply, Classification classification) {
        if (!reply.answered()) {
            return classification.reason() + ": " + redactor.redact(reply.error());
        }
        return classification.reason() + (reply.contentType() == null ? "" : " (" + reply.contentType() + ")")
                + ": " + Excerpt.of(reply.body(), redactor);
    }

    private void critical(String check, String reason) {
        if (!criticalsSeen.add(check)) {
            return;
        }
        String line = redactor.redact(reason);
        listener.warn(FailoverProbe.PROBE + ": " + check + " is CRITICAL: " + line);
        try {
            onCritical.criticalSeen(check, line);
        } finally {
            if (config.stopOnCritical()) {
                stop("CRITICAL " + check + ": " + line);
            }
        }
    }

    private void progress(long elapsedNanos) {
        listener.info(FailoverProbe.PROBE + ": " + elapsedNanos / 1_000_000_000L + "s: " + recorder.countsLine());
    }

    private void finished() {
        synchronized (outstandingLock) {
            outstanding--;
            if (outstanding == 0) {
                outstandingLock.notifyAll();
            }
        }
    }

    private boolean awaitOutstanding(Duration deadline) {
        long until = System.nanoTime() + deadline.toNanos();
        synchronized (outstandingLock) {
            while (outstanding > 0) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(outstandingLock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }
}
