package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.core.DaemonThreads;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Decides who hears about a run, and when. It owns the incident model: one incident per broken {@link Boundary}
 * (source tenant -> target tenant and endpoint; a failover property), whatever phase saw it, with a count of
 * observations and a state file that survives the run. The PagerDuty and Slack clients only format and send.
 * <p>
 * Live: {@link #begin} at the start of a run, {@link #observe} as each check is judged (a CRITICAL pages at once, a
 * WARNING posts to Slack), {@link #finish} with the run's result (resolves for boundaries that hold again, the run's
 * Slack summary). Deliveries run on a small pool, so a slow endpoint never delays a probe, and {@link #finish} waits
 * for them within a bound. {@link #dispatch} is the same for a run that is already over. Delivery problems come back
 * in the {@link AlertOutcome} and are never thrown, so the verdict is never hidden behind an alerting error.
 */
public final class AlertDispatcher implements AutoCloseable {

    /** Parallel deliveries: enough that twelve breaches do not queue behind one slow endpoint, few enough to be polite. */
    static final int POOL_SIZE = 4;
    /** Beyond the retry budget of one delivery, for the queue of a busy pool. */
    private static final Duration QUEUE_MARGIN = Duration.ofSeconds(5);

    private final AlertSettings settings;
    private final RunListener listener;
    private final SecretRedactor redactor;
    private final Supplier<PagerDutyClient> pagerDuty;
    private final Supplier<SlackNotifier> slack;
    private final Clock clock;
    private final ExecutorService pool;

    /** A delivery under way, with what the outcome says if it never ends. */
    private record Pending(AlertChannel channel, String action, CompletableFuture<AlertDelivery> future) {
    }

    private final Object lock = new Object();
    private final List<Pending> sent = new ArrayList<>();
    private final Map<String, CompletableFuture<AlertDelivery>> triggers = new LinkedHashMap<>();
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final Set<String> slackPosted = new LinkedHashSet<>();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> detectSeconds = Collections.synchronizedList(new ArrayList<>());
    private final List<Double> repairSeconds = Collections.synchronizedList(new ArrayList<>());
    private PagerDutyClient pagerDutyClient;
    private SlackNotifier slackNotifier;
    private AlertState state;
    private String experiment;
    private String environment;
    private String runId;
    private Instant faultInjectedAt;

    public AlertDispatcher(AlertSettings settings, RunListener listener) {
        this(settings, listener, () -> new PagerDutyClient(settings, listener),
                () -> new SlackNotifier(settings, listener), Clock.systemUTC());
    }

    AlertDispatcher(AlertSettings settings, RunListener listener, Supplier<PagerDutyClient> pagerDuty,
                    Supplier<SlackNotifier> slack, Clock clock) {
        this.settings = settings;
        this.listener = listener;
        this.redactor = settings.redactor();
        this.pagerDuty = pagerDuty;
        this.slack = slack;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(POOL_SIZE, DaemonThreads.named("chaos-alerts"));
    }

    /** A whole run at once, after it ended: what {@link #begin} and {@link #finish} do together. */
    public AlertOutcome dispatch(RunResult result) {
        try {
            begin(result.experiment(), result.environment(), result.runId());
            return finish(result);
        } finally {
            close();
        }
    }

    /** Starts a run; reads the state file of the incidents earlier runs left open. */
    public void begin(String experimentName, String runEnvironment, String run) {
        synchronized (lock) {
            this.experiment = experimentName;
            this.environment = PagerDutyClient.environment(settings, runEnvironment);
            this.runId = run;
            this.state = loadState(Path.of(settings.stateFile()));
        }
    }

    /** A failover breach seen while the fault is active began at the injection: MTTD counts from there. */
    public void faultInjected(Instant at) {
        synchronized (lock) {
            faultInjectedAt = at;
        }
    }

    /**
     * One check as soon as it is judged; returns at once. A CRITICAL opens (or re-asserts) its boundary's incident
     * the first time this run sees it; later observations only count.
     */
    public void observe(CheckResult check) {
        try {
            synchronized (lock) {
                if (state == null) {
                    throw new IllegalStateException("observe() before begin()");
                }
                if (check.verdict() == Verdict.CRITICAL || check.verdict() == Verdict.WARNING) {
                    note(check, true);
                }
            }
        } catch (RuntimeException unexpected) {
            // a bug in alerting must not turn into a failed build with a misleading cause
            notes.add("alerting stopped early: " + secretFree(unexpected));
            listener.warn("Alerting stopped early: " + secretFree(unexpected));
        }
    }

    /**
     * The run is over: observes what was not seen live, resolves the incidents whose boundary holds again (a later
     * phase or this run), posts the run's summary to Slack, and waits for every delivery within a bound.
     */
    public AlertOutcome finish(RunResult result) {
        List<CheckResult> recovered = new ArrayList<>();
        List<Pending> resolves = new ArrayList<>();
        try {
            synchronized (lock) {
                if (state == null) {
                    begin(result.experiment(), result.environment(), result.runId());
                }
                Map<String, Integer> breaches = new LinkedHashMap<>();
                Map<String, CheckResult> last = new LinkedHashMap<>();
                for (CheckResult check : result.checks()) {
                    String key = dedupKey(Boundary.of(check));
                    if (check.verdict() == Verdict.CRITICAL) {
                        breaches.merge(key, 1, Integer::sum);
                    }
                    if (check.verdict() == Verdict.CRITICAL || check.verdict() == Verdict.PASSED) {
                        last.put(key, check);
                    }
                    if (check.verdict() == Verdict.CRITICAL || check.verdict() == Verdict.WARNING) {
                        note(check, false);
                    }
                }
                // the result's checks are the final word on how often each boundary broke
                for (Map.Entry<String, Integer> entry : breaches.entrySet()) {
                    Incident incident = incidents.get(entry.getKey());
                    if (incident != null && incident.observations() < entry.getValue()) {
                        incidents.put(entry.getKey(), new Incident(incident.dedupKey(), incident.boundary(),
                                incident.check(), incident.experiment(), incident.environment(), incident.runId(),
                                entry.getValue(), incident.detectedAt(), incident.onsetAt()));
                    }
                }
                if (settings.pagerDutyEnabled()) {
                    for (Map.Entry<String, CheckResult> entry : last.entrySet()) {
                        String key = entry.getKey();
                        CheckResult check = entry.getValue();
                        boolean holdsAgain = check.verdict() == Verdict.PASSED;
                        if (holdsAgain && (state.isOpen(key) || triggers.containsKey(key))) {
                            resolves.add(resolve(key, check, recovered));
                        }
                    }
                }
            }
        } catch (RuntimeException unexpected) {
            notes.add("alerting stopped early: " + secretFree(unexpected));
            listener.warn("Alerting stopped early: " + secretFree(unexpected));
        }
        Instant deadline = clock.instant().plus(settings.retry().totalBudget().multipliedBy(2)).plus(QUEUE_MARGIN);
        awaitAll(resolves, deadline);
        if (settings.slackEnabled() && (result.verdict() != Verdict.PASSED || !recovered.isEmpty())) {
            List<CheckResult> recoveredNow = List.copyOf(recovered);
            submit(AlertChannel.SLACK, "notify", () -> guarded(AlertChannel.SLACK, "notify", null, null,
                    () -> slackClient().notify(result, recoveredNow)));
        }
        List<AlertDelivery> deliveries = awaitAll(snapshot(), deadline);
        saveObservations();
        if (!settings.pagerDutyEnabled() && result.verdict() == Verdict.CRITICAL) {
            notes.add("PagerDuty is not configured: critical checks paged nobody");
        }
        if (!settings.slackEnabled() && result.verdict() != Verdict.PASSED) {
            notes.add("Slack is not configured: the " + result.verdict() + " run was not posted");
        }
        for (AlertDelivery delivery : deliveries) {
            if (delivery.delivered()) {
                listener.info(delivery.describe());
            } else {
                listener.warn(delivery.describe());
                notes.add("alert not delivered: " + delivery.describe());
            }
        }
        return new AlertOutcome(deliveries, List.copyOf(notes), List.copyOf(detectSeconds),
                List.copyOf(repairSeconds));
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * Under {@link #lock}: the first CRITICAL of a boundary pages, the first WARNING seen live posts to Slack; the rest
     * count. What only the finished run shows goes to Slack in the run's summary, not in a message of its own.
     */
    private void note(CheckResult check, boolean live) {
        Boundary boundary = Boundary.of(check);
        String key = dedupKey(boundary);
        Instant detected = PagerDutyClient.detectedAt(check);
        if (check.verdict() == Verdict.CRITICAL) {
            Incident known = incidents.get(key);
            if (known != null) {
                return;
            }
            Instant onset = ProbeIds.isFailover(check.probe()) && faultInjectedAt != null
                    && faultInjectedAt.isBefore(detected) ? faultInjectedAt : detected;
            Incident incident = new Incident(key, boundary, check, experiment, environment, runId, 1, detected, onset);
            incidents.put(key, incident);
            if (settings.pagerDutyEnabled()) {
                triggers.put(key, submit(AlertChannel.PAGERDUTY, "trigger", () -> trigger(incident)));
            } else if (live && settings.slackEnabled() && slackPosted.add(key)) {
                submit(AlertChannel.SLACK, "post", () -> guarded(AlertChannel.SLACK, "post", null, check.id(),
                        () -> slackClient().post(incident)));
            }
        } else if (live && settings.slackEnabled() && slackPosted.add(key)) {
            Incident warning = new Incident(key, boundary, check, experiment, environment, runId, 1, detected, detected);
            submit(AlertChannel.SLACK, "post", () -> guarded(AlertChannel.SLACK, "post", null, check.id(),
                    () -> slackClient().post(warning)));
        }
    }

    private AlertDelivery trigger(Incident incident) {
        AlertDelivery delivery = guarded(AlertChannel.PAGERDUTY, "trigger", incident.dedupKey(), incident.check().id(),
                () -> pagerDutyClient().trigger(incident));
        // An unanswered trigger may still have opened the incident, so it is remembered; resolving an incident that
        // never existed is harmless, leaving a real one open is not. Only an explicit refusal (a 4xx other than 429)
        // proves that nothing was opened. The file is written at once: a run stopped now must still resolve later.
        if (!refused(delivery)) {
            state.opened(incident.dedupKey(), incident.check().id(), incident.environment(), incident.experiment(),
                    clock.instant(), 1);
            saveState();
        }
        if (delivery.delivered() && delivery.acceptedAt() != null) {
            detectSeconds.add(Math.max(0, Duration.between(incident.onsetAt(), delivery.acceptedAt()).toMillis())
                    / 1000.0);
        }
        return delivery;
    }

    /** Under {@link #lock}: after this run's own trigger of the key, if it sent one. */
    private Pending resolve(String key, CheckResult check, List<CheckResult> recovered) {
        Boundary boundary = Boundary.of(check);
        Incident incident = new Incident(key, boundary, check, experiment, environment, runId, 0,
                PagerDutyClient.detectedAt(check), PagerDutyClient.detectedAt(check));
        CompletableFuture<AlertDelivery> before = triggers.get(key);
        Supplier<AlertDelivery> send = () -> {
            Instant opened = state.openedAt(key).orElse(null);
            AlertDelivery delivery = guarded(AlertChannel.PAGERDUTY, "resolve", key, check.id(),
                    () -> pagerDutyClient().resolve(incident));
            if (delivery.delivered()) {
                state.resolved(key);
                saveState();
                synchronized (recovered) {
                    recovered.add(check);
                }
                if (opened != null && delivery.acceptedAt() != null) {
                    repairSeconds.add(Math.max(0, Duration.between(opened, delivery.acceptedAt()).toMillis())
                            / 1000.0);
                }
            }
            return delivery;
        };
        CompletableFuture<AlertDelivery> future = before == null
                ? CompletableFuture.supplyAsync(send, pool)
                : before.handleAsync((ignored, failure) -> send.get(), pool);
        Pending pending = new Pending(AlertChannel.PAGERDUTY, "resolve", future);
        sent.add(pending);
        return pending;
    }

    private CompletableFuture<AlertDelivery> submit(AlertChannel channel, String action, Supplier<AlertDelivery> send) {
        CompletableFuture<AlertDelivery> future = CompletableFuture.supplyAsync(send, pool);
        synchronized (lock) {
            sent.add(new Pending(channel, action, future));
        }
        return future;
    }

    private List<Pending> snapshot() {
        synchronized (lock) {
            return List.copyOf(sent);
        }
    }

    /** Waits for each delivery until the deadline; what is still in flight then is cancelled and reported. */
    private List<AlertDelivery> awaitAll(List<Pending> pendings, Instant deadline) {
        List<AlertDelivery> done = new ArrayList<>();
        for (Pending pending : pendings) {
            CompletableFuture<AlertDelivery> future = pending.future();
            long left = Math.max(1, Duration.between(clock.instant(), deadline).toMillis());
            try {
                done.add(future.get(left, TimeUnit.MILLISECONDS));
            } catch (TimeoutException | CancellationException e) {
                future.cancel(true);
                done.add(new AlertDelivery(pending.channel(), pending.action(), null, null, false, 0, 0,
                        "still in flight when the dispatch's time bound ran out", -1));
            } catch (ExecutionException e) {
                done.add(new AlertDelivery(pending.channel(), pending.action(), null, null, false, 0, 0,
                        secretFree(e.getCause() instanceof Exception cause ? cause : e), -1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done.add(new AlertDelivery(pending.channel(), pending.action(), null, null, false, 0, 0,
                        "interrupted while waiting for the delivery", -1));
                break;
            }
        }
        return done;
    }

    /** The observations a run counted go to the state file with the run's end. */
    private void saveObservations() {
        synchronized (lock) {
            boolean changed = false;
            for (Incident incident : incidents.values()) {
                if (incident.observations() > 1 && state.isOpen(incident.dedupKey())) {
                    state.opened(incident.dedupKey(), incident.check().id(), incident.environment(),
                            incident.experiment(), clock.instant(), incident.observations() - 1);
                    changed = true;
                }
            }
            if (changed) {
                saveState();
            }
        }
    }

    private void saveState() {
        Path stateFile = Path.of(settings.stateFile());
        try {
            state.save();
        } catch (IOException e) {
            notes.add("could not save the alert state file " + stateFile + ": " + secretFree(e));
            listener.warn("Could not save the alert state file " + stateFile + ": " + secretFree(e));
        }
    }

    private String dedupKey(Boundary boundary) {
        return DedupKey.of(environment, boundary.id());
    }

    private PagerDutyClient pagerDutyClient() {
        synchronized (lock) {
            if (pagerDutyClient == null) {
                pagerDutyClient = pagerDuty.get();
            }
            return pagerDutyClient;
        }
    }

    private SlackNotifier slackClient() {
        synchronized (lock) {
            if (slackNotifier == null) {
                slackNotifier = slack.get();
            }
            return slackNotifier;
        }
    }

    private AlertState loadState(Path stateFile) {
        try {
            return AlertState.load(stateFile);
        } catch (IOException | RuntimeException e) {
            // keep the unreadable file for a human instead of overwriting it; start afresh so alerts still go out
            Path aside = stateFile.resolveSibling(stateFile.getFileName() + ".unreadable");
            String note = "alert state file " + stateFile + " could not be read (" + e.getClass().getSimpleName()
                    + "), moved to " + aside + "; incidents opened before cannot be resolved automatically";
            try {
                Files.move(stateFile, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                note = note + " (moving it failed too: " + secretFree(moveFailed) + ")";
            }
            notes.add(note);
            listener.warn(note);
            return AlertState.empty(stateFile);
        }
    }

    private static boolean refused(AlertDelivery delivery) {
        int status = delivery.lastStatus();
        return !delivery.delivered() && status >= 400 && status < 500 && status != 429;
    }

    private AlertDelivery guarded(AlertChannel channel, String action, String dedupKey, String checkId,
                                  Supplier<AlertDelivery> send) {
        try {
            return send.get();
        } catch (RuntimeException e) {
            return new AlertDelivery(channel, action, dedupKey, checkId, false, 0, 0, secretFree(e), -1);
        }
    }

    private String secretFree(Exception e) {
        return e.getClass().getSimpleName() + ": " + redactor.redact(String.valueOf(e.getMessage()));
    }
}
