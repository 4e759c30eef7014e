package io.jenkins.plugins.chaos.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The PagerDuty dedup_key of a check in an environment. It must be identical for the same check on every run, so
 * that a persisting breach stays one incident and a recovery resolves exactly that incident.
 */
public final class DedupKey {

    /** PagerDuty accepts at most 255 characters. */
    public static final int MAX_LENGTH = 255;
    private static final int HASH_HEX_CHARS = 32;

    private DedupKey() {
    }

    /**
     * {@code chaos:<environment>:<check id>}; a longer key keeps a readable prefix and ends with a hash of the
     * whole key, so that two long check names sharing a prefix still get different keys.
     */
    public static String of(String environment, String checkId) {
        String env = environment == null || environment.isBlank() ? "default" : environment.trim();
        String full = "chaos:" + env + ":" + checkId;
        if (full.length() <= MAX_LENGTH) {
            return full;
        }
        String hash = sha256Hex(full).substring(0, HASH_HEX_CHARS);
        int keep = MAX_LENGTH - HASH_HEX_CHARS - 1;
        return full.substring(0, keep) + "#" + hash;
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
