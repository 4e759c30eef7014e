package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.DidYouMean;
import java.util.List;
import java.util.Map;

/**
 * Chaos Mesh's PodSelector ({@code selector}, {@code mode}, {@code value}; {@code PodSelector.Validate} in
 * common_webhook.go and selector.go) plus this engine's rule that a selector must name its pods: present, with at least
 * one criterion, no empty expression, namespaces that are real namespace names.
 */
final class PodSelectorRules {

    static final List<String> MODES = List.of("one", "all", "fixed", "fixed-percent", "random-max-percent");
    static final List<String> SELECTOR_KEYS = List.of("namespaces", "labelSelectors", "expressionSelectors",
            "annotationSelectors", "fieldSelectors", "podPhaseSelectors", "nodes", "nodeSelectors", "pods");
    static final List<String> OPERATORS = List.of("In", "NotIn", "Exists", "DoesNotExist");
    static final List<String> POD_PHASES = List.of("Pending", "Running", "Succeeded", "Failed", "Unknown");
    private static final List<String> CRITERIA = SELECTOR_KEYS;

    private PodSelectorRules() {
    }

    /** {@code selector}, {@code mode} and {@code value} of {@code spec}. */
    static void check(Map<?, ?> spec, String path, SpecProblems problems) {
        checkMode(spec, path, problems);
        checkSelector(spec.get("selector"), path + ".selector", problems);
    }

    static void checkMode(Map<?, ?> spec, String path, SpecProblems problems) {
        String mode = problems.oneOf(spec, "mode", path, MODES, true);
        if (mode == null) {
            return;
        }
        Object raw = spec.get("value");
        String value = raw == null ? null : String.valueOf(raw);
        String field = path + ".value";
        switch (mode) {
            case "fixed" -> {
                Long count = SpecProblems.integer(value);
                if (count == null || count < 1) {
                    problems.error(field, "mode fixed needs value, a whole number of pods >= 1 (got "
                            + (value == null ? "nothing" : "'" + value + "'") + ")");
                }
            }
            case "fixed-percent", "random-max-percent" -> {
                // Chaos Mesh parses it with strconv.Atoi: a whole percentage in (0, 100].
                Long percent = SpecProblems.integer(value);
                if (percent == null || percent <= 0 || percent > 100) {
                    problems.error(field, "mode " + mode + " needs value, a whole percentage above 0 and at most 100 (got "
                            + (value == null ? "nothing" : "'" + value + "'") + ")");
                }
            }
            default -> {
                // one and all: Chaos Mesh ignores value (PodSelector.Validate checks it for the other modes only)
            }
        }
    }

    static void checkSelector(Object raw, String path, SpecProblems problems) {
        if (raw == null) {
            problems.error(path, "is required: name the pods with namespaces and labelSelectors (an empty selector "
                    + "would hit every pod)");
            return;
        }
        if (!(raw instanceof Map<?, ?> selector)) {
            problems.error(path, "must be a map (namespaces, labelSelectors, ...), not " + SpecProblems.describe(raw));
            return;
        }
        for (Object key : selector.keySet()) {
            if (!SELECTOR_KEYS.contains(String.valueOf(key))) {
                problems.error(path + "." + key, "unknown selector key" + DidYouMean.hint(
                        String.valueOf(key), SELECTOR_KEYS) + "; allowed: " + String.join(", ", SELECTOR_KEYS));
            }
        }
        boolean criteria = CRITERIA.stream().map(selector::get)
                .anyMatch(v -> v instanceof Map<?, ?> m && !m.isEmpty() || v instanceof List<?> l && !l.isEmpty());
        if (!criteria) {
            problems.error(path, "an empty selector would hit every pod; give namespaces, labelSelectors, "
                    + "expressionSelectors, annotationSelectors, fieldSelectors or pods");
        }
        List<?> namespaces = problems.list(selector, "namespaces", path);
        if (namespaces != null) {
            for (int i = 0; i < namespaces.size(); i++) {
                KubernetesNames.checkNamespace(namespaces.get(i), path + ".namespaces[" + i + "]", problems);
            }
        }
        for (String key : List.of("labelSelectors", "annotationSelectors", "fieldSelectors", "nodeSelectors")) {
            Map<?, ?> map = problems.map(selector, key, path);
            if (map != null && !map.values().stream().allMatch(v -> v instanceof String)) {
                problems.error(path + "." + key, "must map names to text values, e.g. {app: provider-primary}; "
                        + "quote numbers and booleans");
            }
        }
        checkExpressions(problems.list(selector, "expressionSelectors", path), path + ".expressionSelectors", problems);
        List<?> phases = problems.list(selector, "podPhaseSelectors", path);
        if (phases != null) {
            for (int i = 0; i < phases.size(); i++) {
                if (!POD_PHASES.contains(String.valueOf(phases.get(i)))) {
                    problems.error(path + ".podPhaseSelectors[" + i + "]", "unknown pod phase '" + phases.get(i)
                            + "'; allowed: " + String.join(", ", POD_PHASES));
                }
            }
        }
        Map<?, ?> pods = problems.map(selector, "pods", path);
        if (pods != null) {
            for (Map.Entry<?, ?> entry : pods.entrySet()) {
                String podsPath = path + ".pods." + entry.getKey();
                KubernetesNames.checkNamespace(entry.getKey(), podsPath, problems);
                if (!(entry.getValue() instanceof List<?> names) || names.isEmpty()) {
                    problems.error(podsPath, "must be a non-empty list of pod names in that namespace");
                }
            }
        }
    }

    /** A LabelSelectorRequirement: key, an operator, values for In and NotIn only; {@code {}} is refused. */
    private static void checkExpressions(List<?> expressions, String path, SpecProblems problems) {
        if (expressions == null) {
            return;
        }
        for (int i = 0; i < expressions.size(); i++) {
            String at = path + "[" + i + "]";
            if (!(expressions.get(i) instanceof Map<?, ?> expression) || expression.isEmpty()) {
                problems.error(at, "an empty expression selects nothing it names; give key, operator (In, NotIn, "
                        + "Exists, DoesNotExist) and values");
                continue;
            }
            problems.requiredText(expression, "key", at, "the label the expression tests");
            String operator = problems.oneOf(expression, "operator", at, OPERATORS, true);
            List<?> values = problems.list(expression, "values", at);
            boolean hasValues = values != null && !values.isEmpty();
            if (("In".equals(operator) || "NotIn".equals(operator)) && !hasValues) {
                problems.error(at + ".values", "operator " + operator + " needs a non-empty list of values");
            } else if (("Exists".equals(operator) || "DoesNotExist".equals(operator)) && hasValues) {
                problems.error(at + ".values", "operator " + operator + " takes no values");
            }
        }
    }
}
