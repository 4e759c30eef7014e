package io.jenkins.plugins.chaos.verdict;

import java.util.Locale;

/** The {@code failOn} step option: from which verdict on a chaos step fails the build. */
public enum FailOn {
    CRITICAL, WARNING, NEVER;

    public static final String ALLOWED = "critical, warning, never";

    /** Parses the step argument; null or blank means the default, {@link #CRITICAL}. */
    public static FailOn parse(String text) {
        if (text == null || text.isBlank()) {
            return CRITICAL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failOn: '" + text + "' is not allowed; use one of " + ALLOWED, e);
        }
    }

    public String argument() {
        return name().toLowerCase(Locale.ROOT);
    }
}
