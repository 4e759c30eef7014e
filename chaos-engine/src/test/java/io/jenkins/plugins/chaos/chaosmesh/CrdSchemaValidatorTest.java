package io.jenkins.plugins.chaos.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The validator against the real Chaos Mesh CRDs: the project's own examples pass untouched, and each kind of mistake
 * an SRE makes in a manifest is reported at the exact field, all of them at once.
 */
public class CrdSchemaValidatorTest {

    public static final Optional<Path> CORPUS = ChaosTestSupport.corpusDir();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String ORIGIN = "faults[1].manifest(broken.yaml#1)";

    private static CrdDirectory crds;

    @BeforeAll
    static void loadCrds() {
        if (CORPUS.isEmpty()) {
            return;
        }
        List<ValidationError> problems = new ArrayList<>();
        crds = CrdDirectory.load(CORPUS.get().resolve("crd"), "--crd-dir", problems);
        assertEquals(List.of(), problems);
    }

    @TestFactory
    Stream<DynamicTest> everyCorpusExampleWithACorpusCrdIsValid() throws Exception {
        ChaosTestSupport.requireCorpus();
        List<Path> files;
        try (Stream<Path> listing = Files.list(CORPUS.get().resolve("examples"))) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            int document = 0;
            try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
                while (docs.hasNextValue()) {
                    JsonNode doc = docs.nextValue();
                    document++;
                    if (doc == null || !doc.isObject() || doc.isEmpty()) {
                        continue;
                    }
                    String group = doc.path("apiVersion").asText().replaceAll("/.*", "");
                    Optional<CustomResourceDefinition> crd = crds.find(group, doc.path("kind").asText());
                    if (crd.isEmpty()) {
                        continue;
                    }
                    String origin = file.getFileName() + "#" + document;
                    GenericKubernetesResource resource = Serialization.jsonMapper().convertValue(doc, GenericKubernetesResource.class);
                    tests.add(DynamicTest.dynamicTest(origin, () ->
                            assertEquals(List.of(), CrdSchemaValidator.validate(crd.get(), resource, origin))));
                }
            }
        }
        // The table must cover the corpus, or a broken reader would pass by checking nothing.
        assertTrue(tests.size() >= 25, "examples with a corpus CRD: " + tests.size());
        return tests.stream();
    }

    private static final String POD_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: kill-web, namespace: tenant-a}
            spec:
              action: pod-kill
              mode: one
              gracePeriod: 5
              containerNames: [web]
              selector:
                namespaces: [tenant-a]
                labelSelectors: {app: web}
                expressionSelectors: [{key: tier, operator: In, values: [front]}]
              duration: 30s
            """;

    private static final String NETWORK_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: NetworkChaos
            metadata: {name: slow, namespace: tenant-a}
            spec:
              action: delay
              mode: all
              selector: {namespaces: [tenant-a]}
              delay: {latency: 100ms, jitter: 10ms, correlation: "25"}
              direction: to
              target:
                mode: all
                selector: {namespaces: [tenant-b]}
              duration: 1m
            """;

    private static final String STRESS_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: StressChaos
            metadata: {name: burn, namespace: tenant-a}
            spec:
              mode: one
              selector: {namespaces: [tenant-a]}
              stressors:
                cpu: {workers: 1, load: 50}
                memory: {workers: 1, size: 256MB}
              duration: 1m
            """;

    private static final String HTTP_CHAOS = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: HTTPChaos
            metadata: {name: abort, namespace: tenant-a}
            spec:
              mode: all
              selector: {namespaces: [tenant-a]}
              target: Request
              port: 8080
              path: /v1/*
              abort: true
              request_headers: {x-tenant: alice}
              duration: 1m
            """;

    private static final String SCHEDULE = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: Schedule
            metadata: {name: nightly, namespace: tenant-a}
            spec:
              schedule: "@every 4h"
              type: PodChaos
              historyLimit: 2
              concurrencyPolicy: Forbid
              podChaos:
                action: pod-kill
                mode: one
                selector: {namespaces: [tenant-a]}
            """;

    /** A broken manifest: the base with one change, and where and how the validator must say so. */
    private record Broken(String name, String base, String path, String yamlValue, String expectedPath,
                          String expectedMessage) {
    }

    private static final String REMOVE = null;

    private static List<Broken> brokenSpecs() {
        return List.of(
                new Broken("mode outside its enum", POD_CHAOS, "spec.mode", "everyone", ".spec.mode",
                        "'everyone' is not allowed; allowed: one, all, fixed, fixed-percent, random-max-percent"),
                new Broken("action outside its enum", POD_CHAOS, "spec.action", "pod-explode", ".spec.action",
                        "allowed: pod-kill, pod-failure, container-kill"),
                new Broken("string where an integer belongs", POD_CHAOS, "spec.gracePeriod", "'5'", ".spec.gracePeriod",
                        "must be an integer, not a string"),
                new Broken("fraction where an integer belongs", POD_CHAOS, "spec.gracePeriod", "2.5", ".spec.gracePeriod",
                        "must be an integer, not a number (2.5)"),
                new Broken("below the minimum", POD_CHAOS, "spec.gracePeriod", "-1", ".spec.gracePeriod",
                        "must be >= 0, is -1"),
                new Broken("unknown field, a typo of namespaces", POD_CHAOS, "spec.selector.namespace", "[tenant-a]",
                        ".spec.selector.namespace", "unknown field 'namespace' (the API server would silently drop it); "
                        + "allowed: annotationSelectors, expressionSelectors, fieldSelectors, labelSelectors, namespaces"),
                new Broken("unknown field in the spec", POD_CHAOS, "spec.durations", "30s", ".spec.durations",
                        "unknown field 'durations'"),
                new Broken("missing required mode", POD_CHAOS, "spec.mode", REMOVE, ".spec.mode", "is required"),
                new Broken("selector namespaces as a string", POD_CHAOS, "spec.selector.namespaces", "tenant-a",
                        ".spec.selector.namespaces", "must be a list (array), not a string"),
                new Broken("selector as a list", POD_CHAOS, "spec.selector", "[tenant-a]", ".spec.selector",
                        "must be a map (object), not a list"),
                new Broken("wrong type in a list", POD_CHAOS, "spec.containerNames", "[web, 5]", ".spec.containerNames[1]",
                        "must be a string, not an integer (5)"),
                new Broken("label value not a string", POD_CHAOS, "spec.selector.labelSelectors",
                        "{app.kubernetes.io/name: true}", ".spec.selector.labelSelectors[\"app.kubernetes.io/name\"]",
                        "must be a string, not a boolean (true)"),
                new Broken("expression selector without operator", POD_CHAOS, "spec.selector.expressionSelectors",
                        "[{key: tier, values: [front]}]", ".spec.selector.expressionSelectors[0].operator", "is required"),
                new Broken("latency as a number", NETWORK_CHAOS, "spec.delay.latency", "10", ".spec.delay.latency",
                        "must be a string, not an integer (10)"),
                new Broken("direction outside its enum", NETWORK_CHAOS, "spec.direction", "sideways", ".spec.direction",
                        "allowed: to, from, both"),
                new Broken("target without selector", NETWORK_CHAOS, "spec.target.selector", REMOVE,
                        ".spec.target.selector", "is required"),
                new Broken("unknown field deep in the target", NETWORK_CHAOS, "spec.target.selector.labels",
                        "{app: web}", ".spec.target.selector.labels", "unknown field 'labels'"),
                new Broken("cpu load above the maximum", STRESS_CHAOS, "spec.stressors.cpu.load", "150",
                        ".spec.stressors.cpu.load", "must be <= 100, is 150"),
                new Broken("memory stressor without workers", STRESS_CHAOS, "spec.stressors.memory.workers", REMOVE,
                        ".spec.stressors.memory.workers", "is required"),
                new Broken("port beyond int32", HTTP_CHAOS, "spec.port", "99999999999", ".spec.port",
                        "99999999999 does not fit in int32"),
                new Broken("abort as a string", HTTP_CHAOS, "spec.abort", "'yes'", ".spec.abort",
                        "must be a boolean (true or false), not a string"),
                new Broken("header value not a string", HTTP_CHAOS, "spec.request_headers", "{x-retry: 3}",
                        ".spec.request_headers.x-retry", "must be a string, not an integer (3)"),
                new Broken("target outside its enum", HTTP_CHAOS, "spec.target", "Both", ".spec.target",
                        "allowed: Request, Response"),
                new Broken("scheduled fault with a wrong mode", SCHEDULE, "spec.podChaos.mode", "each",
                        ".spec.podChaos.mode", "'each' is not allowed"),
                new Broken("schedule without its type", SCHEDULE, "spec.type", REMOVE, ".spec.type", "is required"));
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenSpecIsReportedAtItsField() {
        ChaosTestSupport.requireCorpus();
        List<Broken> table = brokenSpecs();
        assertTrue(table.size() >= 12);
        return table.stream().map(broken -> DynamicTest.dynamicTest(broken.name(), () -> {
            ObjectNode doc = (ObjectNode) YAML.readTree(broken.base());
            assertEquals(List.of(), validate(doc), "the base manifest is valid");
            set(doc, broken.path(), broken.yamlValue());
            List<ValidationError> errors = validate(doc);
            assertEquals(1, errors.size(), errors::toString);
            assertEquals(ORIGIN + broken.expectedPath(), errors.get(0).field());
            assertTrue(errors.get(0).message().contains(broken.expectedMessage()), errors.get(0)::toString);
        }));
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        ChaosTestSupport.requireCorpus();
        ObjectNode doc = (ObjectNode) YAML.readTree(POD_CHAOS);
        set(doc, "spec.mode", "everyone");
        set(doc, "spec.gracePeriod", "'5'");
        set(doc, "spec.selector.namespace", "[tenant-a]");
        set(doc, "spec.action", REMOVE);
        List<String> fields = validate(doc).stream().map(ValidationError::field).sorted().toList();
        assertEquals(List.of(ORIGIN + ".spec.action", ORIGIN + ".spec.gracePeriod", ORIGIN + ".spec.mode",
                ORIGIN + ".spec.selector.namespace"), fields);
    }

    @Test
    void aVersionTheCrdDoesNotServeIsNamed() throws Exception {
        ChaosTestSupport.requireCorpus();
        ObjectNode doc = (ObjectNode) YAML.readTree(POD_CHAOS);
        doc.put("apiVersion", "chaos-mesh.org/v2");
        List<ValidationError> errors = validate(doc);
        assertEquals(1, errors.size(), errors::toString);
        assertEquals(ORIGIN + ".apiVersion", errors.get(0).field());
        assertTrue(errors.get(0).message().contains("allowed: chaos-mesh.org/v1alpha1"), errors.get(0)::toString);
    }

    @Test
    void freeTextIsNeverEchoed() throws Exception {
        // A header value may be a bearer token: a type error names the field and the type, never the value.
        ChaosTestSupport.requireCorpus();
        ObjectNode doc = (ObjectNode) YAML.readTree(HTTP_CHAOS);
        set(doc, "spec.request_headers", "{Authorization: [Bearer sk-live-0123456789]}");
        set(doc, "spec.path", "[sk-live-0123456789]");
        List<ValidationError> errors = validate(doc);
        assertEquals(2, errors.size(), errors::toString);
        assertFalse(errors.toString().contains("sk-live"), errors::toString);
    }

    private static List<ValidationError> validate(ObjectNode doc) {
        GenericKubernetesResource resource = Serialization.jsonMapper().convertValue(doc, GenericKubernetesResource.class);
        String group = resource.getApiVersion().replaceAll("/.*", "");
        CustomResourceDefinition crd = crds.find(group, resource.getKind()).orElseThrow();
        return CrdSchemaValidator.validate(crd, resource, ORIGIN);
    }

    /** Sets (or with a null value removes) the field at a dotted path; the value is YAML. */
    public static void set(ObjectNode doc, String dottedPath, String yamlValue) throws Exception {
        String[] keys = dottedPath.split("\\.");
        ObjectNode parent = doc;
        for (int i = 0; i < keys.length - 1; i++) {
            parent = (ObjectNode) parent.get(keys[i]);
        }
        String last = keys[keys.length - 1];
        if (yamlValue == null) {
            assertTrue(parent.has(last), "the base has " + dottedPath);
            parent.remove(last);
        } else {
            parent.set(last, YAML.readTree("v: " + yamlValue).get("v"));
        }
    }

    public static ArrayNode list(String yaml) throws Exception {
        return (ArrayNode) YAML.readTree(yaml);
    }
}
