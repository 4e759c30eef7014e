package io.jenkins.plugins.chaos.jenkins;

import java.util.Locale;
import java.util.UUID;

/**
 * Run ids for chaos runs started by a build. The id becomes a Kubernetes label value (at most 63 characters of
 * [A-Za-z0-9._-], alphanumeric at both ends), so it is derived from the build id but always fits.
 */
public final class RunIds {
    static final int MAX_LABEL_VALUE = 63;

    private RunIds() {
    }

    /** A new id for one step call of a build, e.g. {@code jenkins-team-isolation-42-1f3a9c0d}. */
    public static String forBuild(String externalizableId) {
        return forBuild(externalizableId, UUID.randomUUID().toString().substring(0, 8));
    }

    static String forBuild(String externalizableId, String suffix) {
        String base = externalizableId == null ? "build" : externalizableId;
        String cleaned = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("-{2,}", "-");
        String tail = "-" + suffix;
        int room = MAX_LABEL_VALUE - "jenkins-".length() - tail.length();
        if (cleaned.length() > room) {
            // keep the end: the build number is what tells two runs of the same job apart
            cleaned = cleaned.substring(cleaned.length() - room);
        }
        cleaned = cleaned.replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        return "jenkins-" + (cleaned.isEmpty() ? "build" : cleaned) + tail;
    }
}
