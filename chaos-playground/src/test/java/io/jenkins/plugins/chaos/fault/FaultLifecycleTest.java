package io.jenkins.plugins.chaos.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.plan.ExperimentLoader;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.plan.LoadResult;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultLifecycleTest {

    private PlaygroundCluster cluster;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none(), Duration.ofMillis(100), true);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static ExperimentPlan experiment(String yaml) {
        LoadResult loaded = ExperimentLoader.fromYaml(yaml, "test.yaml");
        assertTrue(loaded.ok(), loaded::describeErrors);
        return loaded.plan();
    }

    @Test
    void partitionIsInjectedLabelledAndRecovered() throws Exception {
        ExperimentPlan experiment = experiment("""
                name: partition alice from bob
                faults:
                  - name: alice-bob-partition
                    kind: NetworkChaos
                    action: partition
                    duration: 30s
                    mode: all
                    selector: {namespaces: [tenant-alice]}
                    direction: both
                    target:
                      mode: all
                      selector: {namespaces: [tenant-bob]}
                """);
        FaultInjector injector = new FaultInjector(cluster.client(), listener, RunOptions.defaults().withPollInterval(Duration.ofMillis(50)));
        InjectedFaults injected = injector.inject(experiment);
        assertEquals(1, injected.resources().size());
        ChaosResourceRef ref = injected.resources().get(0);
        GenericKubernetesResource live = ChaosResources.of(cluster.client(), ref).get();
        assertNotNull(live);
        assertEquals(ChaosLabels.MANAGED_BY_VALUE, live.getMetadata().getLabels().get(ChaosLabels.MANAGED_BY));
        assertEquals(injected.runId(), live.getMetadata().getLabels().get(ChaosLabels.RUN_ID));
        assertNotNull(live.getMetadata().getAnnotations().get(ChaosLabels.EXPIRES_AT));
        assertTrue(ChaosStatus.injected(live, false), ChaosStatus.summary(live));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) live.getAdditionalProperties().get("spec");
        assertEquals("partition", spec.get("action"));
        assertEquals("30s", spec.get("duration"));

        List<RecoveryOutcome> outcomes = injector.recover(injected.resources());
        assertTrue(outcomes.get(0).recovered(), outcomes.toString());
        assertEquals(0, new Sweeper(cluster.client(), listener).listOurs(null).size());
        System.out.println(listener.text());
    }
}
