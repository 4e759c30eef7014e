package io.jenkins.plugins.chaos.core;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;

/** The labels and annotations by which every resource this engine creates can be found and swept later. */
public final class ChaosLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY_VALUE = "chaos-engineering";
    public static final String RUN_ID = "chaos-engineering/run-id";
    public static final String EXPERIMENT = "chaos-engineering/experiment";
    public static final String EXPIRES_AT = "chaos-engineering/expires-at";
    /** namespace/name of the run's liveness Lease: while it is renewed, no sweep touches the resource. */
    public static final String LEASE = "chaos-engineering/lease";
    /** Chaos Mesh's own switch to drop its finalizer without recovering, for resources stuck in deletion. */
    public static final String CLEAN_FINALIZER = "chaos-mesh.chaos-mesh.org/cleanFinalizer";
    public static final String CLEAN_FINALIZER_FORCED = "forced";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChaosLabels() {
    }

    /** Eight hex characters: short enough for resource names, unique enough between concurrent runs. */
    public static String newRunId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static boolean expired(String expiresAt, Instant now) {
        if (expiresAt == null) {
            return false;
        }
        try {
            return Instant.parse(expiresAt).isBefore(now);
        } catch (DateTimeParseException e) {
            // An unreadable expiry on our own resource means someone edited it; treat it as expired rather than keep a fault forever.
            return true;
        }
    }
}
