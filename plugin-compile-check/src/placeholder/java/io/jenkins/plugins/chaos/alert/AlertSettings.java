// PLACEHOLDER for the compile check only (the lead's engine class replaces it after the merge; delete this file then).
package io.jenkins.plugins.chaos.alert;

import java.io.Serializable;

public record AlertSettings(String slackWebhookUrl, String slackChannel, String pagerDutyRoutingKey,
                            String pagerDutyEventsUrl, String environment, String buildUrl, String stateFile)
        implements Serializable {
}
