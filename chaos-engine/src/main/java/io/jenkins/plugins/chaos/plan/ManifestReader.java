package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosRules;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Chaos Mesh manifests (multi-document YAML) so that they are applied unchanged, and refuses, with the reason,
 * documents that are not Chaos Mesh resources, whose kind the guardrails cannot check, or that Chaos Mesh itself would
 * refuse.
 */
public final class ManifestReader {

    private static final ObjectMapper PLAIN = new ObjectMapper();

    private ManifestReader() {
    }

    /** Resources of one file; problems go to {@code errors} under {@code origin} (e.g. {@code faults[2].manifest}). */
    public static List<GenericKubernetesResource> read(Path file, String origin, List<ValidationError> errors) {
        String text;
        try {
            text = YamlInput.read(file, "manifest file");
        } catch (YamlInput.Refused e) {
            errors.add(new ValidationError(origin, e.getMessage()));
            return new ArrayList<>();
        }
        return parse(text, file.getFileName().toString(), origin, errors);
    }

    public static List<GenericKubernetesResource> parse(String text, String fileName, String origin,
                                                         List<ValidationError> errors) {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        List<JsonNode> documents;
        try {
            documents = YamlInput.documents(text, fileName);
        } catch (YamlInput.Refused e) {
            errors.add(new ValidationError(origin, e.getMessage()));
            return resources;
        }
        int document = 0;
        for (JsonNode doc : documents) {
            document++;
            if (doc == null || doc.isNull() || doc.isMissingNode() || (doc.isObject() && doc.isEmpty())) {
                continue;
            }
            String where = origin + "(" + fileName + "#" + document + ")";
            GenericKubernetesResource resource = toResource(doc, where, errors);
            if (resource != null) {
                resources.add(resource);
            }
        }
        if (resources.isEmpty() && errors.stream().noneMatch(e -> e.field().startsWith(origin))) {
            errors.add(new ValidationError(origin, fileName + " holds no Chaos Mesh resource"));
        }
        return resources;
    }

    /** Chaos Mesh's own checks ({@link ChaosRules}): a document that fails them is never applied. */
    private static GenericKubernetesResource toResource(JsonNode doc, String where, List<ValidationError> errors) {
        if (!doc.isObject()) {
            errors.add(new ValidationError(where, "a manifest document must be a Kubernetes resource (a map), not a "
                    + (doc.isArray() ? "list" : "value")));
            return null;
        }
        int before = errors.size();
        ChaosRules.checkResource(PLAIN.convertValue(doc, Map.class), where, errors);
        if (errors.size() > before) {
            return null;
        }
        return ChaosResources.SERIALIZATION.convertValue(doc, GenericKubernetesResource.class);
    }
}
