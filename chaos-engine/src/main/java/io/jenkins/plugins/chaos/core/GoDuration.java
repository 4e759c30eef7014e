package io.jenkins.plugins.chaos.core;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as Chaos Mesh writes them (Go's {@code time.ParseDuration}: {@code 30s}, {@code 5m}, {@code 1h30m},
 * {@code 500ms}), so that a value copied from a Chaos Mesh manifest means the same in an experiment.
 */
public final class GoDuration {

    public static final String ALLOWED = "use 30s, 5m, 1h (units ms, s, m, h; combinations such as 1h30m)";

    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:\\.\\d+)?(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private GoDuration() {
    }

    public static Optional<Duration> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        if (!WHOLE.matcher(trimmed).matches()) {
            return Optional.empty();
        }
        Matcher part = PART.matcher(trimmed);
        double millis = 0;
        while (part.find()) {
            double amount = Double.parseDouble(part.group(1));
            millis += switch (part.group(2)) {
                case "ms" -> amount;
                case "s" -> amount * 1_000;
                case "m" -> amount * 60_000;
                default -> amount * 3_600_000;
            };
        }
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    /** The shortest Go form of a duration, as Chaos Mesh would print it ({@code 90s} becomes {@code 1m30s}). */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            out.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || out.length() == 0) {
            out.append(seconds).append('s');
        }
        return out.toString();
    }
}
