package io.jenkins.plugins.chaos.alert;

/** Where an alert went; the lower-case name is the {@code channel} label of the alert metrics. */
public enum AlertChannel {
    PAGERDUTY,
    SLACK;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
