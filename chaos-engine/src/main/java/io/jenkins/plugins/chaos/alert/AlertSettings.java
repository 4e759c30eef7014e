package io.jenkins.plugins.chaos.alert;

import io.jenkins.plugins.chaos.core.SecretRedactor;
import java.io.Serializable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Where and how alerts of one job go. Plain values so that the plugin can bind it from its configuration and
 * ship it to the agent. A blank Slack URL or routing key switches that channel off.
 *
 * @param slackWebhookUrl     Slack incoming webhook; secret (its path is the token)
 * @param slackChannel        channel override shown in the message, optional
 * @param pagerDutyRoutingKey Events API v2 integration key; secret
 * @param pagerDutyEventsUrl  events endpoint; {@link #DEFAULT_PAGERDUTY_EVENTS_URL} when blank
 * @param environment         part of every dedup key (staging, prod-eu); the run's own environment when blank
 * @param buildUrl            link to the Jenkins build, optional
 * @param reportUrl           link to the HTML report, optional
 * @param stateFile           JSON file that remembers open incidents between runs of the same job
 * @param maxBreachesInSlack  how many breaches a Slack message lists before "and N more", 1..50
 * @param retry               retry limits; {@link RetryPolicy#defaults()} when null
 * @param component           PagerDuty's {@code component}: the service responders know; {@link #DEFAULT_COMPONENT}
 *                            when blank
 */
public record AlertSettings(String slackWebhookUrl, String slackChannel, String pagerDutyRoutingKey,
                            String pagerDutyEventsUrl, String environment, String buildUrl, String reportUrl,
                            String stateFile, int maxBreachesInSlack, RetryPolicy retry, String component)
        implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String DEFAULT_PAGERDUTY_EVENTS_URL = "https://events.pagerduty.com/v2/enqueue";
    public static final String DEFAULT_STATE_FILE = "chaos-reports/.alert-state.json";
    public static final int DEFAULT_MAX_BREACHES_IN_SLACK = 10;
    public static final String DEFAULT_COMPONENT = "chaos-engineering";
    private static final int MAX_COMPONENT = 100;

    public AlertSettings {
        pagerDutyEventsUrl = blank(pagerDutyEventsUrl) ? DEFAULT_PAGERDUTY_EVENTS_URL : pagerDutyEventsUrl.trim();
        stateFile = blank(stateFile) ? DEFAULT_STATE_FILE : stateFile;
        maxBreachesInSlack = maxBreachesInSlack == 0 ? DEFAULT_MAX_BREACHES_IN_SLACK : maxBreachesInSlack;
        retry = retry == null ? RetryPolicy.defaults() : retry;
        component = blank(component) ? DEFAULT_COMPONENT : component.trim();
        List<String> errors = new ArrayList<>();
        if (component.length() > MAX_COMPONENT || !component.matches("[A-Za-z0-9][A-Za-z0-9 ._/-]*")) {
            errors.add("component must be 1.." + MAX_COMPONENT + " letters, digits, spaces or ._/- (e.g. "
                    + DEFAULT_COMPONENT + ")");
        }
        if (maxBreachesInSlack < 1 || maxBreachesInSlack > 50) {
            errors.add("maxBreachesInSlack is " + maxBreachesInSlack + ", allowed values are 1..50");
        }
        // the values are secrets: the messages name the field and the rule, never the value
        checkHttpUrl(errors, "slackWebhookUrl", slackWebhookUrl);
        checkHttpUrl(errors, "pagerDutyEventsUrl", pagerDutyEventsUrl);
        checkHttpUrl(errors, "buildUrl", buildUrl);
        checkHttpUrl(errors, "reportUrl", reportUrl);
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Invalid alert settings: " + String.join("; ", errors));
        }
    }

    /** Settings with the default PagerDuty component. */
    public AlertSettings(String slackWebhookUrl, String slackChannel, String pagerDutyRoutingKey,
                         String pagerDutyEventsUrl, String environment, String buildUrl, String reportUrl,
                         String stateFile, int maxBreachesInSlack, RetryPolicy retry) {
        this(slackWebhookUrl, slackChannel, pagerDutyRoutingKey, pagerDutyEventsUrl, environment, buildUrl, reportUrl,
                stateFile, maxBreachesInSlack, retry, null);
    }

    /** Settings with only the state file and environment: nothing is sent until a channel is configured. */
    public static AlertSettings none(String environment, String stateFile) {
        return new AlertSettings(null, null, null, null, environment, null, null, stateFile, 0, null);
    }

    public AlertSettings withSlack(String webhookUrl, String channel) {
        return new AlertSettings(webhookUrl, channel, pagerDutyRoutingKey, pagerDutyEventsUrl, environment, buildUrl,
                reportUrl, stateFile, maxBreachesInSlack, retry, component);
    }

    public AlertSettings withPagerDuty(String routingKey, String eventsUrl) {
        return new AlertSettings(slackWebhookUrl, slackChannel, routingKey, eventsUrl, environment, buildUrl,
                reportUrl, stateFile, maxBreachesInSlack, retry, component);
    }

    public AlertSettings withLinks(String build, String report) {
        return new AlertSettings(slackWebhookUrl, slackChannel, pagerDutyRoutingKey, pagerDutyEventsUrl, environment,
                build, report, stateFile, maxBreachesInSlack, retry, component);
    }

    public AlertSettings withRetry(RetryPolicy policy) {
        return new AlertSettings(slackWebhookUrl, slackChannel, pagerDutyRoutingKey, pagerDutyEventsUrl, environment,
                buildUrl, reportUrl, stateFile, maxBreachesInSlack, policy, component);
    }

    public AlertSettings withMaxBreachesInSlack(int max) {
        return new AlertSettings(slackWebhookUrl, slackChannel, pagerDutyRoutingKey, pagerDutyEventsUrl, environment,
                buildUrl, reportUrl, stateFile, max, retry, component);
    }

    public AlertSettings withComponent(String name) {
        return new AlertSettings(slackWebhookUrl, slackChannel, pagerDutyRoutingKey, pagerDutyEventsUrl, environment,
                buildUrl, reportUrl, stateFile, maxBreachesInSlack, retry, name);
    }

    public boolean slackEnabled() {
        return !blank(slackWebhookUrl);
    }

    public boolean pagerDutyEnabled() {
        return !blank(pagerDutyRoutingKey);
    }

    /** The best link for a human: the report if there is one, else the build. */
    public String link() {
        return !blank(reportUrl) ? reportUrl : buildUrl;
    }

    /** A redactor for every secret in these settings, including the webhook's path alone (its token part). */
    public SecretRedactor redactor() {
        List<String> secrets = new ArrayList<>();
        if (slackEnabled()) {
            secrets.add(slackWebhookUrl);
            secrets.add(slackWebhookUrl.trim());
            URI uri = URI.create(slackWebhookUrl.trim());
            if (uri.getRawPath() != null && uri.getRawPath().length() > 1) {
                secrets.add(uri.getRawPath());
                for (String segment : uri.getRawPath().split("/")) {
                    // Slack's T.../B... ids are not secret, the last segment is; any long segment is treated as one
                    if (segment.length() >= 12) {
                        secrets.add(segment);
                    }
                }
            }
            if (uri.getRawQuery() != null) {
                secrets.add(uri.getRawQuery());
            }
        }
        if (pagerDutyEnabled()) {
            secrets.add(pagerDutyRoutingKey);
            secrets.add(pagerDutyRoutingKey.trim());
        }
        return new SecretRedactor(secrets);
    }

    /** Records print every component; these hold secrets, so they print which channels are on instead. */
    @Override
    public String toString() {
        return "AlertSettings[slack=" + (slackEnabled() ? "configured" : "off")
                + ", slackChannel=" + slackChannel
                + ", pagerDuty=" + (pagerDutyEnabled() ? "configured" : "off")
                + ", environment=" + environment + ", buildUrl=" + buildUrl + ", reportUrl=" + reportUrl
                + ", stateFile=" + stateFile + ", maxBreachesInSlack=" + maxBreachesInSlack + ", retry=" + retry + ", component=" + component + "]";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static void checkHttpUrl(List<String> errors, String field, String value) {
        if (blank(value)) {
            return;
        }
        try {
            URI uri = URI.create(value.trim());
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || uri.getHost() == null) {
                errors.add(field + " must be an absolute http or https URL");
            }
        } catch (IllegalArgumentException e) {
            errors.add(field + " is not a valid URL (allowed: an absolute http or https URL)");
        }
    }
}
