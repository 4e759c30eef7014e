package io.jenkins.plugins.chaos.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The experiment's stop condition ({@code abortOn}): what ends the faults before their time. */
public enum AbortOn {
    /** The faults stay for their whole duration, whatever the probes see. */
    NEVER,
    /**
     * The default: a tenant isolation breach while the faults are active removes them at once (the boundary is open,
     * holding the fault only widens the exposure); failover criticals let the fault run its course, so that the
     * report shows the whole outage.
     */
    ISOLATION,
    /** Any CRITICAL check while the faults are active removes them at once. */
    CRITICAL;

    /** The allowed values as written in an experiment, for error messages. */
    public static final String ALLOWED = String.join(", ", Arrays.stream(values()).map(AbortOn::key).toList());

    public static Optional<AbortOn> parse(String text) {
        return Arrays.stream(values()).filter(value -> value.key().equals(text)).findFirst();
    }

    /** As written in YAML and step arguments. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a CRITICAL of this probe family ends the faults. */
    public boolean stopsOn(boolean isolationBreach) {
        return this == CRITICAL || (this == ISOLATION && isolationBreach);
    }
}
