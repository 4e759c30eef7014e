package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The status a Chaos Mesh 2.8 controller writes for a chaos resource, as pure functions of the resource, so that a
 * test can hold each rule against the Go source it mirrors:
 * <ul>
 *   <li>controllers/common/desiredphase: {@code Stop} once deleted; {@code Run} for a one-shot kill; {@code Stop}
 *       once {@code creationTimestamp + spec.duration} has passed or while the pause annotation is {@code "true"};
 *       {@code Run} otherwise;</li>
 *   <li>controllers/common/records: targets are selected once, while {@code containerRecords} is absent, one record
 *       per target and selector key ({@code .} and, for a NetworkChaos with a target, {@code .Target}); a selector
 *       that matches nothing leaves the records absent; each record moves towards the desired phase ({@code Not
 *       Injected} to {@code Injected} on Run, counting {@code injectedCount}; back on Stop, counting
 *       {@code recoveredCount}), with a Succeeded event per operation, at most {@value #MAX_EVENTS} kept;</li>
 *   <li>controllers/common/condition: Selected when records exist, AllInjected / AllRecovered when every record is
 *       in that phase (False without records), Paused from the annotation.</li>
 * </ul>
 */
final class ChaosRecords {

    static final String RUN = "Run";
    static final String STOP = "Stop";
    static final String INJECTED = "Injected";
    static final String NOT_INJECTED = "Not Injected";
    /** api/v1alpha1/common_types.go, PauseAnnotationKey. */
    static final String PAUSE_ANNOTATION = "experiment.chaos-mesh.org/pause";
    /** controllers/config: ControllerCfg.MaxEvents defaults to 10. */
    static final int MAX_EVENTS = 10;

    private ChaosRecords() {
    }

    /**
     * @param status       the status to write
     * @param changed      whether it differs from the resource's (nothing to write otherwise)
     * @param applied      some record went to Injected in this step
     * @param recovered    some record went to Not Injected in this step
     * @param allRecovered every record is Not Injected (or there are none): the finalizer may go
     * @param selected     the targets of the main selector, when this step selected them
     */
    record Update(Map<String, Object> status, boolean changed, boolean applied, boolean recovered, boolean allRecovered,
                  List<Pod> selected) {
    }

    static boolean paused(GenericKubernetesResource chaos) {
        Map<String, String> annotations = chaos.getMetadata().getAnnotations();
        return annotations != null && "true".equals(annotations.get(PAUSE_ANNOTATION));
    }

    static String desiredPhase(GenericKubernetesResource chaos, boolean oneShot, Instant now) {
        if (chaos.getMetadata().getDeletionTimestamp() != null) {
            return STOP;
        }
        if (oneShot) {
            return RUN;
        }
        Object duration = SpecMaps.spec(chaos).get("duration");
        Optional<Duration> parsed = duration == null ? Optional.empty() : GoDuration.parse(String.valueOf(duration));
        String created = chaos.getMetadata().getCreationTimestamp();
        if (parsed.isPresent() && created != null && !Instant.parse(created).plus(parsed.get()).isAfter(now)) {
            return STOP;
        }
        return paused(chaos) ? STOP : RUN;
    }

    /** One step towards {@code desired}; {@code selector} gives the targets per selector key when records are absent. */
    static Update step(GenericKubernetesResource chaos, String desired, Supplier<Map<String, List<Pod>>> selector,
                       Instant now) {
        Map<String, Object> old = SpecMaps.status(chaos);
        Map<String, Object> oldExperiment = SpecMaps.asMap(old.get("experiment"));
        List<Object> oldRecords = oldExperiment == null ? null : SpecMaps.asList(oldExperiment.get("containerRecords"));
        List<Map<String, Object>> records = null;
        List<Pod> selected = List.of();
        if (oldRecords != null && !oldRecords.isEmpty()) {
            records = new ArrayList<>();
            for (Object item : oldRecords) {
                records.add(new LinkedHashMap<>(SpecMaps.asMap(item)));
            }
        } else {
            // records/controller.go selects whenever the records are absent, whatever the desired phase.
            Map<String, List<Pod>> targets = selector.get();
            boolean every = !targets.isEmpty() && targets.values().stream().noneMatch(List::isEmpty);
            if (every) {
                records = new ArrayList<>();
                for (Map.Entry<String, List<Pod>> entry : targets.entrySet()) {
                    for (Pod pod : entry.getValue()) {
                        Map<String, Object> record = new LinkedHashMap<>();
                        record.put("id", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
                        record.put("selectorKey", entry.getKey());
                        record.put("phase", NOT_INJECTED);
                        record.put("injectedCount", 0);
                        record.put("recoveredCount", 0);
                        records.add(record);
                    }
                }
                selected = targets.getOrDefault(".", List.of());
            }
        }
        boolean applied = false;
        boolean recovered = false;
        if (records != null) {
            for (Map<String, Object> record : records) {
                String phase = String.valueOf(record.get("phase"));
                if (RUN.equals(desired) && !INJECTED.equals(phase)) {
                    record.put("phase", INJECTED);
                    record.put("injectedCount", count(record, "injectedCount") + 1);
                    event(record, "Apply", now);
                    applied = true;
                } else if (STOP.equals(desired) && !NOT_INJECTED.equals(phase)) {
                    record.put("phase", NOT_INJECTED);
                    record.put("recoveredCount", count(record, "recoveredCount") + 1);
                    event(record, "Recover", now);
                    recovered = true;
                }
            }
        }
        Map<String, Object> experiment = new LinkedHashMap<>();
        experiment.put("desiredPhase", desired);
        if (records != null) {
            experiment.put("containerRecords", records);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", conditions(records, paused(chaos)));
        status.put("experiment", experiment);
        boolean allRecovered = records == null || records.stream().allMatch(r -> NOT_INJECTED.equals(r.get("phase")));
        return new Update(status, !sameStatus(old, status), applied, recovered, allRecovered, selected);
    }

    private static List<Map<String, Object>> conditions(List<Map<String, Object>> records, boolean paused) {
        boolean any = records != null;
        boolean allInjected = any && records.stream().allMatch(r -> INJECTED.equals(r.get("phase")));
        boolean allRecovered = any && records.stream().allMatch(r -> NOT_INJECTED.equals(r.get("phase")));
        return List.of(condition("Selected", any), condition("AllInjected", allInjected),
                condition("AllRecovered", allRecovered), condition("Paused", paused));
    }

    private static Map<String, Object> condition(String type, boolean value) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", value ? "True" : "False");
        return condition;
    }

    private static void event(Map<String, Object> record, String operation, Instant now) {
        List<Object> events = SpecMaps.asList(record.get("events"));
        List<Object> kept = events == null ? new ArrayList<>() : new ArrayList<>(events);
        while (kept.size() >= MAX_EVENTS) {
            kept.remove(0);
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "Succeeded");
        event.put("operation", operation);
        event.put("timestamp", now.truncatedTo(ChronoUnit.SECONDS).toString());
        kept.add(event);
        record.put("events", kept);
    }

    private static int count(Map<String, Object> record, String key) {
        return record.get(key) instanceof Number n ? n.intValue() : 0;
    }

    /** Numbers come back from JSON as Integer or Long; compare the written form. */
    private static boolean sameStatus(Map<String, Object> old, Map<String, Object> status) {
        return Json.write(old).equals(Json.write(status));
    }
}
