package io.jenkins.plugins.chaos.jenkins;

/**
 * Where alerts go, with the secrets resolved on the controller. toString hides the webhook and routing key.
 *
 * @param slackWebhookUrl     Slack incoming webhook, or null
 * @param slackChannel        channel override, or null
 * @param pagerDutyRoutingKey PagerDuty Events API v2 routing key, or null
 * @param environment         part of the dedup key
 * @param buildUrl            link in the messages
 * @param stateFile           file remembering open incidents between runs, so that a passing run resolves them
 */
public record AlertTargets(String slackWebhookUrl, String slackChannel, String pagerDutyRoutingKey, String environment,
                           String buildUrl, String stateFile) {

    public boolean any() {
        return slackWebhookUrl != null || pagerDutyRoutingKey != null;
    }

    @Override
    public String toString() {
        return "AlertTargets[slack=" + (slackWebhookUrl == null ? "off" : "****") + ", channel=" + slackChannel
                + ", pagerDuty=" + (pagerDutyRoutingKey == null ? "off" : "****") + ", environment=" + environment + "]";
    }
}
