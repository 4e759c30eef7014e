package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.Map;

/** Renders a chaos resource's action and targets for a console line an on-call engineer can read. */
public final class SelectorDescriber {

    private SelectorDescriber() {
    }

    public static String describe(GenericKubernetesResource resource) {
        Map<String, Object> spec = SpecMaps.spec(resource);
        StringBuilder out = new StringBuilder();
        Object action = spec.get("action");
        if (action != null) {
            out.append(" action=").append(action);
        }
        Object selector = spec.get("selector");
        if (selector instanceof Map<?, ?> map) {
            out.append(" on ").append(selectorText(map, resource.getMetadata().getNamespace()));
        }
        Object mode = spec.get("mode");
        if (mode != null) {
            out.append(" mode=").append(mode);
            if (spec.get("value") != null) {
                out.append(":").append(spec.get("value"));
            }
        }
        Object target = spec.get("target");
        if (target instanceof Map<?, ?> targetMap && targetMap.get("selector") instanceof Map<?, ?> targetSelector) {
            out.append(" direction=").append(spec.getOrDefault("direction", "to"))
                    .append(" target ").append(selectorText(targetSelector, resource.getMetadata().getNamespace()));
        }
        return out.toString();
    }

    static String selectorText(Map<?, ?> selector, String defaultNamespace) {
        Object namespaces = selector.get("namespaces");
        Object labels = selector.get("labelSelectors");
        String ns = namespaces == null ? "[" + defaultNamespace + "]" : String.valueOf(namespaces);
        return "namespaces=" + ns + (labels == null ? "" : " labels=" + labels);
    }
}
