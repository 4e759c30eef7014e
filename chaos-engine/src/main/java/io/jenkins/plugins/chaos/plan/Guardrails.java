package io.jenkins.plugins.chaos.plan;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The checks every resource passes before anything is applied, whether it was written inline or read from a
 * manifest: no fault in the cluster's own namespaces, no selector that selects everything, durations within the
 * cap. Selectors are found wherever they sit in the spec (NetworkChaos targets, Schedule and Workflow templates),
 * so that nesting a fault cannot smuggle it past the checks.
 */
public final class Guardrails {

    public static final Set<String> PROTECTED_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease");
    public static final String INJECT_ANNOTATION = "chaos-mesh.org/inject";

    private static final Set<String> SELECTOR_CRITERIA = Set.of("labelSelectors", "expressionSelectors",
            "annotationSelectors", "fieldSelectors", "podPhaseSelectors", "nodes", "nodeSelectors", "pods", "namespaces");

    private Guardrails() {
    }

    public static void check(GenericKubernetesResource resource, String origin, Duration cap, List<ValidationError> errors) {
        String namespace = resource.getMetadata().getNamespace();
        if (namespace != null && PROTECTED_NAMESPACES.contains(namespace)) {
            errors.add(new ValidationError(origin + ".namespace", "'" + namespace + "' is never a chaos target; "
                    + "kube-system, kube-public and kube-node-lease are protected"));
        }
        walk(SpecMaps.spec(resource), origin + ".spec", cap, errors);
    }

    /** Every namespace the resource's selectors can reach; a selector without namespaces reaches the resource's own. */
    public static Set<String> targetNamespaces(GenericKubernetesResource resource) {
        Set<String> out = new LinkedHashSet<>();
        out.add(resource.getMetadata().getNamespace());
        collectNamespaces(SpecMaps.spec(resource), resource.getMetadata().getNamespace(), out);
        return out;
    }

    private static void collectNamespaces(Object node, String defaultNamespace, Set<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if ("selector".equals(entry.getKey()) && entry.getValue() instanceof Map<?, ?> selector) {
                    out.addAll(namespacesOf(selector, defaultNamespace));
                }
                collectNamespaces(entry.getValue(), defaultNamespace, out);
            }
        } else if (node instanceof List<?> list) {
            list.forEach(item -> collectNamespaces(item, defaultNamespace, out));
        }
    }

    private static Set<String> namespacesOf(Map<?, ?> selector, String defaultNamespace) {
        Set<String> out = new LinkedHashSet<>();
        if (selector.get("namespaces") instanceof List<?> namespaces) {
            namespaces.forEach(ns -> out.add(String.valueOf(ns)));
        }
        if (selector.get("pods") instanceof Map<?, ?> pods) {
            pods.keySet().forEach(ns -> out.add(String.valueOf(ns)));
        }
        if (out.isEmpty()) {
            out.add(defaultNamespace);
        }
        return out;
    }

    private static void walk(Object node, String path, Duration cap, List<ValidationError> errors) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String key = String.valueOf(entry.getKey());
                String childPath = path + "." + key;
                if ("selector".equals(key) && entry.getValue() instanceof Map<?, ?> selector) {
                    checkSelector(selector, childPath, errors);
                }
                if (("duration".equals(key) || "deadline".equals(key)) && entry.getValue() instanceof String text) {
                    checkDuration(text, childPath, cap, errors);
                }
                walk(entry.getValue(), childPath, cap, errors);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", cap, errors);
            }
        }
    }

    private static void checkSelector(Map<?, ?> selector, String path, List<ValidationError> errors) {
        boolean hasCriteria = false;
        for (String criterion : SELECTOR_CRITERIA) {
            Object value = selector.get(criterion);
            if (value instanceof Map<?, ?> m && !m.isEmpty() || value instanceof List<?> l && !l.isEmpty()) {
                hasCriteria = true;
            }
        }
        if (!hasCriteria) {
            errors.add(new ValidationError(path, "an empty selector would hit every pod; give namespaces, "
                    + "labelSelectors, expressionSelectors, annotationSelectors, fieldSelectors or pods"));
        }
        for (String namespace : namespacesOf(selector, null)) {
            if (namespace != null && PROTECTED_NAMESPACES.contains(namespace)) {
                errors.add(new ValidationError(path + ".namespaces", "'" + namespace + "' is never a chaos target; "
                        + "kube-system, kube-public and kube-node-lease are protected"));
            }
        }
    }

    /** A Chaos Mesh duration: Go syntax and within the cap. */
    public static void checkDuration(String text, String path, Duration cap, List<ValidationError> errors) {
        Optional<Duration> duration = GoDuration.parse(text);
        if (duration.isEmpty()) {
            errors.add(new ValidationError(path, "\"" + text + "\" is not a duration; " + GoDuration.ALLOWED));
        } else if (duration.get().compareTo(cap) > 0) {
            errors.add(new ValidationError(path, text + " is longer than the maximum fault duration "
                    + GoDuration.format(cap) + " (maxDuration)"));
        }
    }
}
