package io.jenkins.plugins.chaos.probe.network;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * A Kubernetes label selector compiled once, so that evaluating many flows does not re-read the model objects.
 * Invalid selectors are rejected when compiled, naming the field, rather than silently matching nothing.
 */
final class LabelSelectorMatcher {

    static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");

    private final List<Predicate<Map<String, String>>> requirements;
    private final String text;

    private LabelSelectorMatcher(List<Predicate<Map<String, String>>> requirements, String text) {
        this.requirements = requirements;
        this.text = text;
    }

    /** A selector that matches everything, as Kubernetes reads an empty ({@code {}}) selector. */
    static LabelSelectorMatcher all() {
        return new LabelSelectorMatcher(List.of(), "{}");
    }

    /**
     * @param selector  the selector; {@code null} is compiled as the empty selector, callers that must tell
     *                  "absent" from "empty" check for null themselves
     * @param fieldPath where the selector sits, for error messages ({@code default/web spec.podSelector})
     */
    static LabelSelectorMatcher compile(LabelSelector selector, String fieldPath) {
        if (selector == null) {
            return all();
        }
        List<Predicate<Map<String, String>>> requirements = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : new TreeMap<>(selector.getMatchLabels());
        for (Map.Entry<String, String> label : matchLabels.entrySet()) {
            String key = label.getKey();
            String value = label.getValue();
            requirements.add(labels -> value != null && value.equals(labels.get(key)));
            parts.add(key + "=" + value);
        }
        List<LabelSelectorRequirement> expressions = selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            LabelSelectorRequirement expression = expressions.get(i);
            String path = fieldPath + ".matchExpressions[" + i + "]";
            String key = expression.getKey();
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException(path + ".key is required");
            }
            String operator = expression.getOperator();
            Set<String> values = expression.getValues() == null ? Set.of() : Set.copyOf(expression.getValues());
            if ("In".equals(operator) || "NotIn".equals(operator)) {
                if (values.isEmpty()) {
                    throw new IllegalArgumentException(path + ".values must not be empty for operator " + operator);
                }
            } else if ("Exists".equals(operator) || "DoesNotExist".equals(operator)) {
                if (!values.isEmpty()) {
                    throw new IllegalArgumentException(path + ".values must be empty for operator " + operator);
                }
            } else {
                throw new IllegalArgumentException(path + ".operator '" + operator + "' is not supported; allowed values: "
                        + String.join(", ", OPERATORS));
            }
            switch (operator) {
                case "In" -> requirements.add(labels -> labels.containsKey(key) && values.contains(labels.get(key)));
                // NotIn also matches objects without the key: that is how Kubernetes defines it, and a policy
                // author who forgets it opens the door to unlabelled pods.
                case "NotIn" -> requirements.add(labels -> !labels.containsKey(key) || !values.contains(labels.get(key)));
                case "Exists" -> requirements.add(labels -> labels.containsKey(key));
                default -> requirements.add(labels -> !labels.containsKey(key));
            }
            parts.add(key + " " + operator + (values.isEmpty() ? "" : " " + new TreeSet<>(values)));
        }
        return new LabelSelectorMatcher(List.copyOf(requirements), "{" + String.join(", ", parts) + "}");
    }

    boolean matches(Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Predicate<Map<String, String>> requirement : requirements) {
            if (!requirement.test(actual)) {
                return false;
            }
        }
        return true;
    }

    boolean isEmpty() {
        return requirements.isEmpty();
    }

    @Override
    public String toString() {
        return text;
    }
}
