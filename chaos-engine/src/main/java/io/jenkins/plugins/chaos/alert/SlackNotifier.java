package io.jenkins.plugins.chaos.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.SecretRedactor;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ResilienceScore;
import io.jenkins.plugins.chaos.verdict.RunResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One Slack message per run through an incoming webhook: the verdict, the first breaches, the counts, the
 * resilience score and a link. Blocks for people, and a plain {@code text} for notifications and old clients.
 */
public final class SlackNotifier {

    /** Slack's limit for the text of one section block. */
    static final int MAX_SECTION_CHARS = 3000;
    static final int MAX_LINE_CHARS = 300;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Most severe first: a breach matters more than a check that could not run, which matters more than a warning. */
    private static final Comparator<CheckResult> BY_SEVERITY = Comparator.comparingInt(
            (CheckResult c) -> switch (c.verdict()) {
                case CRITICAL -> 0;
                case ERROR -> 1;
                case WARNING -> 2;
                case PASSED -> 3;
            });

    private final AlertSettings settings;
    private final URI webhook;
    private final HttpDelivery delivery;
    private final SecretRedactor redactor;

    public SlackNotifier(AlertSettings settings, RunListener listener) {
        this(settings, new HttpDelivery(HttpDelivery.defaultClient(settings.retry()), settings.retry(), listener,
                settings.redactor()));
    }

    SlackNotifier(AlertSettings settings, HttpDelivery delivery) {
        if (!settings.slackEnabled()) {
            throw new IllegalArgumentException("slackWebhookUrl is required to send Slack messages");
        }
        this.settings = settings;
        this.webhook = URI.create(settings.slackWebhookUrl().trim());
        this.delivery = delivery;
        this.redactor = settings.redactor();
    }

    /**
     * @param recovered checks whose open incident this run resolved; listed so the channel sees the all-clear
     */
    public AlertDelivery notify(RunResult run, List<CheckResult> recovered) {
        String body = message(run, recovered, ResilienceScore.of(run));
        HttpDelivery.Report report = delivery.postJson(webhook, body, "Slack message for run " + run.runId());
        long responseMillis = -1;
        if (report.delivered()) {
            Instant detected = detectedAt(run, recovered);
            responseMillis = Math.max(0, Duration.between(detected, report.acceptedAt()).toMillis());
        }
        return new AlertDelivery(AlertChannel.SLACK, "notify", null, null, report.delivered(), report.attempts(),
                report.lastStatus(), report.error(), responseMillis, report.acceptedAt());
    }

    /** One message for one incident as soon as it is judged (a WARNING, which pages nobody). */
    public AlertDelivery post(Incident incident) {
        String body = incidentMessage(incident);
        HttpDelivery.Report report = delivery.postJson(webhook, body, "Slack message for " + incident.boundary().id());
        long responseMillis = report.delivered()
                ? Math.max(0, Duration.between(incident.detectedAt(), report.acceptedAt()).toMillis()) : -1;
        return new AlertDelivery(AlertChannel.SLACK, "post", null, incident.check().id(), report.delivered(),
                report.attempts(), report.lastStatus(), report.error(), responseMillis, report.acceptedAt());
    }

    String incidentMessage(Incident incident) {
        CheckResult check = incident.check();
        String headline = redactor.redact(incident.boundary().headline(check.summary()));
        String line = icon(check.verdict()) + " " + check.verdict() + " " + headline + " - " + incident.experiment()
                + " on " + incident.environment();
        ObjectNode message = JSON.createObjectNode();
        String link = settings.link();
        message.put("text", PagerDutyClient.truncate(line, MAX_LINE_CHARS)
                + (link == null || link.isBlank() ? "" : " - " + link));
        if (settings.slackChannel() != null && !settings.slackChannel().isBlank()) {
            message.put("channel", settings.slackChannel());
        }
        ArrayNode blocks = message.putArray("blocks");
        addSection(blocks, "*" + escape(PagerDutyClient.truncate(line, MAX_LINE_CHARS)) + "*\nRun `"
                + escape(incident.runId()) + "`" + (link == null || link.isBlank() ? ""
                : "\n<" + link + "|Open the chaos report>"));
        return message.toString();
    }

    /** The earliest problem the message reports: the response time is measured from there. */
    static Instant detectedAt(RunResult run, List<CheckResult> recovered) {
        List<CheckResult> problems = run.checks().stream().filter(c -> c.verdict() != Verdict.PASSED).toList();
        List<CheckResult> basis = problems.isEmpty() ? recovered : problems;
        return basis.stream().map(PagerDutyClient::detectedAt).min(Comparator.naturalOrder())
                .orElse(run.finishedAt() == null ? Instant.now() : run.finishedAt());
    }

    String message(RunResult run, List<CheckResult> recovered, OptionalDouble score) {
        String environment = PagerDutyClient.environment(settings, run);
        Verdict verdict = run.verdict();
        List<CheckResult> problems = run.checks().stream().filter(c -> c.verdict() != Verdict.PASSED)
                .sorted(BY_SEVERITY).toList();
        String counts = run.count(Verdict.CRITICAL) + " critical, " + run.count(Verdict.WARNING) + " warning, "
                + run.count(Verdict.ERROR) + " could not run, " + run.count(Verdict.PASSED) + " passed";
        String scoreText = score.isPresent() ? String.format(Locale.ROOT, "resilience score %.1f/100",
                score.getAsDouble()) : "no resilience score (no check ran)";
        String title = icon(verdict) + " Chaos " + verdict + ": " + run.experiment() + " on " + environment;

        ObjectNode message = JSON.createObjectNode();
        // the notification shows only `text`: it starts with what broke, in one line
        StringBuilder fallback = new StringBuilder();
        if (!problems.isEmpty()) {
            CheckResult worst = problems.get(0);
            fallback.append(Boundary.of(worst).headline(worst.summary()));
            if (problems.size() > 1) {
                fallback.append(" (and ").append(problems.size() - 1).append(" more)");
            }
            fallback.append(" - ");
        }
        fallback.append(title).append(" - ").append(counts).append(", ").append(scoreText);
        if (!recovered.isEmpty()) {
            fallback.append(", ").append(recovered.size()).append(" recovered");
        }
        String link = settings.link();
        if (link != null && !link.isBlank()) {
            fallback.append(" - ").append(link);
        }
        message.put("text", redactor.redact(fallback.toString()));
        if (settings.slackChannel() != null && !settings.slackChannel().isBlank()) {
            message.put("channel", settings.slackChannel());
        }
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject();
        header.put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", PagerDutyClient.truncate(title, 150));

        ObjectNode summary = blocks.addObject();
        summary.put("type", "section");
        summary.putObject("text").put("type", "mrkdwn").put("text",
                "*" + escape(counts) + "*\n" + escape(scoreText) + "\nRun `" + escape(run.runId()) + "`"
                        + (run.aborted() ? "\nAborted early: " + escape(redactor.redact(run.abortReason())) : ""));

        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), settings.maxBreachesInSlack());
            StringBuilder list = new StringBuilder();
            for (CheckResult check : problems.subList(0, shown)) {
                String line = "• *" + check.verdict() + "* `" + escape(check.id()) + "`"
                        + (check.summary().isBlank() ? "" : ": " + escape(redactor.redact(check.summary())));
                list.append(PagerDutyClient.truncate(line, MAX_LINE_CHARS)).append('\n');
            }
            if (problems.size() > shown) {
                list.append("… and ").append(problems.size() - shown).append(" more in the report");
            }
            addSection(blocks, list.toString().trim());
        }
        if (!recovered.isEmpty()) {
            StringBuilder list = new StringBuilder("*Recovered* (incident resolved):\n");
            for (CheckResult check : recovered.subList(0, Math.min(recovered.size(), settings.maxBreachesInSlack()))) {
                list.append("• `").append(escape(check.id())).append("`\n");
            }
            if (recovered.size() > settings.maxBreachesInSlack()) {
                list.append("… and ").append(recovered.size() - settings.maxBreachesInSlack()).append(" more");
            }
            addSection(blocks, list.toString().trim());
        }
        if (link != null && !link.isBlank()) {
            addSection(blocks, "<" + link + "|Open the chaos report>");
        }
        return message.toString();
    }

    private static void addSection(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text",
                PagerDutyClient.truncate(mrkdwn, MAX_SECTION_CHARS));
    }

    private static String icon(Verdict verdict) {
        return switch (verdict) {
            case CRITICAL -> ":rotating_light:";
            case ERROR -> ":x:";
            case WARNING -> ":warning:";
            case PASSED -> ":white_check_mark:";
        };
    }

    /** Slack's mrkdwn treats &, < and > as control characters; check names such as alice->bob contain them. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
