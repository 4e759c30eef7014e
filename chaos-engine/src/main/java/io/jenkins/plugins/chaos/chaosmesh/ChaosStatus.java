package io.jenkins.plugins.chaos.chaosmesh;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads what the Chaos Mesh controller reported in a resource's status. */
public final class ChaosStatus {

    public static final String SELECTED = "Selected";
    public static final String ALL_INJECTED = "AllInjected";
    public static final String ALL_RECOVERED = "AllRecovered";

    private ChaosStatus() {
    }

    public static boolean condition(GenericKubernetesResource resource, String type) {
        for (Map<String, Object> condition : conditions(resource)) {
            if (type.equals(condition.get("type"))) {
                return "True".equals(String.valueOf(condition.get("status")));
            }
        }
        return false;
    }

    public static List<Map<String, Object>> conditions(GenericKubernetesResource resource) {
        List<Map<String, Object>> out = new ArrayList<>();
        List<Object> list = SpecMaps.asList(SpecMaps.status(resource).get("conditions"));
        if (list != null) {
            for (Object item : list) {
                Map<String, Object> map = SpecMaps.asMap(item);
                if (map != null) {
                    out.add(map);
                }
            }
        }
        return out;
    }

    /**
     * Injected as Chaos Mesh means it: selected and applied to every target; one-shot kills by their records. A short
     * fault may have run its course before anyone looked (AllInjected is then False again and AllRecovered True):
     * every target's record counting an injection says it did take effect.
     */
    public static boolean injected(GenericKubernetesResource resource, boolean oneShot) {
        if (oneShot) {
            return injectedRecords(resource) > 0;
        }
        if (!condition(resource, SELECTED)) {
            return false;
        }
        if (condition(resource, ALL_INJECTED)) {
            return true;
        }
        int records = records(resource).size();
        return records > 0 && injectedRecords(resource) == records;
    }

    /**
     * Chaos Mesh has stopped the fault (its {@code desiredPhase} is {@code Stop}: the duration ran out, or it is paused)
     * and no target was ever injected: waiting longer cannot make it injected.
     */
    public static boolean stoppedBeforeInjection(GenericKubernetesResource resource) {
        Map<String, Object> experiment = SpecMaps.asMap(SpecMaps.status(resource).get("experiment"));
        return experiment != null && "Stop".equals(experiment.get("desiredPhase")) && injectedRecords(resource) == 0
                && resource.getMetadata() != null && resource.getMetadata().getDeletionTimestamp() == null;
    }

    private static List<Object> records(GenericKubernetesResource resource) {
        Map<String, Object> experiment = SpecMaps.asMap(SpecMaps.status(resource).get("experiment"));
        List<Object> records = experiment == null ? null : SpecMaps.asList(experiment.get("containerRecords"));
        return records == null ? List.of() : records;
    }

    /** How many container records report an injection (pod-kill and container-kill have nothing else to show). */
    public static int injectedRecords(GenericKubernetesResource resource) {
        int injected = 0;
        for (Object item : records(resource)) {
            Map<String, Object> record = SpecMaps.asMap(item);
            if (record == null) {
                continue;
            }
            Object count = record.get("injectedCount");
            if ("Injected".equals(record.get("phase")) || count instanceof Number n && n.intValue() > 0) {
                injected++;
            }
        }
        return injected;
    }

    /** A one-line summary for timeouts and logs, e.g. {@code Selected=True AllInjected=False}. */
    public static String summary(GenericKubernetesResource resource) {
        List<Map<String, Object>> conditions = conditions(resource);
        if (conditions.isEmpty()) {
            return "no status yet (is the Chaos Mesh controller running?)";
        }
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> condition : conditions) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(condition.get("type")).append('=').append(condition.get("status"));
            if (condition.get("reason") != null) {
                out.append(" (").append(condition.get("reason")).append(')');
            }
        }
        return out.toString();
    }
}
