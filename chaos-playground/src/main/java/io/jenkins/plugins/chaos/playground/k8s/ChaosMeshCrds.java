package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The Chaos Mesh CustomResourceDefinitions the playground's API server serves: either minimal ones (scope, names and
 * the status subresource, any spec accepted: validating specs is the engine's job), or the real ones from a
 * directory such as Chaos Mesh's {@code config/crd/bases}, with minimal ones for the kinds that directory lacks.
 * WorkflowNode is always served: the simulated Workflow controller records its nodes in it, as the real one does.
 */
final class ChaosMeshCrds {

    static final ChaosKind WORKFLOW_NODE = new ChaosKind("WorkflowNode", "workflownodes", List.of(), Set.of(), false);

    private ChaosMeshCrds() {
    }

    static void register(KubernetesClient client, Path crdDir, ApiDiscovery discovery) {
        Set<String> registered = new HashSet<>();
        if (crdDir != null) {
            for (CustomResourceDefinition crd : read(crdDir)) {
                if (ChaosKind.GROUP.equals(crd.getSpec().getGroup())) {
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                    discovery.registered(crd);
                    registered.add(crd.getSpec().getNames().getPlural());
                }
            }
        }
        Stream.concat(ChaosKinds.all().stream(), Stream.of(WORKFLOW_NODE))
                .filter(kind -> !registered.contains(kind.plural()))
                .forEach(kind -> {
                    CustomResourceDefinition crd = of(kind);
                    client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
                    discovery.registered(crd);
                });
    }

    private static List<CustomResourceDefinition> read(Path crdDir) {
        try (Stream<Path> files = Files.list(crdDir)) {
            return files.filter(f -> f.getFileName().toString().matches(".*\\.ya?ml")).sorted().map(f -> {
                try (InputStream in = Files.newInputStream(f)) {
                    return Serialization.unmarshal(in, CustomResourceDefinition.class);
                } catch (IOException e) {
                    throw new UncheckedIOException("could not read the CRD " + f.getFileName(), e);
                }
            }).filter(crd -> crd != null && crd.getSpec() != null).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the CRD directory " + crdDir, e);
        }
    }

    static CustomResourceDefinition of(ChaosKind kind) {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(kind.plural() + "." + ChaosKind.GROUP).endMetadata()
                .withNewSpec()
                .withGroup(ChaosKind.GROUP)
                .withScope("Namespaced")
                .withNewNames()
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withSingular(kind.kind().toLowerCase(Locale.ROOT))
                .withListKind(kind.kind() + "List")
                .endNames()
                .addNewVersion()
                .withName(ChaosKind.VERSION)
                .withServed(true)
                .withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withOpenAPIV3Schema(new JSONSchemaPropsBuilder()
                        .withType("object").withXKubernetesPreserveUnknownFields(true).build()).endSchema()
                .endVersion()
                .endSpec()
                .build();
    }
}
