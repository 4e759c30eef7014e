package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.CronSchedule;
import io.jenkins.plugins.chaos.chaosmesh.EmbeddedChaos;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plays Chaos Mesh's Schedule controllers (controllers/schedule): cron spawns the body as a new chaos resource when
 * a run is due (not while paused, not under {@code concurrencyPolicy: Forbid} while a child is unfinished), labelled
 * {@code managed-by: <schedule>} and owned by the Schedule, then records {@code status.time} (lastScheduleTime);
 * active lists the children in {@code status.active}; gc keeps at most {@code historyLimit} finished children.
 */
final class ScheduleController {

    /** api/v1alpha1/common_types.go, LabelManagedBy. */
    static final String MANAGED_BY = "managed-by";

    private final KubernetesClient client;

    ScheduleController(KubernetesClient client) {
        this.client = client;
    }

    void reconcile(GenericKubernetesResource schedule, List<GenericKubernetesResource> all) {
        if (schedule.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        Map<String, Object> spec = SpecMaps.spec(schedule);
        String type = String.valueOf(spec.get("type"));
        List<GenericKubernetesResource> children = all.stream()
                .filter(r -> r.getMetadata().getOwnerReferences() != null && r.getMetadata().getOwnerReferences().stream()
                        .anyMatch(o -> schedule.getMetadata().getUid().equals(o.getUid())))
                .sorted(Comparator.comparing(r -> r.getMetadata().getCreationTimestamp())).toList();
        Map<String, Object> status = SpecMaps.status(schedule);
        Instant now = Instant.now();
        Object last = status.get("time");
        Instant since = last != null ? Instant.parse(String.valueOf(last))
                : Instant.parse(schedule.getMetadata().getCreationTimestamp());
        Optional<CronSchedule> cron = CronSchedule.parse(String.valueOf(spec.get("schedule")));
        Optional<Instant> due = cron.flatMap(c -> c.next(since)).filter(t -> !t.isAfter(now));
        List<GenericKubernetesResource> current = new ArrayList<>(children);
        if (due.isPresent() && !ChaosRecords.paused(schedule)) {
            boolean forbid = "Forbid".equals(spec.get("concurrencyPolicy"));
            boolean running = children.stream().anyMatch(c -> !finished(c));
            Map<String, Object> body = EmbeddedChaos.body(spec, type);
            if (body != null && !(forbid && running)) {
                GenericKubernetesResource child = SpawnedResources.child(schedule, type,
                        SpawnedResources.generateName(schedule.getMetadata().getName()),
                        Map.of(MANAGED_BY, schedule.getMetadata().getName()), body);
                current.add(ChaosResources.of(client, ChaosKind.API_VERSION, type)
                        .inNamespace(schedule.getMetadata().getNamespace()).resource(child).create());
            }
            status = new LinkedHashMap<>(status);
            status.put("time", now.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        current = collect(spec, current);
        List<Map<String, Object>> active = new ArrayList<>();
        current.stream().sorted(Comparator.comparing(r -> r.getMetadata().getName())).forEach(c -> {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("apiVersion", c.getApiVersion());
            ref.put("kind", c.getKind());
            ref.put("name", c.getMetadata().getName());
            ref.put("namespace", c.getMetadata().getNamespace());
            ref.put("uid", c.getMetadata().getUid());
            active.add(ref);
        });
        Map<String, Object> updated = new LinkedHashMap<>(status);
        if (active.isEmpty()) {
            updated.remove("active");
        } else {
            updated.put("active", active);
        }
        if (!updated.equals(SpecMaps.status(schedule))) {
            ChaosResources.of(client, schedule.getApiVersion(), schedule.getKind())
                    .inNamespace(schedule.getMetadata().getNamespace()).withName(schedule.getMetadata().getName())
                    .editStatus(r -> {
                        r.setAdditionalProperty("status", updated);
                        return r;
                    });
        }
    }

    /** controllers/schedule/gc: the oldest finished children beyond historyLimit go. */
    private List<GenericKubernetesResource> collect(Map<String, Object> spec, List<GenericKubernetesResource> children) {
        int limit = spec.get("historyLimit") instanceof Number n ? n.intValue() : Integer.MAX_VALUE;
        List<GenericKubernetesResource> kept = new ArrayList<>(children);
        for (GenericKubernetesResource child : children) {
            if (kept.size() <= limit) {
                break;
            }
            if (finished(child)) {
                ChaosResources.of(client, child.getApiVersion(), child.getKind())
                        .inNamespace(child.getMetadata().getNamespace()).withName(child.getMetadata().getName()).delete();
                kept.remove(child);
            }
        }
        return kept;
    }

    /** controllers/utils/controller/finished.go, in short: the duration has passed and every record is recovered. */
    static boolean finished(GenericKubernetesResource chaos) {
        Map<String, Object> experiment = SpecMaps.asMap(SpecMaps.status(chaos).get("experiment"));
        if (experiment == null || !ChaosRecords.STOP.equals(experiment.get("desiredPhase"))) {
            return false;
        }
        List<Object> records = SpecMaps.asList(experiment.get("containerRecords"));
        return records == null || records.stream().map(SpecMaps::asMap)
                .allMatch(r -> r != null && ChaosRecords.NOT_INJECTED.equals(r.get("phase")));
    }
}
