package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.StopConditionSpec;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks {@code stopWhen} before anything is applied: each condition is whole, its URLs usable, its poll bounded. */
public final class StopConditions {

    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(5);
    static final int MAX_CONDITIONS = 10;
    static final int MAX_QUERY = 2000;

    private StopConditions() {
    }

    /** The poll interval of a validated condition. */
    public static Duration every(StopConditionSpec condition) {
        return condition.every() == null ? DEFAULT_EVERY : GoDuration.parse(condition.every()).orElse(DEFAULT_EVERY);
    }

    static List<ValidationError> validate(List<StopConditionSpec> conditions) {
        List<ValidationError> errors = new ArrayList<>();
        if (conditions.size() > MAX_CONDITIONS) {
            errors.add(new ValidationError("stopWhen", conditions.size() + " conditions; at most " + MAX_CONDITIONS));
        }
        for (int i = 0; i < conditions.size(); i++) {
            StopConditionSpec c = conditions.get(i);
            String path = "stopWhen[" + i + "]";
            boolean prometheus = c.prometheus() != null;
            boolean http = c.http() != null;
            if (prometheus == http) {
                errors.add(new ValidationError(path, "needs exactly one of 'prometheus' (with 'query' and 'above') "
                        + "or 'http'"));
                continue;
            }
            if (prometheus) {
                url(errors, path + ".prometheus", c.prometheus());
                if (c.query() == null || c.query().isBlank() || c.query().length() > MAX_QUERY) {
                    errors.add(new ValidationError(path + ".query", "a PromQL query of 1.." + MAX_QUERY
                            + " characters is required"));
                }
                if (c.above() == null || !Double.isFinite(c.above())) {
                    errors.add(new ValidationError(path + ".above", "a finite number is required (the query trips "
                            + "when any series is above it)"));
                }
            } else {
                url(errors, path + ".http", c.http());
                if (c.query() != null || c.above() != null) {
                    errors.add(new ValidationError(path, "'query' and 'above' belong to a 'prometheus' condition"));
                }
            }
            if (c.every() != null) {
                Duration every = GoDuration.parse(c.every()).orElse(null);
                if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0
                        || every.compareTo(Duration.ofMinutes(5)) > 0) {
                    errors.add(new ValidationError(path + ".every", "must be a duration between 1s and 5m"));
                }
            }
        }
        return errors;
    }

    private static void url(List<ValidationError> errors, String path, String value) {
        try {
            URI uri = URI.create(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return;
            }
        } catch (IllegalArgumentException bad) {
            // reported below without quoting the value: it may carry credentials
        }
        errors.add(new ValidationError(path, "must be an absolute http or https URL"));
    }
}
