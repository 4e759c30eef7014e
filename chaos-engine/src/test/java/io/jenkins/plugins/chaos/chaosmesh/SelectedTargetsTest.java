package io.jenkins.plugins.chaos.chaosmesh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a fault selected, from its records: the selector's, not a NetworkChaos target's (selectorKey .Target). */
class SelectedTargetsTest {

    @Test
    void theTargetSidesRecordsAreNotTheSelection() {
        GenericKubernetesResource partition = new GenericKubernetesResource();
        partition.setAdditionalProperty("status", Map.of("experiment", Map.of("containerRecords", List.of(
                Map.of("id", "tenant-alice/tenant-api-0", "selectorKey", "."),
                Map.of("id", "tenant-bob/tenant-api-0/main", "selectorKey", "."),
                Map.of("id", "inference/gateway-0", "selectorKey", ".Target"),
                Map.of("id", "tenant-carol/tenant-api-0")))));
        assertEquals(List.of("tenant-alice/tenant-api-0", "tenant-bob/tenant-api-0", "tenant-carol/tenant-api-0"),
                SelectedTargets.pods(partition));
    }
}
