package io.jenkins.plugins.chaos.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What the provider-failover probe requires while the fault is active. A graceful error is the right answer when
 * every provider is down and the wrong one when a secondary exists, so the experiment says which case it tests.
 */
public enum FailoverExpectation {
    /** Another provider serves: only a response from it counts as failed over. */
    FAILOVER,
    /** Every provider is down: every response is a graceful error (or served), never an ungraceful one. */
    GRACEFUL_DEGRADATION;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<FailoverExpectation> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(e -> e.name().equals(wanted)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(FailoverExpectation::cliName).toList());
    }
}
