package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Chaos Mesh selected, as its status reports it: {@code status.experiment.containerRecords[].id} is
 * {@code namespace/pod} (or {@code namespace/pod/container} for container-scoped faults). With a mode such as
 * {@code fixed-percent} the selection is Chaos Mesh's choice, so a probe that must know it reads it here.
 */
public final class SelectedTargets {

    private SelectedTargets() {
    }

    /**
     * {@code namespace/pod} of every record of the fault's own selector, in the status's order. A NetworkChaos with a
     * {@code target} also records the target side's pods, under {@code selectorKey: .Target} (Chaos Mesh's
     * GetSelectorSpecs): those are not what the fault selected, and a record without a key is the selector's.
     */
    public static List<String> pods(GenericKubernetesResource resource) {
        List<String> out = new ArrayList<>();
        Map<String, Object> experiment = SpecMaps.asMap(SpecMaps.status(resource).get("experiment"));
        List<Object> records = experiment == null ? null : SpecMaps.asList(experiment.get("containerRecords"));
        if (records == null) {
            return out;
        }
        for (Object item : records) {
            Map<String, Object> record = SpecMaps.asMap(item);
            if (record != null && record.get("selectorKey") != null && !".".equals(record.get("selectorKey"))) {
                continue;
            }
            Object id = record == null ? null : record.get("id");
            if (id instanceof String text && text.indexOf('/') > 0) {
                String[] parts = text.split("/");
                String pod = parts[0] + "/" + parts[1];
                if (!out.contains(pod)) {
                    out.add(pod);
                }
            }
        }
        return out;
    }

    public static Set<String> namespaces(GenericKubernetesResource resource) {
        Set<String> out = new LinkedHashSet<>();
        for (String pod : pods(resource)) {
            out.add(pod.substring(0, pod.indexOf('/')));
        }
        return out;
    }
}
