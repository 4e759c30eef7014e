package io.jenkins.plugins.chaos.plan;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code maxRequestsPerSecond} of the isolation and failover probes: a production gateway must not get a load test
 * nobody asked for every 30 minutes. Unset, it is {@link #DEFAULT} against a gateway that is not on the loopback
 * interface and unlimited on loopback (the playground, benchmarks); 0 asks for no cap explicitly.
 */
public final class RateCap {

    public static final double DEFAULT = 200;
    public static final double MAX = 100_000;
    public static final String ALLOWED = "allowed: 0 (no cap) or 1 to " + (long) MAX + " requests per second";

    private RateCap() {
    }

    /** The problem with {@code value}, without the field name; empty when it is allowed. */
    public static Optional<String> problem(Double value) {
        if (value == null || value == 0 || value >= 1 && value <= MAX) {
            return Optional.empty();
        }
        return Optional.of(value + " is out of range; " + ALLOWED);
    }

    /** Requests per second for {@code gatewayUrl}; 0 means no cap. */
    public static double effective(Double value, String gatewayUrl) {
        if (value != null) {
            return value;
        }
        return loopback(gatewayUrl) ? 0 : DEFAULT;
    }

    /** By the URL's host alone (no DNS lookup): localhost, 127.0.0.0/8, ::1. */
    public static boolean loopback(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(Locale.ROOT);
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            return h.equals("localhost") || h.endsWith(".localhost") || h.matches("127(\\.\\d{1,3}){3}")
                    || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** For the console: {@code "160,000 calls at 200/s: about 13 min 20 s"}. */
    public static String expectation(long calls, double perSecond) {
        if (perSecond <= 0) {
            return String.format(Locale.ROOT, "%,d calls, no rate cap", calls);
        }
        long seconds = Math.round(Math.ceil(calls / perSecond));
        return String.format(Locale.ROOT, "%,d calls at %s/s: about %s", calls, number(perSecond), duration(seconds));
    }

    static String duration(long seconds) {
        long h = seconds / 3600;
        long m = seconds % 3600 / 60;
        long s = seconds % 60;
        if (h > 0) {
            return h + " h " + m + " min";
        }
        if (m > 0) {
            return m + " min " + s + " s";
        }
        return s + " s";
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%,d", (long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
