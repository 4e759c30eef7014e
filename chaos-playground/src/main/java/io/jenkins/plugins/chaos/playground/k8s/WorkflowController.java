package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.EmbeddedChaos;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.GoDuration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays Chaos Mesh's Workflow controllers (pkg/workflow/controllers) on a timeline fixed when the Workflow is first
 * seen: Serial children one after the other, Parallel ones together, a chaos template for its deadline (or its
 * chaos's duration), Suspend for its deadline. Each node becomes a WorkflowNode labelled
 * {@code chaos-mesh.org/workflow}, owned by the Workflow (the entry) or its parent node; a chaos node creates its
 * chaos resource owned by the node (ChaosInjected, reason ChaosCRCreated or ChaosCRCreateFailed) and deletes it at
 * its deadline (DeadlineExceed, Accomplished). A StatusCheck node runs its HTTP check once, against 127.0.0.1 only;
 * a failed check with {@code abortWithStatusCheck} marks the node Aborted (StatusCheckNotExceedSuccessThreshold),
 * and nothing more starts. Once every node is Accomplished the Workflow reports Accomplished and its endTime. Task
 * templates (a pod running a container) are not simulated: such a node never finishes.
 */
final class WorkflowController {

    static final String WORKFLOW_LABEL = "chaos-mesh.org/workflow";
    static final String CONTROLLED_BY_LABEL = "chaos-mesh.org/controlled-by";
    private static final int MAX_NODES = 200;
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    private final KubernetesClient client;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CHECK_TIMEOUT).build();

    private record Step(String template, String type, String parent, Duration start, Duration end) {
    }

    private static final class Run {
        final Instant started = Instant.now();
        final List<Step> steps = new ArrayList<>();
        final Map<String, GenericKubernetesResource> nodes = new LinkedHashMap<>();
        final Map<String, String> chaos = new LinkedHashMap<>();
        boolean aborted;
        boolean accomplished;
    }

    WorkflowController(KubernetesClient client) {
        this.client = client;
    }

    void reconcile(GenericKubernetesResource workflow) {
        String uid = workflow.getMetadata().getUid();
        if (workflow.getMetadata().getDeletionTimestamp() != null) {
            runs.remove(uid);
            return;
        }
        Run run = runs.computeIfAbsent(uid, k -> plan(workflow));
        if (run.accomplished) {
            return;
        }
        Duration elapsed = Duration.between(run.started, Instant.now());
        for (Step step : run.steps) {
            if (run.aborted) {
                break;
            }
            if (!run.nodes.containsKey(step.template()) && !elapsed.minus(step.start()).isNegative()) {
                start(workflow, run, step);
            }
            GenericKubernetesResource node = run.nodes.get(step.template());
            if (node != null && !conditionTrue(node, "Accomplished") && !elapsed.minus(step.end()).isNegative()
                    && !"Task".equals(step.type()) && !run.aborted) {
                finish(workflow, run, step, node);
            }
        }
        if (run.aborted) {
            run.chaos.forEach((template, name) -> deleteChaos(workflow, run, template));
        }
        boolean done = !run.steps.isEmpty() && run.steps.stream().allMatch(s -> run.nodes.containsKey(s.template())
                && conditionTrue(run.nodes.get(s.template()), "Accomplished"));
        if (done && !run.aborted) {
            run.accomplished = true;
        }
        writeWorkflowStatus(workflow, run);
    }

    private Run plan(GenericKubernetesResource workflow) {
        Run run = new Run();
        Map<String, Object> spec = SpecMaps.spec(workflow);
        List<Object> templates = SpecMaps.asList(spec.get("templates"));
        if (templates != null) {
            schedule(templates, String.valueOf(spec.get("entry")), null, Duration.ZERO, run.steps, 0);
        }
        return run;
    }

    /** Lays out template {@code name} from {@code start}; returns when it ends. */
    private static Duration schedule(List<Object> templates, String name, String parent, Duration start,
                                     List<Step> steps, int depth) {
        Map<String, Object> template = find(templates, name);
        if (template == null || depth > 32 || steps.size() >= MAX_NODES) {
            return start;
        }
        String type = String.valueOf(template.get("templateType"));
        Duration deadline = duration(template.get("deadline"));
        int index = steps.size();
        steps.add(null);
        Duration end = start;
        List<Object> children = SpecMaps.asList(template.get("children"));
        if ("Serial".equals(type) && children != null) {
            for (Object child : children) {
                end = schedule(templates, String.valueOf(child), name, end, steps, depth + 1);
            }
        } else if ("Parallel".equals(type) && children != null) {
            for (Object child : children) {
                Duration each = schedule(templates, String.valueOf(child), name, start, steps, depth + 1);
                end = each.compareTo(end) > 0 ? each : end;
            }
        } else if (EmbeddedChaos.body(template, type) != null && deadline.isZero()) {
            end = start.plus(duration(EmbeddedChaos.body(template, type).get("duration")));
        }
        boolean composite = "Serial".equals(type) || "Parallel".equals(type);
        if (!deadline.isZero() && (!composite || start.plus(deadline).compareTo(end) < 0)) {
            // A chaos or Suspend node lasts its deadline; a Serial or Parallel one ends with its children, at the
            // latest at its deadline.
            end = start.plus(deadline);
        }
        steps.set(index, new Step(name, type, parent, start, end));
        return end;
    }

    private void start(GenericKubernetesResource workflow, Run run, Step step) {
        GenericKubernetesResource owner = step.parent() == null ? workflow : run.nodes.get(step.parent());
        if (owner == null) {
            return;
        }
        Map<String, Object> template = find(SpecMaps.asList(SpecMaps.spec(workflow).get("templates")), step.template());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("templateName", step.template());
        spec.put("workflowName", workflow.getMetadata().getName());
        spec.put("type", step.type());
        spec.put("startTime", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        if (!step.end().equals(step.start())) {
            spec.put("deadline", run.started.plus(step.end()).truncatedTo(ChronoUnit.SECONDS).toString());
        }
        Map<String, String> labels = Map.of(WORKFLOW_LABEL, workflow.getMetadata().getName(),
                CONTROLLED_BY_LABEL, owner.getMetadata().getName());
        GenericKubernetesResource node = SpawnedResources.child(owner, ChaosMeshCrds.WORKFLOW_NODE.kind(),
                SpawnedResources.generateName(step.template()), labels, spec);
        node = nodes(workflow).resource(node).create();
        run.nodes.put(step.template(), node);
        List<Map<String, Object>> conditions = new ArrayList<>();
        conditions.add(condition("Accomplished", false, ""));
        if (ChaosKinds.known(step.type()).filter(ChaosKind::observedByConditions).isPresent()) {
            Map<String, Object> body = EmbeddedChaos.body(template, step.type());
            String name = SpawnedResources.generateName(step.template());
            try {
                ChaosResources.of(client, ChaosKind.API_VERSION, step.type()).inNamespace(workflow.getMetadata().getNamespace())
                        .resource(SpawnedResources.child(node, step.type(), name,
                                Map.of(WORKFLOW_LABEL, workflow.getMetadata().getName(),
                                        CONTROLLED_BY_LABEL, node.getMetadata().getName()),
                                body == null ? Map.of() : body)).create();
                run.chaos.put(step.template(), name);
                conditions.add(condition("ChaosInjected", true, "ChaosCRCreated"));
            } catch (KubernetesClientException e) {
                conditions.add(condition("ChaosInjected", false, "ChaosCRCreateFailed"));
            }
        } else if ("StatusCheck".equals(step.type())) {
            Map<String, Object> check = SpecMaps.asMap(template.get("statusCheck"));
            boolean passed = check != null && statusCheck(check);
            boolean abort = Boolean.TRUE.equals(template.get("abortWithStatusCheck"));
            conditions.set(0, condition("Accomplished", true, "StatusCheckCompleted"));
            conditions.add(condition("Aborted", !passed && abort, !passed && abort
                    ? "StatusCheckNotExceedSuccessThreshold" : ""));
            run.aborted = !passed && abort;
        }
        run.nodes.put(step.template(), writeNodeStatus(workflow, node, conditions));
    }

    private void finish(GenericKubernetesResource workflow, Run run, Step step, GenericKubernetesResource node) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        conditions.add(condition("Accomplished", true, "NodeAccomplished"));
        if (run.chaos.containsKey(step.template())) {
            deleteChaos(workflow, run, step.template());
            conditions.add(condition("DeadlineExceed", true, "NodeDeadlineExceed"));
            conditions.add(condition("ChaosInjected", false, "ChaosCRDeleted"));
        } else if ("Suspend".equals(step.type())) {
            conditions.add(condition("DeadlineExceed", true, "NodeDeadlineExceed"));
        } else {
            SpecMaps.status(node).entrySet().stream().filter(e -> "conditions".equals(e.getKey())).findFirst()
                    .map(e -> SpecMaps.asList(e.getValue())).ifPresent(list -> list.stream().map(SpecMaps::asMap)
                            .filter(c -> c != null && !"Accomplished".equals(c.get("type"))).forEach(conditions::add));
        }
        run.nodes.put(step.template(), writeNodeStatus(workflow, node, conditions));
    }

    private void deleteChaos(GenericKubernetesResource workflow, Run run, String template) {
        Step step = run.steps.stream().filter(s -> s.template().equals(template)).findFirst().orElseThrow();
        String name = run.chaos.get(template);
        if (name != null) {
            ChaosResources.of(client, ChaosKind.API_VERSION, step.type()).inNamespace(workflow.getMetadata().getNamespace())
                    .withName(name).delete();
        }
    }

    /** Only 127.0.0.1 is reachable from the playground; any other URL fails the check, as an unreachable one would. */
    private boolean statusCheck(Map<String, Object> check) {
        Map<String, Object> httpCheck = SpecMaps.asMap(check.get("http"));
        if (httpCheck == null || httpCheck.get("url") == null) {
            return false;
        }
        try {
            URI uri = URI.create(String.valueOf(httpCheck.get("url")));
            if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
                return false;
            }
            String method = String.valueOf(httpCheck.getOrDefault("method", "GET"));
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(uri).timeout(CHECK_TIMEOUT)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            Map<String, Object> criteria = SpecMaps.asMap(httpCheck.get("criteria"));
            String expected = criteria == null || criteria.get("statusCode") == null ? "200"
                    : String.valueOf(criteria.get("statusCode"));
            return expected.equals(String.valueOf(response.statusCode()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private GenericKubernetesResource writeNodeStatus(GenericKubernetesResource workflow, GenericKubernetesResource node,
                                                      List<Map<String, Object>> conditions) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", conditions);
        return nodes(workflow).withName(node.getMetadata().getName()).editStatus(r -> {
            r.setAdditionalProperty("status", status);
            return r;
        });
    }

    private void writeWorkflowStatus(GenericKubernetesResource workflow, Run run) {
        Map<String, Object> status = new LinkedHashMap<>();
        run.steps.stream().findFirst().map(s -> run.nodes.get(s.template()))
                .ifPresent(entry -> status.put("entryNode", entry.getMetadata().getName()));
        status.put("startTime", run.started.truncatedTo(ChronoUnit.SECONDS).toString());
        if (run.accomplished) {
            Object end = SpecMaps.status(workflow).get("endTime");
            status.put("endTime", end != null ? end : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        }
        status.put("conditions", List.of(condition("Scheduled", !run.nodes.isEmpty(), ""),
                condition("Accomplished", run.accomplished, "")));
        if (!status.equals(SpecMaps.status(workflow))) {
            ChaosResources.of(client, workflow.getApiVersion(), workflow.getKind())
                    .inNamespace(workflow.getMetadata().getNamespace()).withName(workflow.getMetadata().getName())
                    .editStatus(r -> {
                        r.setAdditionalProperty("status", status);
                        return r;
                    });
        }
    }

    private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> nodes(
            GenericKubernetesResource workflow) {
        return client.genericKubernetesResources(ChaosResources.context(ChaosKind.API_VERSION,
                ChaosMeshCrds.WORKFLOW_NODE.kind())).inNamespace(workflow.getMetadata().getNamespace());
    }

    private static boolean conditionTrue(GenericKubernetesResource resource, String type) {
        List<Object> conditions = SpecMaps.asList(SpecMaps.status(resource).get("conditions"));
        return conditions != null && conditions.stream().map(SpecMaps::asMap)
                .anyMatch(c -> c != null && type.equals(c.get("type")) && "True".equals(c.get("status")));
    }

    private static Map<String, Object> condition(String type, boolean value, String reason) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", value ? "True" : "False");
        condition.put("reason", reason);
        return condition;
    }

    private static Map<String, Object> find(List<Object> templates, String name) {
        if (templates == null) {
            return null;
        }
        for (Object item : templates) {
            Map<String, Object> template = SpecMaps.asMap(item);
            if (template != null && name.equals(template.get("name"))) {
                return template;
            }
        }
        return null;
    }

    private static Duration duration(Object value) {
        return value == null ? Duration.ZERO : GoDuration.parse(String.valueOf(value)).orElse(Duration.ZERO);
    }
}
