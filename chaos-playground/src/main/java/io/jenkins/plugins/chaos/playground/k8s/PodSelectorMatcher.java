package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Chaos Mesh's pod selection (selector + mode + value), evaluated against the playground's pods. */
final class PodSelectorMatcher {

    private PodSelectorMatcher() {
    }

    static List<Pod> select(List<Pod> pods, Map<?, ?> selector, String defaultNamespace, String mode, String value) {
        List<Pod> matched = new ArrayList<>();
        for (Pod pod : pods) {
            if (matches(pod, selector, defaultNamespace)) {
                matched.add(pod);
            }
        }
        matched.sort(Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName()));
        return applyMode(matched, mode == null ? "all" : mode, value);
    }

    static boolean matches(Pod pod, Map<?, ?> selector, String defaultNamespace) {
        String namespace = pod.getMetadata().getNamespace();
        if (selector.get("pods") instanceof Map<?, ?> byNamespace) {
            return byNamespace.get(namespace) instanceof List<?> names && names.contains(pod.getMetadata().getName());
        }
        List<?> namespaces = selector.get("namespaces") instanceof List<?> l && !l.isEmpty() ? l : List.of(defaultNamespace);
        if (!namespaces.contains(namespace)) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        if (selector.get("labelSelectors") instanceof Map<?, ?> wanted) {
            for (Map.Entry<?, ?> entry : wanted.entrySet()) {
                if (!String.valueOf(entry.getValue()).equals(labels.get(String.valueOf(entry.getKey())))) {
                    return false;
                }
            }
        }
        if (selector.get("expressionSelectors") instanceof List<?> expressions) {
            for (Object expression : expressions) {
                if (expression instanceof Map<?, ?> e && !expressionMatches(e, labels)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean expressionMatches(Map<?, ?> expression, Map<String, String> labels) {
        String key = String.valueOf(expression.get("key"));
        List<?> values = expression.get("values") instanceof List<?> l ? l : List.of();
        String actual = labels.get(key);
        return switch (String.valueOf(expression.get("operator"))) {
            case "In" -> actual != null && values.contains(actual);
            case "NotIn" -> actual == null || !values.contains(actual);
            case "Exists" -> actual != null;
            case "DoesNotExist" -> actual == null;
            default -> false;
        };
    }

    private static List<Pod> applyMode(List<Pod> matched, String mode, String value) {
        if (matched.isEmpty()) {
            return matched;
        }
        int count = switch (mode) {
            case "one" -> 1;
            case "fixed" -> parse(value, matched.size());
            case "fixed-percent", "random-max-percent" -> Math.max(1, (int) Math.floor(matched.size() * parse(value, 100) / 100.0));
            default -> matched.size();
        };
        return List.copyOf(matched.subList(0, Math.min(count, matched.size())));
    }

    private static int parse(String value, int fallback) {
        try {
            return value == null ? fallback : (int) Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
