package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.ResourceUsageSpec;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The resource-usage probe's configuration with its defaults (85% of the limit for 30 s, sampled every 5 s). */
public record ResourceUsageConfig(List<String> namespaces, double threshold, Duration window, Duration interval)
        implements Serializable {

    public static final double DEFAULT_THRESHOLD_PERCENT = 85;
    public static final String DEFAULT_WINDOW = "30s";
    public static final String DEFAULT_INTERVAL = "5s";
    private static final String PATH = "probes.resourceUsage";

    public static ResourceUsageConfig of(ResourceUsageSpec spec) {
        return new ResourceUsageConfig(spec.namespaces(),
                (spec.thresholdPercent() == null ? DEFAULT_THRESHOLD_PERCENT : spec.thresholdPercent()) / 100.0,
                GoDuration.parse(or(spec.window(), DEFAULT_WINDOW)).orElseThrow(),
                GoDuration.parse(or(spec.interval(), DEFAULT_INTERVAL)).orElseThrow());
    }

    public static List<ValidationError> validate(ResourceUsageSpec spec) {
        List<ValidationError> errors = new ArrayList<>();
        if (spec.namespaces().isEmpty() || spec.namespaces().size() > 100) {
            errors.add(new ValidationError(PATH + ".namespaces", "between 1 and 100 namespaces whose pods are watched, got "
                    + spec.namespaces().size()));
        }
        for (int i = 0; i < spec.namespaces().size(); i++) {
            String namespace = spec.namespaces().get(i);
            if (namespace == null || !namespace.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                errors.add(new ValidationError(PATH + ".namespaces[" + i + "]", "'" + namespace
                        + "' is not a namespace name (lower-case letters, digits, '-')"));
            }
        }
        if (spec.thresholdPercent() != null && !(spec.thresholdPercent() > 0 && spec.thresholdPercent() <= 100)) {
            errors.add(new ValidationError(PATH + ".thresholdPercent", spec.thresholdPercent()
                    + " must be a percentage above 0 and at most 100"));
        }
        Duration window = duration(errors, "window", or(spec.window(), DEFAULT_WINDOW), Duration.ZERO, Duration.ofHours(1));
        Duration interval = duration(errors, "interval", or(spec.interval(), DEFAULT_INTERVAL), Duration.ofMillis(200),
                Duration.ofMinutes(5));
        if (window != null && interval != null && interval.compareTo(window) > 0 && !window.isZero()) {
            errors.add(new ValidationError(PATH + ".interval", GoDuration.format(interval) + " is longer than the window "
                    + GoDuration.format(window) + ": at least two samples must fall in it"));
        }
        return errors;
    }

    private static Duration duration(List<ValidationError> errors, String field, String value, Duration min, Duration max) {
        Duration parsed = GoDuration.parse(value).orElse(null);
        if (parsed == null || parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
            errors.add(new ValidationError(PATH + "." + field, "'" + value + "' must be a duration between "
                    + GoDuration.format(min) + " and " + GoDuration.format(max) + "; " + GoDuration.ALLOWED));
            return null;
        }
        return parsed;
    }

    private static String or(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
