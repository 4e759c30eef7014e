package io.jenkins.plugins.chaos.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the experiment map the engine's {@code ExperimentLoader.fromMap} reads: the same keys as the YAML
 * experiment, holding only what the user set, so that the engine's defaults and validation apply unchanged.
 */
public final class StepArguments {
    private final Map<String, Object> values = new LinkedHashMap<>();

    public StepArguments put(String key, Object value) {
        if (value == null) {
            return this;
        }
        if (value instanceof String s && s.isBlank()) {
            return this;
        }
        if (value instanceof List<?> l && l.isEmpty()) {
            return this;
        }
        if (value instanceof Map<?, ?> m && m.isEmpty()) {
            return this;
        }
        values.put(key, value);
        return this;
    }

    public Map<String, Object> toMap() {
        return new LinkedHashMap<>(values);
    }

    /** Copies a step's list argument so that the engine never sees the CPS-transformed list instance. */
    public static <T> List<T> copy(List<T> list) {
        return list == null ? null : new ArrayList<>(list);
    }

    /** {@code ["app=gateway", "tier=web"]} to {@code {app: gateway, tier: web}}; the field name goes into errors. */
    public static Map<String, String> labels(String field, List<String> pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (pairs == null) {
            return labels;
        }
        for (String pair : pairs) {
            int eq = pair == null ? -1 : pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(field + ": '" + pair + "' is not a label selector; use key=value, e.g. app=gateway");
            }
            labels.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return labels;
    }
}
