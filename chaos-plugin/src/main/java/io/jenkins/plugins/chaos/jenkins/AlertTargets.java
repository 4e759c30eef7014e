package io.jenkins.plugins.chaos.jenkins;

import java.io.Serializable;

/**
 * Where alerts go, with the secrets resolved on the controller. Plain and serializable: it travels to the agent inside
 * {@link RunExperimentCallable} (the live dispatch runs beside the probes there) and is never a field of a step
 * execution, so it never reaches the build's program.dat. toString hides the webhook and routing key.
 *
 * @param slackWebhookUrl     Slack incoming webhook, or null
 * @param slackChannel        channel override, or null
 * @param pagerDutyRoutingKey PagerDuty Events API v2 routing key, or null
 * @param environment         part of the dedup key
 * @param buildUrl            link in the messages
 * @param stateFile           file remembering open incidents between runs, so that a passing run resolves them; a
 *                            path where the dispatcher runs
 * @param pagerDutyEventsUrl  the Events API endpoint; PagerDuty's own when null
 */
public record AlertTargets(String slackWebhookUrl, String slackChannel, String pagerDutyRoutingKey, String environment,
                           String buildUrl, String stateFile, String pagerDutyEventsUrl) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Targets that send to PagerDuty's own Events API. */
    public AlertTargets(String slackWebhookUrl, String slackChannel, String pagerDutyRoutingKey, String environment,
                        String buildUrl, String stateFile) {
        this(slackWebhookUrl, slackChannel, pagerDutyRoutingKey, environment, buildUrl, stateFile, null);
    }

    public boolean any() {
        return slackWebhookUrl != null || pagerDutyRoutingKey != null;
    }

    /**
     * The same channels for one run: its environment (known once the plan is loaded) and the incident state at
     * another path (the agent's copy of the controller's file).
     */
    public AlertTargets forRun(String runEnvironment, String path) {
        return new AlertTargets(slackWebhookUrl, slackChannel, pagerDutyRoutingKey, runEnvironment, buildUrl, path,
                pagerDutyEventsUrl);
    }

    @Override
    public String toString() {
        return "AlertTargets[slack=" + (slackWebhookUrl == null ? "off" : "****") + ", channel=" + slackChannel
                + ", pagerDuty=" + (pagerDutyRoutingKey == null ? "off" : "****") + ", environment=" + environment + "]";
    }
}
