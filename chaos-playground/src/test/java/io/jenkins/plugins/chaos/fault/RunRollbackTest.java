package io.jenkins.plugins.chaos.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rollback by run id reaches every kind the engine knows, and only this run's resources of ours. */
class RunRollbackTest {

    private PlaygroundCluster cluster;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ZERO, false);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void create(String kind, String name, String runId, boolean ours) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ChaosLabels.RUN_ID, runId);
        if (ours) {
            labels.put(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE);
        }
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder().withApiVersion(ChaosKind.API_VERSION)
                .withKind(kind).withNewMetadata().withName(name).withNamespace("tenant-alice").withLabels(labels)
                .endMetadata().build();
        resource.setAdditionalProperty("spec", Map.of("duration", "30s"));
        ChaosResources.of(cluster.client(), ChaosKind.API_VERSION, kind).inNamespace("tenant-alice").resource(resource)
                .create();
    }

    private List<String> left() {
        return ChaosTestSupport.allChaosResources(cluster.client()).stream().map(r -> r.getMetadata().getName())
                .sorted().toList();
    }

    @Test
    void deletesEveryKindOfTheRunAndNothingElse() throws Exception {
        // IOChaos and TimeChaos were missing from the plugin's own list of nine kinds
        create("IOChaos", "io-of-run", "run-a", true);
        create("TimeChaos", "time-of-run", "run-a", true);
        create("NetworkChaos", "net-of-run", "run-a", true);
        create("NetworkChaos", "net-of-other-run", "run-b", true);
        create("PodChaos", "not-ours", "run-a", false);

        int deleted = RunRollback.deleteRun(cluster.client(), "run-a", listener);

        assertEquals(3, deleted, listener::text);
        // Chaos Mesh's finalizer holds a deleted resource until the controller has cleaned up: wait for that
        List<String> expected = List.of("net-of-other-run", "not-ours");
        assertTrue(ChaosTestSupport.await(() -> left().equals(expected), Duration.ofSeconds(10)), () -> "left: " + left());
        assertFalse(listener.text().contains("WARNING"), "kinds without a CRD are skipped quietly: " + listener.text());
    }

    @Test
    void theControllersFallbackTakesOnlyOurLabelledResourcesOfThisRun() {
        create("NetworkChaos", "net-of-run", "run-a", true);
        create("NetworkChaos", "net-of-other-run", "run-b", true);
        create("PodChaos", "not-ours", "run-a", false);
        List<ChaosResourceRef> fromTheAgent = List.of(
                new ChaosResourceRef(ChaosKind.API_VERSION, "NetworkChaos", "tenant-alice", "net-of-run"),
                new ChaosResourceRef(ChaosKind.API_VERSION, "NetworkChaos", "tenant-alice", "net-of-other-run"),
                new ChaosResourceRef(ChaosKind.API_VERSION, "PodChaos", "tenant-alice", "not-ours"),
                new ChaosResourceRef("v1", "Secret", "tenant-alice", "gateway-token"),
                new ChaosResourceRef("apps/v1", "Deployment", "inference", "gateway"),
                new ChaosResourceRef(ChaosKind.API_VERSION, "NetworkChaos", "tenant-alice", "already-gone"));

        List<ChaosResourceRef> owned = OwnedResources.ofRun(cluster.client(), fromTheAgent, "run-a", listener);

        assertEquals(List.of(fromTheAgent.get(0)), owned, listener::text);
        assertTrue(listener.text().contains("not a Chaos Mesh kind this engine creates (v1 Secret)"), listener::text);
        assertTrue(listener.text().contains("PodChaos tenant-alice/not-ours: it does not carry the labels"), listener::text);
        assertFalse(listener.text().contains("already-gone"), "a resource already gone is not worth a warning");
    }
}
