package io.jenkins.plugins.chaos.alert;

import java.util.Locale;

/** Where an alert went; the lower-case name is the {@code channel} label of the alert metrics. */
public enum AlertChannel {
    PAGERDUTY,
    SLACK;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
