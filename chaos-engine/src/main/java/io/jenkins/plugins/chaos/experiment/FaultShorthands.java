package io.jenkins.plugins.chaos.experiment;

import io.jenkins.plugins.chaos.core.ValidationError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Flat keys for the common kind-specific parameters, so that a Pipeline step (whose arguments cannot nest freely)
 * and a YAML file can say the same thing: {@code latency} and {@code percent} are expanded into Chaos Mesh's own
 * shapes ({@code delay.latency}, {@code loss.loss}, ...).
 */
final class FaultShorthands {

    static final List<String> KEYS = List.of("latency", "percent");

    private FaultShorthands() {
    }

    static void expand(FaultSpec fault, String path, List<ValidationError> errors) {
        Map<String, Object> p = new LinkedHashMap<>(fault.getParameters());
        Object latency = p.remove("latency");
        String kind = fault.getKind() == null ? "" : fault.getKind();
        // IOChaos has a percent of its own (the share of I/O calls that fail), in Chaos Mesh's own spelling.
        Object percent = "IOChaos".equals(kind) ? null : p.remove("percent");
        String action = fault.getAction() == null ? "" : fault.getAction();
        if (latency != null) {
            if ("NetworkChaos".equals(kind) && "delay".equals(action)) {
                putNested(p, "delay", "latency", latency, path, errors);
            } else if ("HTTPChaos".equals(kind) && "delay".equals(action)) {
                putFlat(p, "delay", latency, path, errors);
            } else {
                errors.add(new ValidationError(path + ".latency", "latency applies to NetworkChaos delay and HTTPChaos delay only"));
            }
        }
        if (percent != null) {
            if ("NetworkChaos".equals(kind) && List.of("loss", "duplicate", "corrupt").contains(action)) {
                putNested(p, action, action, String.valueOf(percent), path, errors);
            } else {
                errors.add(new ValidationError(path + ".percent", "percent applies to NetworkChaos loss, duplicate and corrupt only"));
            }
        }
        fault.setParameters(p);
    }

    @SuppressWarnings("unchecked")
    private static void putNested(Map<String, Object> p, String block, String key, Object value, String path,
                                  List<ValidationError> errors) {
        Object existing = p.get(block);
        Map<String, Object> map = existing instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        if (map.containsKey(key)) {
            errors.add(new ValidationError(path + "." + block + "." + key, "is given twice (also as the shorthand); keep one"));
            return;
        }
        map.put(key, value);
        p.put(block, map);
    }

    private static void putFlat(Map<String, Object> p, String key, Object value, String path, List<ValidationError> errors) {
        if (p.containsKey(key)) {
            errors.add(new ValidationError(path + "." + key, "is given twice (also as latency); keep one"));
            return;
        }
        p.put(key, value);
    }
}
