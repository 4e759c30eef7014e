package io.jenkins.plugins.chaos.jenkins;

import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The badge one probe step publishes for its scenario ("tenant-isolation: passing"). Kept free of Jenkins types, like
 * {@link BuildOutcome}, so that the mapping is tested on every build; {@link BadgePublisher} only copies it into the
 * embeddable-build-status plugin's configuration.
 *
 * @param name    badge id and subject: the {@code config=} value of the badge URL
 * @param verdict the run's verdict the status and colour come from
 */
public record ScenarioBadge(String name, Verdict verdict) implements Serializable {

    /** Longest badge name accepted; it travels in a URL and is rendered as the badge's left half. */
    static final int MAX_NAME_LENGTH = 100;

    public ScenarioBadge {
        checkName(name);
        if (verdict == null) {
            throw new IllegalArgumentException("verdict: required");
        }
    }

    /**
     * The badge name a probe step publishes under, or empty when it publishes none.
     *
     * @param badgeArgument the step's {@code badge} argument: {@code null} means "the experiment name", blank means off
     * @param experiment    the experiment's {@code name}
     */
    public static Optional<String> resolveName(String badgeArgument, String experiment) {
        if (badgeArgument == null) {
            return experiment == null || experiment.isBlank() ? Optional.empty() : Optional.of(experiment.strip());
        }
        return badgeArgument.isBlank() ? Optional.empty() : Optional.of(badgeArgument.strip());
    }

    /**
     * Checks a {@code badge} argument; blank (off) is allowed.
     *
     * @throws IllegalArgumentException naming the field and what is allowed
     */
    public static String checkArgument(String badgeArgument) {
        if (badgeArgument != null && !badgeArgument.isBlank()) {
            checkName(badgeArgument.strip());
        }
        return badgeArgument;
    }

    private static void checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("badge: must not be blank (use badge: '' to publish no badge)");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("badge: at most " + MAX_NAME_LENGTH + " characters, was " + name.length());
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("badge: printable characters only (letters, digits, '-', '_', '.', spaces, ...)");
        }
    }

    /** Right half of the badge; the words the embeddable-build-status plugin itself uses where it has them. */
    public String status() {
        return switch (verdict) {
            case PASSED -> "passing";
            case WARNING -> "unstable";
            case ERROR -> "could not run";
            case CRITICAL -> "failing";
        };
    }

    /** Colour names of the badge renderer (shields.io palette). */
    public String color() {
        return switch (verdict) {
            case PASSED -> "brightgreen";
            case WARNING -> "yellow";
            case ERROR -> "lightgrey";
            case CRITICAL -> "red";
        };
    }

    /**
     * The job-level badge URL: it shows this badge as the job's last build left it.
     *
     * @param rootUrl     Jenkins root URL ending in '/', or {@code null} for a server-relative URL
     * @param jobFullName the job's full name; its '/' separators (and a multibranch branch's %2F) are encoded the way
     *                    the embeddable-build-status plugin expects in {@code job=}
     */
    public String iconUrl(String rootUrl, String jobFullName) {
        return (rootUrl == null ? "/" : rootUrl) + "buildStatus/icon?job=" + URLEncoder.encode(jobFullName, StandardCharsets.UTF_8)
                + "&config=" + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /**
     * This badge combined with what the build already shows under the same name: a build that probes one scenario
     * twice must not turn an earlier breach green, so the worse verdict stays. An unknown or missing status (set by
     * someone else's {@code addEmbeddableBadgeConfiguration}) is replaced.
     */
    public ScenarioBadge mergedWith(String existingStatus) {
        return verdictOf(existingStatus).map(existing -> new ScenarioBadge(name, verdict.worst(existing))).orElse(this);
    }

    /** The verdict a status written by {@link #status()} came from. */
    static Optional<Verdict> verdictOf(String status) {
        if (status == null) {
            return Optional.empty();
        }
        for (Verdict candidate : Verdict.values()) {
            if (new ScenarioBadge("x", candidate).status().equals(status)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
