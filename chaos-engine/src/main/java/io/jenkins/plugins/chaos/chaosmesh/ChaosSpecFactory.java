package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the exact Chaos Mesh resource for an inline fault. The spec keys are Chaos Mesh's own, so the result is what
 * an SRE would have written by hand; the only translation is HTTPChaos, whose "action" is not a Chaos Mesh field but
 * selects which of {@code abort}, {@code delay}, {@code replace}, {@code patch} the spec carries.
 */
public final class ChaosSpecFactory {

    private ChaosSpecFactory() {
    }

    public static GenericKubernetesResource build(FaultSpec fault, String resourceName, String namespace) {
        Map<String, Object> spec = new LinkedHashMap<>();
        boolean http = "HTTPChaos".equals(fault.getKind());
        boolean stress = "StressChaos".equals(fault.getKind());
        if (!http && !stress && fault.getAction() != null) {
            spec.put("action", fault.getAction());
        }
        if (fault.getMode() != null) {
            spec.put("mode", fault.getMode());
        }
        if (fault.getValue() != null) {
            spec.put("value", fault.getValue());
        }
        if (fault.getSelector() != null) {
            spec.put("selector", new LinkedHashMap<>(fault.getSelector()));
        }
        spec.putAll(fault.getParameters());
        if ("NetworkChaos".equals(fault.getKind())) {
            stringifyNumbers(spec);
        }
        if (http && "abort".equals(fault.getAction())) {
            spec.put("abort", Boolean.TRUE);
        }
        if (fault.getDuration() != null) {
            spec.put("duration", fault.getDuration());
        }

        GenericKubernetesResource resource = new GenericKubernetesResource();
        resource.setApiVersion(ChaosKind.API_VERSION);
        resource.setKind(fault.getKind());
        resource.setMetadata(new ObjectMetaBuilder().withName(resourceName).withNamespace(namespace).build());
        resource.setAdditionalProperty("spec", spec);
        return resource;
    }

    /** The NetworkChaos CRD types these blocks' values as strings ("25", "10ms"); YAML reads 25 as a number. */
    private static final List<String> STRING_TYPED_BLOCKS = List.of("delay", "loss", "duplicate", "corrupt");

    private static void stringifyNumbers(Map<String, Object> spec) {
        for (String block : STRING_TYPED_BLOCKS) {
            if (spec.get(block) instanceof Map<?, ?> values) {
                Map<String, Object> copy = new LinkedHashMap<>();
                values.forEach((k, v) -> copy.put(String.valueOf(k), v instanceof Number ? String.valueOf(v) : v));
                spec.put(block, copy);
            }
        }
    }

    /** A DNS-1123 name from free text, as Kubernetes requires for metadata.name. */
    public static String slug(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-");
        lower = lower.replaceAll("^-+", "").replaceAll("-+$", "");
        if (lower.isEmpty()) {
            lower = "fault";
        }
        return lower.length() > 40 ? lower.substring(0, 40).replaceAll("-+$", "") : lower;
    }
}
