package io.jenkins.plugins.chaos.fault;

import static io.jenkins.plugins.chaos.chaosmesh.CrdSchemaValidatorTest.CORPUS;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.await;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.names;
import static io.jenkins.plugins.chaos.support.ChaosTestSupport.requireCorpus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.InvalidExperimentException;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.plan.PlanLimits;
import io.jenkins.plugins.chaos.plan.PlannedFault;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The injector reads the CRDs installed in the cluster and refuses, before anything is applied, a fault whose CRD
 * rejects it; where the CRD carries no real schema (the playground's own) or cannot be read, it defers to the API
 * server.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CrdSchemaInjectionTest {

    private static final String NAMESPACE = "tenant-a";

    /**
     * Slips that pass Chaos Mesh's webhook rules (checked offline, before this) and only the schema catches:
     * "containerName" for "containerNames", which the API server would drop, and a number where the CRD types text.
     */
    private static final String BROKEN_MANIFEST = """
            apiVersion: chaos-mesh.org/v1alpha1
            kind: PodChaos
            metadata: {name: kill-web, namespace: tenant-a}
            spec:
              action: pod-kill
              mode: one
              value: 1
              selector:
                namespaces: [tenant-a]
              containerName: [web]
              duration: 30s
            """;

    private static final String BROKEN_EXPERIMENT = """
            name: kill web pods
            faults:
              - kind: PodChaos
                action: pod-kill
                duration: 30s
                mode: one
                selector: {namespaces: [tenant-a]}
                containerNames: web
              - manifest: broken.yaml
            """;

    private static PlaygroundCluster cluster;
    private final RecordingListener listener = new RecordingListener();

    @TempDir
    Path dir;

    /**
     * One cluster for the class (started empty, seed=false), with the playground's schema-less CRDs of these kinds
     * replaced by the real ones from the corpus.
     */
    @BeforeAll
    static void start() throws Exception {
        if (CORPUS.isEmpty()) {
            return;
        }
        cluster = PlaygroundCluster.start(List.of(), ChaosEffects.none(), Duration.ZERO, false);
        for (String plural : List.of("podchaos", "networkchaos", "httpchaos", "stresschaos")) {
            registerCorpusCrd(cluster.client(), plural);
        }
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), BROKEN_MANIFEST);
    }

    private ExperimentPlan experiment(String yaml) {
        LoadResult loaded = ExperimentLoader.fromYaml(yaml, "test.yaml", dir.toString(),
                new PlanLimits(null, List.of(NAMESPACE)));
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.plan();
    }

    private FaultInjector injector(KubernetesClient client) {
        return new FaultInjector(client, listener, RunOptions.defaults().withPollInterval(Duration.ofMillis(20)));
    }

    private static void registerCorpusCrd(KubernetesClient client, String plural) throws Exception {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        CustomResourceDefinition crd = Serialization.unmarshal(Files.readString(
                CORPUS.orElseThrow().resolve("crd").resolve("chaos-mesh.org_" + plural + ".yaml")), CustomResourceDefinition.class);
        deleteCrd(client, crd.getMetadata().getName());
        crds.resource(crd).create();
    }

    private static void deleteCrd(KubernetesClient client, String name) throws Exception {
        var crds = client.apiextensions().v1().customResourceDefinitions();
        crds.withName(name).delete();
        assertTrue(await(() -> crds.withName(name).get() == null, Duration.ofSeconds(5)));
    }

    @Test
    void aResourceTheInstalledCrdRejectsIsRefusedAndNothingIsCreated() throws Exception {
        requireCorpus();
        InvalidExperimentException refused = assertThrows(InvalidExperimentException.class,
                () -> injector(cluster.client()).inject(experiment(BROKEN_EXPERIMENT)));
        List<String> fields = refused.errors().stream().map(ValidationError::field).toList();
        // The inline fault is named by the key the user wrote, the manifest by its own path.
        assertEquals(Set.of("faults[0].containerNames", "faults[1].manifest(broken.yaml#1).spec.value",
                "faults[1].manifest(broken.yaml#1).spec.containerName"), Set.copyOf(fields), refused::getMessage);
        assertEquals(3, fields.size(), refused::getMessage);
        assertTrue(refused.getMessage().contains("unknown field 'containerName'"), refused::getMessage);
        assertEquals(0, allChaosResources(cluster.client()).size(), () -> names(allChaosResources(cluster.client())));
        assertFalse(listener.text().contains("Injecting"), listener::text);
    }

    @Test
    void theEnginesOwnInlineFaultsPassTheRealCrds() throws Exception {
        requireCorpus();
        List<PlannedFault> planned = injector(cluster.client()).check(experiment("""
                name: every inline kind
                faults:
                  - {kind: PodChaos, action: pod-kill, duration: 30s, mode: one, gracePeriod: 5,
                     selector: {namespaces: [tenant-a], labelSelectors: {app: web}}}
                  - {kind: PodChaos, action: container-kill, duration: 30s, mode: fixed-percent, value: "50",
                     containerNames: [web], selector: {namespaces: [tenant-a]}}
                  - {kind: NetworkChaos, action: partition, duration: 30s, mode: all, direction: both,
                     selector: {namespaces: [tenant-a]}, target: {mode: all, selector: {namespaces: [tenant-a]}}}
                  - {kind: NetworkChaos, action: delay, duration: 30s, mode: all, selector: {namespaces: [tenant-a]},
                     delay: {latency: 100ms, jitter: 10ms, correlation: 25}}
                  - {kind: NetworkChaos, action: loss, duration: 30s, mode: all, selector: {namespaces: [tenant-a]},
                     loss: {loss: 30}}
                  - {kind: HTTPChaos, action: abort, duration: 30s, mode: all, target: Request, port: 9000,
                     path: /v1/*, method: POST, selector: {namespaces: [tenant-a]}}
                  - {kind: HTTPChaos, action: delay, duration: 30s, mode: all, target: Response, port: 9000,
                     delay: 10s, selector: {namespaces: [tenant-a]}}
                  - {kind: StressChaos, duration: 30s, mode: one, selector: {namespaces: [tenant-a]},
                     stressors: {cpu: {workers: 1, load: 50}, memory: {workers: 1, size: 256MB}}}
                """).forRun("r1"));
        assertEquals(8, planned.size());
    }

    @Test
    void thePlaygroundsSchemaLessCrdsStillAcceptEverything() {
        // The playground's own CRDs preserve unknown fields: what they accepted before this check, they still accept.
        try (PlaygroundCluster plain = PlaygroundCluster.start(List.of(), ChaosEffects.none(), Duration.ZERO, false)) {
            List<PlannedFault> planned = injector(plain.client()).check(experiment(BROKEN_EXPERIMENT).forRun("r1"));
            assertEquals(2, planned.size());
            assertEquals(List.of("web"), SpecMaps.spec(planned.get(1).resource()).get("containerName"));
        }
        assertFalse(listener.text().contains("WARNING"), listener::text);
    }

    @Test
    void crdsAreReadOncePerInjectorAndAMissingOneIsSkippedQuietly() throws Exception {
        requireCorpus();
        KubernetesClient client = cluster.client();
        FaultInjector injector = injector(client);
        ExperimentPlan broken = experiment(BROKEN_EXPERIMENT);
        assertThrows(InvalidExperimentException.class, () -> injector.check(broken.forRun("r1")));
        deleteCrd(client, "podchaos.chaos-mesh.org");
        try {
            // The same injector keeps the CRD it read: one read per run, however many faults and plans.
            assertThrows(InvalidExperimentException.class, () -> injector.check(broken.forRun("r2")));
            // A new one finds no CRD (404) and leaves the check to the API server, without a warning.
            assertEquals(2, injector(client).check(broken.forRun("r3")).size());
            assertFalse(listener.text().contains("WARNING"), listener::text);
        } finally {
            registerCorpusCrd(client, "podchaos");
        }
    }
}
