package io.jenkins.plugins.chaos.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * PagerDuty Events API v2: formats and sends the {@code trigger} and {@code resolve} of an {@link Incident}. What to
 * send and when is the {@link AlertDispatcher}'s decision. The routing key travels only in the request body.
 */
public final class PagerDutyClient {

    public static final String CLIENT_NAME = "Jenkins chaos engineering";
    /** Enough evidence for the responder to start; the full list is in the report. */
    static final int MAX_EVIDENCE_LINES = 20;
    static final int MAX_EVIDENCE_LINE_CHARS = 500;
    static final int MAX_SUMMARY_CHARS = 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlertSettings settings;
    private final URI eventsUri;
    private final HttpDelivery delivery;
    private final SecretRedactor redactor;

    public PagerDutyClient(AlertSettings settings, RunListener listener) {
        this(settings, new HttpDelivery(HttpDelivery.defaultClient(settings.retry()), settings.retry(), listener,
                settings.redactor()));
    }

    PagerDutyClient(AlertSettings settings, HttpDelivery delivery) {
        if (!settings.pagerDutyEnabled()) {
            throw new IllegalArgumentException("pagerDutyRoutingKey is required to send PagerDuty events");
        }
        this.settings = settings;
        this.eventsUri = URI.create(settings.pagerDutyEventsUrl());
        this.delivery = delivery;
        this.redactor = settings.redactor();
    }

    /** Opens (or re-asserts) the incident of a breached boundary. */
    public AlertDelivery trigger(Incident incident) {
        return send(triggerEvent(incident), "trigger", incident);
    }

    /** Closes the incident of a boundary that holds again. */
    public AlertDelivery resolve(Incident incident) {
        return send(resolveEvent(incident.dedupKey()), "resolve", incident);
    }

    static String environment(AlertSettings settings, RunResult run) {
        return environment(settings, run.environment());
    }

    static String environment(AlertSettings settings, String runEnvironment) {
        if (settings.environment() != null && !settings.environment().isBlank()) {
            return settings.environment().trim();
        }
        return runEnvironment == null || runEnvironment.isBlank() ? "default" : runEnvironment;
    }

    /** When the breach (or the recovery) became known: the end of the check that saw it. */
    static Instant detectedAt(CheckResult check) {
        return check.startedAt().plusMillis(Math.max(0, check.durationMillis()));
    }

    private AlertDelivery send(String body, String action, Incident incident) {
        HttpDelivery.Report report = delivery.postJson(eventsUri, body, "PagerDuty " + action + " "
                + incident.dedupKey());
        long responseMillis = report.delivered()
                ? Math.max(0, Duration.between(incident.detectedAt(), report.acceptedAt()).toMillis()) : -1;
        return new AlertDelivery(AlertChannel.PAGERDUTY, action, incident.dedupKey(), incident.check().id(),
                report.delivered(), report.attempts(), report.lastStatus(), report.error(), responseMillis,
                report.acceptedAt());
    }

    String triggerEvent(Incident incident) {
        CheckResult check = incident.check();
        Boundary boundary = incident.boundary();
        String environment = incident.environment();
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", settings.pagerDutyRoutingKey().trim());
        event.put("event_action", "trigger");
        event.put("dedup_key", incident.dedupKey());
        event.put("client", CLIENT_NAME);
        if (settings.buildUrl() != null && !settings.buildUrl().isBlank()) {
            event.put("client_url", settings.buildUrl());
        }
        String headline = redactor.redact(boundary.headline(check.summary()));
        ObjectNode payload = event.putObject("payload");
        payload.put("summary", truncate("[" + check.verdict() + "] chaos " + environment + ": " + headline,
                MAX_SUMMARY_CHARS));
        payload.put("severity", severity(check.verdict()));
        payload.put("source", environment);
        payload.put("timestamp", incident.detectedAt().toString());
        payload.put("component", settings.component());
        payload.put("group", boundary.test());
        payload.put("class", probeClass(check.probe()));
        ObjectNode details = payload.putObject("custom_details");
        details.put("test", boundary.test());
        details.put("status", check.verdict().name());
        details.put("escalation", escalation(check.verdict()));
        details.put("boundary", redactor.redact(boundary.name()));
        details.put("probe", boundary.probe());
        details.put("observations", incident.observations());
        details.put("check", check.id());
        details.put("summary", redactor.redact(check.summary()));
        details.put("experiment", incident.experiment());
        details.put("environment", environment);
        details.put("run_id", incident.runId());
        details.put("detected_at", incident.detectedAt().toString());
        String report = settings.reportUrl() != null ? settings.reportUrl() : settings.buildUrl();
        if (report != null) {
            details.put("report_url", report);
        }
        if (settings.buildUrl() != null) {
            details.put("build_url", settings.buildUrl());
        }
        ArrayNode evidence = details.putArray("evidence");
        check.evidence().stream().limit(MAX_EVIDENCE_LINES)
                .forEach(line -> evidence.add(truncate(redactor.redact(line), MAX_EVIDENCE_LINE_CHARS)));
        if (check.evidence().size() > MAX_EVIDENCE_LINES) {
            evidence.add("... " + (check.evidence().size() - MAX_EVIDENCE_LINES) + " more lines in the report");
        }
        ArrayNode links = event.putArray("links");
        addLink(links, settings.reportUrl(), "Chaos report");
        addLink(links, settings.buildUrl(), "Jenkins build");
        return event.toString();
    }

    /** What the runbook expects of the responder, so that the page says it without a second click. */
    static String escalation(Verdict verdict) {
        return switch (verdict) {
            case CRITICAL -> "page the on-call SRE now; respond within 5 minutes (docs/runbook.md)";
            case ERROR -> "the check could not run: on-call looks within 15 minutes";
            case WARNING -> "Slack only: look within 15 minutes";
            case PASSED -> "none";
        };
    }

    String resolveEvent(String dedupKey) {
        ObjectNode event = JSON.createObjectNode();
        event.put("routing_key", settings.pagerDutyRoutingKey().trim());
        event.put("event_action", "resolve");
        event.put("dedup_key", dedupKey);
        return event.toString();
    }

    static String severity(Verdict verdict) {
        return switch (verdict) {
            case CRITICAL -> "critical";
            case ERROR -> "error";
            case WARNING -> "warning";
            case PASSED -> "info";
        };
    }

    /** PagerDuty groups by class; the probe family is what responders triage by. */
    static String probeClass(String probe) {
        if (ProbeIds.isIsolation(probe)) {
            return "tenant-isolation";
        }
        if (ProbeIds.isFailover(probe)) {
            return "provider-failover";
        }
        return probe.toLowerCase(Locale.ROOT);
    }

    private static void addLink(ArrayNode links, String href, String text) {
        if (href != null && !href.isBlank()) {
            ObjectNode link = links.addObject();
            link.put("href", href);
            link.put("text", text);
        }
    }

    static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
