package io.jenkins.plugins.chaos.fault;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static io.jenkins.plugins.chaos.support.CliSupport.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentFiles;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.support.CliSupport.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The manifests users copy from {@code examples/chaos-mesh/}: each validates, and applied to the playground (whose
 * tenant and inference namespaces and pods they target) creates exactly its resources, unchanged, which the
 * simulated controller then injects; every one is removed again.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ChaosMeshExamplesTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    /** Tests run in chaos-engine/; the examples are in the project root. */
    private static final Path EXAMPLES = Path.of("..", "examples", "chaos-mesh");

    private PlaygroundCluster cluster;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofMillis(50), true);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static List<JsonNode> documents(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(Files.readString(file))) {
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    out.add(doc);
                }
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenant-isolation-chaos.yaml", "provider-outage-chaos.yaml", "continuous-chaos-schedule.yaml"})
    void validatesAndAppliesUnchanged(String name) throws Exception {
        Path file = EXAMPLES.resolve(name);
        assertTrue(Files.isRegularFile(file), () -> file.toAbsolutePath() + " is part of the repository");

        CliRun validate = cli("validate", file.toString());
        assertEquals(0, validate.exit(), validate::toString);

        List<JsonNode> docs = documents(file);
        assertEquals(name.startsWith("provider-outage") ? 2 : 1, docs.size(), "documents in " + name);
        LoadResult loaded = ExperimentFiles.load(file);
        assertTrue(loaded.ok(), loaded::describeErrors);
        FaultInjector injector = new FaultInjector(cluster.client(), listener,
                RunOptions.defaults().withPollInterval(Duration.ofMillis(50)));

        // No allow-list: the playground's tenant and inference namespaces consent with chaos-mesh.org/inject=enabled.
        InjectedFaults injected = injector.inject(loaded.plan());
        try {
            assertEquals(docs.size(), injected.resources().size(), listener::text);
            assertEquals(docs.size(), allChaosResources(cluster.client()).size(), () -> names(allChaosResources(cluster.client())));
            for (JsonNode doc : docs) {
                GenericKubernetesResource live = ChaosResources.of(cluster.client(), doc.path("apiVersion").asText(),
                        doc.path("kind").asText()).inNamespace(doc.path("metadata").path("namespace").asText())
                        .withName(doc.path("metadata").path("name").asText()).get();
                assertNotNull(live, () -> doc.path("kind").asText() + " " + doc.path("metadata").path("name").asText());
                @SuppressWarnings("unchecked")
                Map<String, Object> expected = YAML.convertValue(doc.path("spec"), LinkedHashMap.class);
                assertEquals(expected, live.getAdditionalProperties().get("spec"), "spec unchanged");
                if (ChaosKinds.known(live.getKind()).orElseThrow().observedByConditions()) {
                    // The selectors match playground pods: the simulated controller really injected them.
                    assertTrue(ChaosStatus.injected(live, false), ChaosStatus.summary(live));
                }
            }
        } finally {
            List<RecoveryOutcome> outcomes = injector.recover(injected.resources());
            assertTrue(outcomes.stream().allMatch(RecoveryOutcome::recovered), outcomes::toString);
        }
        assertEquals(0, allChaosResources(cluster.client()).size(), () -> names(allChaosResources(cluster.client())));
    }
}
