package io.jenkins.plugins.chaos.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A step's flat fault keys become the experiment's fault map with the rules the flat form implies. */
class FaultArgumentsTest {

    @Test
    void aNetworkChaosTargetIsNestedWithModeAll() {
        Map<String, Object> selector = FaultArguments.selector("faults[0].target.selector", List.of("tenant-bob"), null);
        Map<String, Object> fault = FaultArguments.fault(new StepArguments().put("kind", "NetworkChaos")
                .put("action", "partition").put("target", selector).toMap());
        assertEquals(Map.of("mode", "all", "selector", Map.of("namespaces", List.of("tenant-bob"))), fault.get("target"));
        assertEquals("partition", fault.get("action"));
    }

    @Test
    void aStepsHttpChaosAlwaysTargetsRequests() {
        Map<String, Object> fault = FaultArguments.fault(new StepArguments().put("kind", "HTTPChaos")
                .put("action", "abort").toMap());
        assertEquals("Request", fault.get("target"));
    }

    @Test
    void labelSelectorsAreKeyValuePairsAndAMalformedOneNamesItsField() {
        assertEquals(Map.of("labelSelectors", Map.of("app", "gateway", "tier", "web")),
                FaultArguments.selector("selector", null, List.of("app=gateway", "tier = web")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FaultArguments.selector("faults[1].selector", null, List.of("app")));
        assertTrue(e.getMessage().startsWith("faults[1].selector.labelSelectors: 'app' is not a label selector"),
                e.getMessage());
    }

    @Test
    void emptyValuesAreLeftToTheEnginesDefaults() {
        assertEquals(Map.of("kind", "PodChaos"), FaultArguments.fault(new StepArguments().put("kind", "PodChaos")
                .put("mode", " ").put("selector", Map.of()).put("value", null).toMap()));
    }
}
