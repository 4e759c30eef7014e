package io.jenkins.plugins.chaos.jenkins;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where the plugin keeps state between builds: under {@code $JENKINS_HOME/chaos-engineering/}, named after a hash
 * of the job's full name. Never next to a build or a job directory: a build's directory is deleted with the build
 * (and with it the memory of an open incident), and a job name must not become a path.
 */
final class ChaosStateFiles {
    static final String DIRECTORY = "chaos-engineering";

    private ChaosStateFiles() {
    }

    /** Open incidents of a job's probe steps, so that a passing run resolves what a failing one paged. */
    static File alertState(File jenkinsHome, String jobFullName) {
        return new File(new File(new File(jenkinsHome, DIRECTORY), "alert-state"), hash(jobFullName) + ".json");
    }

    /** The dead-man's switch's index of chaos jobs, its open pages and their alert state. */
    static File deadMansSwitch(File jenkinsHome) {
        return new File(new File(jenkinsHome, DIRECTORY), "dead-mans-switch.json");
    }

    static File deadMansSwitchAlerts(File jenkinsHome, String jobFullName) {
        return new File(new File(new File(jenkinsHome, DIRECTORY), "dead-mans-switch-alerts"), hash(jobFullName) + ".json");
    }

    private static String hash(String jobFullName) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(jobFullName.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
