package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Decides who hears about a run: each breached (CRITICAL) check pages through PagerDuty and the run goes to Slack;
 * warnings go to Slack only; a check that passes again resolves its open incident; a clean run with nothing open
 * sends nothing. Delivery problems come back in the {@link AlertOutcome} and are never thrown, so the verdict that
 * fails the build is never hidden behind an alerting error.
 */
public final class AlertDispatcher {

    private final AlertSettings settings;
    private final RunListener listener;
    private final SecretRedactor redactor;
    private final Supplier<PagerDutyClient> pagerDuty;
    private final Supplier<SlackNotifier> slack;
    private final Clock clock;

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
    }

    public AlertOutcome dispatch(RunResult result) {
        List<AlertDelivery> deliveries = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<CheckResult> recovered = new ArrayList<>();
        try {
            if (settings.pagerDutyEnabled()) {
                page(result, deliveries, notes, recovered);
            }
            if (settings.slackEnabled() && (result.verdict() != Verdict.PASSED || !recovered.isEmpty())) {
                deliveries.add(guarded(AlertChannel.SLACK, "notify", null, null,
                        () -> slack.get().notify(result, recovered)));
            }
        } catch (RuntimeException unexpected) {
            // a bug in alerting must not turn into a failed build with a misleading cause
            notes.add("alerting stopped early: " + secretFree(unexpected));
            listener.warn("Alerting stopped early: " + secretFree(unexpected));
        }
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
        return new AlertOutcome(deliveries, notes);
    }

    private void page(RunResult result, List<AlertDelivery> deliveries, List<String> notes,
                      List<CheckResult> recovered) {
        Path stateFile = Path.of(settings.stateFile());
        AlertState state = loadState(stateFile, notes);
        String environment = PagerDutyClient.environment(settings, result);
        PagerDutyClient client = pagerDuty.get();
        // one event per dedup key even if a probe reported the same check twice
        Map<String, CheckResult> breached = new LinkedHashMap<>();
        Map<String, CheckResult> passing = new LinkedHashMap<>();
        for (CheckResult check : result.checks()) {
            String key = client.dedupKey(result, check);
            if (check.verdict() == Verdict.CRITICAL) {
                breached.put(key, check);
            } else if (check.verdict() == Verdict.PASSED && state.isOpen(key)) {
                passing.putIfAbsent(key, check);
            }
        }
        passing.keySet().removeAll(breached.keySet());
        boolean changed = false;
        for (Map.Entry<String, CheckResult> entry : breached.entrySet()) {
            CheckResult check = entry.getValue();
            AlertDelivery delivery = guarded(AlertChannel.PAGERDUTY, "trigger", entry.getKey(), check.id(),
                    () -> client.trigger(result, check));
            deliveries.add(delivery);
            // An unanswered trigger may still have opened the incident, so it is remembered; resolving an
            // incident that never existed is harmless, leaving a real one open is not. Only an explicit refusal
            // (a 4xx other than 429) proves that nothing was opened.
            if (!refused(delivery)) {
                state.opened(entry.getKey(), check.id(), environment, result.experiment(), clock.instant());
                changed = true;
            }
        }
        for (Map.Entry<String, CheckResult> entry : passing.entrySet()) {
            CheckResult check = entry.getValue();
            AlertDelivery delivery = guarded(AlertChannel.PAGERDUTY, "resolve", entry.getKey(), check.id(),
                    () -> client.resolve(result, check));
            deliveries.add(delivery);
            if (delivery.delivered()) {
                state.resolved(entry.getKey());
                recovered.add(check);
                changed = true;
            }
        }
        if (changed) {
            try {
                state.save();
            } catch (IOException e) {
                notes.add("could not save the alert state file " + stateFile + ": " + secretFree(e));
                listener.warn("Could not save the alert state file " + stateFile + ": " + secretFree(e));
            }
        }
    }

    private AlertState loadState(Path stateFile, List<String> notes) {
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
