package io.jenkins.plugins.chaos.cli;

import static io.jenkins.plugins.chaos.support.ChaosTestSupport.allChaosResources;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.core.RunOptions;
import io.jenkins.plugins.chaos.fault.FaultInjector;
import io.jenkins.plugins.chaos.plan.ExperimentPlan;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine side both lifecycle benchmarks time, and the summaries they print. */
class BenchFaultTest {

    @Test
    void oneEngineLifecycleInjectsAndRemovesThePartition() throws Exception {
        try (PlaygroundCluster cluster = BenchFault.playground()) {
            ExperimentPlan experiment = BenchFault.plan();
            assertEquals("NetworkChaos", experiment.experiment().getFaults().get(0).getKind());
            FaultInjector injector = new FaultInjector(cluster.client(), RunListener.silent(),
                    RunOptions.defaults().withPollInterval(Duration.ofMillis(5)));
            double millis = BenchFault.engineLifecycleMillis(injector, experiment);
            assertTrue(millis > 0 && millis < 60_000, "took " + millis + " ms");
            assertTrue(allChaosResources(cluster.client()).isEmpty(), "the fault is gone after its lifecycle");
        }
    }

    @Test
    void theBareResourceIsTheSpecTheEngineCreates() {
        GenericKubernetesResource resource = BenchFault.resource(BenchFault.plan(), "kubectl-partition");
        assertEquals("chaos-mesh.org/v1alpha1", resource.getApiVersion());
        assertEquals("NetworkChaos", resource.getKind());
        assertEquals("kubectl-partition", resource.getMetadata().getName());
        assertEquals("tenant-alice", resource.getMetadata().getNamespace());
        assertEquals(Map.of("action", "partition", "duration", "30s", "mode", "all",
                "selector", Map.of("namespaces", List.of("tenant-alice")), "direction", "to",
                "target", Map.of("mode", "all", "selector", Map.of("namespaces", List.of("tenant-bob")))),
                resource.getAdditionalProperties().get("spec"));
    }

    @Test
    void p50IsTheUpperMedianAndMeanTheAverage() {
        assertEquals(2.0, BenchStats.p50(new double[] {3, 1, 2}));
        assertEquals(3.0, BenchStats.p50(new double[] {4, 1, 3, 2}));
        assertEquals(2.5, BenchStats.mean(new double[] {4, 1, 3, 2}));
        assertEquals(0.0, BenchStats.mean(new double[0]));
    }

    @Test
    void p50LeavesItsInputAlone() {
        double[] values = {3, 1, 2};
        BenchStats.p50(values);
        assertEquals(3.0, values[0]);
    }
}
