package io.jenkins.plugins.chaos.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When Chaos Mesh's status says a fault took effect, as its controllers write it (controllers/common/records). */
class ChaosStatusTest {

    private static GenericKubernetesResource withStatus(boolean allInjected, boolean allRecovered, List<Integer> injectedCounts) {
        GenericKubernetesResource resource = new GenericKubernetesResource();
        List<Map<String, Object>> records = injectedCounts.stream().map(count -> Map.<String, Object>of(
                "id", "tenant-alice/pod-" + count, "phase", count > 0 && !allRecovered ? "Injected" : "Not Injected",
                "injectedCount", count, "recoveredCount", allRecovered ? count : 0)).toList();
        resource.setAdditionalProperty("status", Map.of(
                "conditions", List.of(
                        Map.of("type", "Selected", "status", "True"),
                        Map.of("type", "AllInjected", "status", allInjected ? "True" : "False"),
                        Map.of("type", "AllRecovered", "status", allRecovered ? "True" : "False")),
                "experiment", Map.of("desiredPhase", allRecovered ? "Stop" : "Run", "containerRecords", records)));
        return resource;
    }

    @Test
    void allInjectedIsInjected() {
        assertTrue(ChaosStatus.injected(withStatus(true, false, List.of(1, 1)), false));
    }

    /** A 1 s fault on a loaded machine: injected and recovered before the engine read its status once. */
    @Test
    void aFaultThatRanItsCourseOnEveryTargetWasInjected() {
        assertTrue(ChaosStatus.injected(withStatus(false, true, List.of(1, 1)), false));
    }

    @Test
    void aTargetNeverInjectedMeansNotYet() {
        assertFalse(ChaosStatus.injected(withStatus(false, false, List.of(1, 0)), false));
        assertFalse(ChaosStatus.injected(withStatus(false, false, List.of()), false));
    }

    /** Chaos Mesh stopped it (duration over, or paused) and never injected a target: no point waiting for it. */
    @Test
    void stoppedWithoutAnyInjectionIsTold() {
        GenericKubernetesResource never = withStatus(false, true, List.of(0, 0));
        never.setMetadata(new ObjectMeta());
        assertTrue(ChaosStatus.stoppedBeforeInjection(never));
        GenericKubernetesResource ranItsCourse = withStatus(false, true, List.of(1, 1));
        ranItsCourse.setMetadata(new ObjectMeta());
        assertFalse(ChaosStatus.stoppedBeforeInjection(ranItsCourse));
        GenericKubernetesResource running = withStatus(false, false, List.of(0, 0));
        running.setMetadata(new ObjectMeta());
        assertFalse(ChaosStatus.stoppedBeforeInjection(running));
    }
}
