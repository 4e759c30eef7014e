package io.jenkins.plugins.chaos.plan;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Chaos Mesh manifests (multi-document YAML) so that they are applied unchanged, and refuses, with the reason,
 * documents that are not Chaos Mesh resources or whose kind the guardrails cannot check.
 */
public final class ManifestReader {

    private static final ObjectMapper YAML = new YAMLMapper();

    private ManifestReader() {
    }

    /** Resources of one file; problems go to {@code errors} under {@code origin} (e.g. {@code faults[2].manifest}). */
    public static List<GenericKubernetesResource> read(Path file, String origin, List<ValidationError> errors) {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            errors.add(new ValidationError(origin, "cannot read manifest file " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            return resources;
        }
        return parse(text, file.getFileName().toString(), origin, errors);
    }

    public static List<GenericKubernetesResource> parse(String text, String fileName, String origin,
                                                         List<ValidationError> errors) {
        List<GenericKubernetesResource> resources = new ArrayList<>();
        int document = 0;
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
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
        } catch (JsonProcessingException e) {
            errors.add(new ValidationError(origin, "YAML syntax error in " + fileName + at(e.getLocation()) + ": "
                    + e.getOriginalMessage()));
        } catch (IOException | RuntimeException e) {
            Throwable cause = e.getCause() instanceof JsonProcessingException ? e.getCause() : e;
            String detail = cause instanceof JsonProcessingException json
                    ? at(json.getLocation()) + ": " + json.getOriginalMessage() : ": " + cause.getMessage();
            errors.add(new ValidationError(origin, "YAML syntax error in " + fileName + detail));
        }
        if (resources.isEmpty() && errors.stream().noneMatch(e -> e.field().startsWith(origin))) {
            errors.add(new ValidationError(origin, fileName + " holds no Chaos Mesh resource"));
        }
        return resources;
    }

    private static GenericKubernetesResource toResource(JsonNode doc, String where, List<ValidationError> errors) {
        if (!doc.isObject()) {
            errors.add(new ValidationError(where, "a manifest document must be a Kubernetes resource (a map), not a "
                    + (doc.isArray() ? "list" : "value")));
            return null;
        }
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        int before = errors.size();
        if (!apiVersion.startsWith(ChaosKind.GROUP + "/")) {
            errors.add(new ValidationError(where + ".apiVersion", "'" + apiVersion + "' is not a Chaos Mesh resource; "
                    + "only " + ChaosKind.API_VERSION + " kinds are applied"));
        }
        if (kind.isEmpty()) {
            errors.add(new ValidationError(where + ".kind", "is missing"));
        } else {
            ChaosKinds.refusal(kind).ifPresent(reason -> errors.add(new ValidationError(where + ".kind",
                    "kind " + kind + " is not supported: " + reason)));
        }
        if (doc.path("metadata").path("name").asText("").isEmpty()) {
            errors.add(new ValidationError(where + ".metadata.name", "is missing"));
        }
        if (!doc.path("spec").isObject()) {
            errors.add(new ValidationError(where + ".spec", "is missing"));
        } else if (doc.path("spec").has("remoteCluster")) {
            errors.add(new ValidationError(where + ".spec.remoteCluster",
                    "faults in remote clusters are not supported: this run's guardrails only see its own cluster"));
        }
        if (errors.size() > before) {
            return null;
        }
        return ChaosResources.SERIALIZATION.convertValue(doc, GenericKubernetesResource.class);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
