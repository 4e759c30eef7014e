package io.jenkins.plugins.chaos.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pipeline steps cannot nest arbitrary maps, so a step's fault is flat ({@code kind}, {@code action}, {@code selector},
 * {@code target}, {@code latency}, ...); this turns it into the experiment's fault map, with the few rules the flat
 * form implies. The plugin only collects the arguments; the engine decides what they mean.
 */
public final class FaultArguments {

    private FaultArguments() {
    }

    /**
     * @param flat the step's keys as given, without empty values ({@link StepArguments}); {@code selector} and
     *             {@code target} are selector maps from {@link #selector}
     */
    public static Map<String, Object> fault(Map<String, Object> flat) {
        Map<String, Object> fault = new LinkedHashMap<>(flat);
        // HTTPChaos from a step always hits requests (a slow or failing provider call); a Response fault is written
        // as a manifest. A step's target names the pods on the other side of a NetworkChaos; Chaos Mesh nests them
        // under target.selector with a mode of their own, which is every selected pod here.
        if ("HTTPChaos".equals(flat.get("kind"))) {
            fault.put("target", "Request");
        } else if (flat.get("target") instanceof Map<?, ?> selector) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("mode", "all");
            target.put("selector", selector);
            fault.put("target", target);
        }
        return fault;
    }

    /**
     * A step's selector: namespaces, and label selectors written {@code key=value}.
     *
     * @param field where it sits, for error messages ({@code faults[1].selector})
     */
    public static Map<String, Object> selector(String field, List<String> namespaces, List<String> labelSelectors) {
        return new StepArguments()
                .put("namespaces", StepArguments.copy(namespaces))
                .put("labelSelectors", StepArguments.labels(field + ".labelSelectors", labelSelectors))
                .toMap();
    }
}
