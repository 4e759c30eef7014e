package io.jenkins.plugins.chaos.chaosmesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CustomResourceDefinitions read from the YAML or JSON files of one directory (multi-document files allowed), for
 * validating offline what a cluster would accept. Documents of other kinds are ignored, so a whole Helm-rendered
 * install manifest can be pointed at.
 */
public final class CrdDirectory implements CrdSource {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String CRD_API_VERSION = "apiextensions.k8s.io/v1";

    private final Map<String, CustomResourceDefinition> byGroupAndKind;

    private CrdDirectory(Map<String, CustomResourceDefinition> byGroupAndKind) {
        this.byGroupAndKind = byGroupAndKind;
    }

    /**
     * @param field  the name under which problems are reported ({@code --crd-dir})
     * @param errors receives unreadable files, broken YAML, and a directory holding no CRD at all
     */
    public static CrdDirectory load(Path dir, String field, List<ValidationError> errors) {
        Map<String, CustomResourceDefinition> found = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            errors.add(new ValidationError(field, dir + " is not a directory"));
            return new CrdDirectory(found);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(CrdDirectory::isManifestFile).sorted().toList();
        } catch (IOException e) {
            errors.add(new ValidationError(field, "cannot list " + dir + ": " + e.getClass().getSimpleName()));
            return new CrdDirectory(found);
        }
        for (Path file : files) {
            read(file, field, errors).forEach(crd -> found.put(key(crd.getSpec().getGroup(),
                    crd.getSpec().getNames().getKind()), crd));
        }
        if (found.isEmpty() && errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new ValidationError(field, dir + " holds no CustomResourceDefinition (" + CRD_API_VERSION
                    + ") in its .yaml, .yml or .json files"));
        }
        return new CrdDirectory(found);
    }

    private static boolean isManifestFile(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"));
    }

    private static List<CustomResourceDefinition> read(Path file, String field, List<ValidationError> errors) {
        List<CustomResourceDefinition> crds = new ArrayList<>();
        int document = 0;
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                document++;
                if (doc == null || !doc.isObject() || !"CustomResourceDefinition".equals(doc.path("kind").asText())
                        || !CRD_API_VERSION.equals(doc.path("apiVersion").asText())) {
                    continue;
                }
                CustomResourceDefinition crd = ChaosResources.SERIALIZATION.convertValue(doc, CustomResourceDefinition.class);
                if (crd.getSpec() == null || crd.getSpec().getNames() == null || crd.getSpec().getNames().getKind() == null
                        || crd.getSpec().getGroup() == null) {
                    errors.add(new ValidationError(field, file.getFileName() + "#" + document
                            + ": a CustomResourceDefinition without spec.group or spec.names.kind"));
                    continue;
                }
                crds.add(crd);
            }
        } catch (IOException | RuntimeException e) {
            errors.add(new ValidationError(field, "cannot read " + file.getFileName() + " (document " + Math.max(document, 1)
                    + "): " + Messages.firstLine(e.getMessage())));
        }
        return crds;
    }


    private static String key(String group, String kind) {
        return group + "/" + kind;
    }

    @Override
    public Optional<CustomResourceDefinition> find(String group, String kind) {
        return Optional.ofNullable(byGroupAndKind.get(key(group, kind)));
    }

    /** The kinds defined, as group/kind, for messages. */
    public List<String> kinds() {
        return List.copyOf(byGroupAndKind.keySet());
    }
}
