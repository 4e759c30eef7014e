package io.jenkins.plugins.chaos.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** When the tenant-isolation probe runs, relative to the faults ({@code probes.tenantIsolation.phases}). */
public enum IsolationPhase {
    BEFORE, DURING, AFTER;

    public static final String ALLOWED = String.join(", ", Arrays.stream(values()).map(IsolationPhase::key).toList());

    public static Optional<IsolationPhase> parse(String text) {
        return Arrays.stream(values()).filter(value -> value.key().equals(text)).findFirst();
    }

    /** As written in YAML, and as the suffix of check names ({@code "... [during]"}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
