package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.DidYouMean;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects what the per-kind rules find, with the typed reads they share. The messages name the field and what is
 * allowed; they quote a value only where the user typed it into a spec field, never the content of a file.
 */
public final class SpecProblems {

    private final List<ValidationError> errors;

    public SpecProblems(List<ValidationError> errors) {
        this.errors = errors;
    }

    public void error(String path, String message) {
        errors.add(new ValidationError(path, message));
    }

    static String child(String path, String key) {
        return path + "." + key;
    }

    /** A text field; a number or a map where text belongs is reported and read as absent. */
    String text(Map<?, ?> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            error(child(path, key), "must be text, not " + describe(value) + " (the CRD types it as a string; quote it)");
            return null;
        }
        return text;
    }

    /** A text field that must be there and not be blank. */
    String requiredText(Map<?, ?> map, String key, String path, String what) {
        if (map.get(key) == null) {
            error(child(path, key), "is required: " + what);
            return null;
        }
        String text = text(map, key, path);
        if (text != null && text.isBlank()) {
            error(child(path, key), "is empty: " + what);
            return null;
        }
        return text;
    }

    /** One of a fixed set of text values, with a did-you-mean; null (and an error) when it is not. */
    String oneOf(Map<?, ?> map, String key, String path, Collection<String> allowed, boolean required) {
        Object value = map.get(key);
        if (value == null) {
            if (required) {
                error(child(path, key), "is required; allowed: " + String.join(", ", allowed));
            }
            return null;
        }
        String text = String.valueOf(value);
        if (!allowed.contains(text)) {
            error(child(path, key), "unknown " + key + " '" + text + "'" + DidYouMean.hint(text, allowed)
                    + "; allowed: " + String.join(", ", allowed));
            return null;
        }
        return text;
    }

    Map<?, ?> map(Map<?, ?> parent, String key, String path) {
        Object value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            error(child(path, key), "must be a map, not " + describe(value));
            return null;
        }
        return map;
    }

    List<?> list(Map<?, ?> parent, String key, String path) {
        Object value = parent.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            error(child(path, key), "must be a list, not " + describe(value));
            return null;
        }
        return list;
    }

    /**
     * A Chaos Mesh duration ({@code webhook:"Duration"}: Go's time.ParseDuration), which must also be longer than 0:
     * a fault of 0s would be injected and never removed by Chaos Mesh's own timer.
     */
    Optional<Duration> positiveDuration(Map<?, ?> map, String key, String path, String requiredBecause) {
        Object value = map.get(key);
        String field = child(path, key);
        if (value == null) {
            if (requiredBecause != null) {
                error(field, "is required, " + requiredBecause + "; " + GoDuration.ALLOWED);
            }
            return Optional.empty();
        }
        if (!(value instanceof String text)) {
            error(field, "must be a duration written as text such as 30s, not " + describe(value)
                    + " (a bare number has no unit)");
            return Optional.empty();
        }
        Optional<Duration> duration = GoDuration.parse(text);
        if (duration.isEmpty()) {
            error(field, "\"" + text + "\" is not a duration; " + GoDuration.ALLOWED);
        } else if (duration.get().isZero()) {
            error(field, "must be longer than 0s");
            return Optional.empty();
        }
        return duration;
    }

    /** A percentage Chaos Mesh reads with strconv.ParseFloat ({@code FloatStr}), within 0..100. */
    void floatPercent(Map<?, ?> map, String key, String path, boolean required, String what) {
        Object value = map.get(key);
        String field = child(path, key);
        if (value == null) {
            if (required) {
                error(field, "is required: " + what + ", a percentage 0..100 written as text, e.g. \"25\"");
            }
            return;
        }
        Double number = value instanceof String text ? decimal(text) : null;
        if (number == null) {
            error(field, what + " must be a percentage 0..100 written as text, e.g. \"25\" (got " + describe(value) + ")");
        } else if (number < 0 || number > 100) {
            error(field, what + " must be a percentage between 0 and 100 (got '" + value + "')");
        }
    }

    /** A whole number (YAML number or text of one); null when absent or not whole, with an error for the latter. */
    Long whole(Map<?, ?> map, String key, String path) {
        Object value = map.get(key);
        if (value == null) {
            return null;
        }
        Long number = value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) ? Long.valueOf(n.longValue())
                : null;
        if (number == null) {
            error(child(path, key), "must be a whole number, not " + describe(value));
        }
        return number;
    }

    /** A whole number within [min, max]. */
    void wholeWithin(Map<?, ?> map, String key, String path, long min, long max, boolean required, String what) {
        if (map.get(key) == null) {
            if (required) {
                error(child(path, key), "is required: " + what + " (" + min + ".." + max + ")");
            }
            return;
        }
        Long number = whole(map, key, path);
        if (number != null && (number < min || number > max)) {
            error(child(path, key), number + " is out of range: " + what + " must be between " + min + " and " + max);
        }
    }

    static Double decimal(String text) {
        try {
            double value = Double.parseDouble(text.trim());
            return Double.isFinite(value) ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long integer(String text) {
        if (text == null || !text.matches("[+-]?\\d{1,18}")) {
            return null;
        }
        return Long.parseLong(text);
    }

    static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof Number) {
            return "the number " + value;
        }
        if (value instanceof Boolean) {
            return "the boolean " + value;
        }
        return "'" + value + "'";
    }
}
