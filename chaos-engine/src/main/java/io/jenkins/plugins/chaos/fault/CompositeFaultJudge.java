package io.jenkins.plugins.chaos.fault;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResourceRef;
import io.jenkins.plugins.chaos.chaosmesh.ChaosResources;
import io.jenkins.plugins.chaos.chaosmesh.ChaosStatus;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a Schedule and a Workflow by what they did, since their own creation proves nothing: a Schedule by the
 * chaos it spawned during the hold (how many, each injected), a Workflow by its nodes (one check per node: an
 * aborting StatusCheck is CRITICAL, a chaos node whose resource could not be created an ERROR, a node still running
 * when the hold ended a WARNING) and by whether it finished. Read before recovery, which deletes the children.
 */
public final class CompositeFaultJudge {

    /** Chaos Mesh's label on a Workflow's nodes (api/v1alpha1/workflownode_types.go, LabelWorkflow). */
    public static final String WORKFLOW_LABEL = "chaos-mesh.org/workflow";

    private final KubernetesClient client;

    public CompositeFaultJudge(KubernetesClient client) {
        this.client = client;
    }

    /** One or more checks per Schedule or Workflow among {@code resources}; none for the other kinds. */
    /**
     * @param injectionTimeout a child spawned less than this long ago and not injected yet is pending, not failed:
     *                         the schedule may fire in the last moment of the hold
     */
    public List<CheckResult> judge(List<ChaosResourceRef> resources, Instant injectedAt, Duration held,
                                   Duration injectionTimeout) {
        List<CheckResult> checks = new ArrayList<>();
        for (ChaosResourceRef ref : resources) {
            if (!"Schedule".equals(ref.kind()) && !"Workflow".equals(ref.kind())) {
                continue;
            }
            GenericKubernetesResource current = read(ref);
            if (current == null) {
                checks.add(check(ref + " spawned its chaos", Verdict.ERROR, ref + " was gone before its hold ended",
                        List.of(), injectedAt));
            } else if ("Schedule".equals(ref.kind())) {
                checks.add(schedule(ref, current, injectedAt, held, injectionTimeout));
            } else {
                checks.addAll(workflow(ref, current, injectedAt, held));
            }
        }
        return checks;
    }

    /** True when every Workflow among {@code resources} has finished (Accomplished, or aborted by a node). */
    public boolean workflowsFinished(List<ChaosResourceRef> resources) {
        for (ChaosResourceRef ref : resources) {
            if ("Workflow".equals(ref.kind())) {
                GenericKubernetesResource current = read(ref);
                if (current != null && !finished(current, nodes(current))) {
                    return false;
                }
            }
        }
        return true;
    }

    private CheckResult schedule(ChaosResourceRef ref, GenericKubernetesResource schedule, Instant injectedAt, Duration held,
                                 Duration injectionTimeout) {
        List<GenericKubernetesResource> children = SpawnedResources.descendants(client, schedule).stream()
                .filter(c -> !SpawnedResources.WORKFLOW_NODE.equals(c.getKind())).toList();
        String name = ref + " spawned its chaos";
        List<String> evidence = new ArrayList<>();
        evidence.add("schedule: " + SpecMaps.spec(schedule).get("schedule") + ", held " + GoDuration.format(held));
        if (children.isEmpty()) {
            return check(name, Verdict.WARNING, ref + " created no chaos during the hold of " + GoDuration.format(held)
                    + ": nothing was tested (is the schedule's next run after the hold?)", evidence, injectedAt);
        }
        List<String> notInjected = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        Instant now = Instant.now();
        for (GenericKubernetesResource child : children) {
            boolean injected = wasInjected(child);
            String created = child.getMetadata().getCreationTimestamp();
            boolean young = created == null || Instant.parse(created).plus(injectionTimeout).isAfter(now);
            evidence.add(child.getKind() + " " + child.getMetadata().getName() + ": " + (injected ? "injected"
                    : young ? "spawned moments ago, not injected yet" : "not injected") + " (" + ChaosStatus.summary(child) + ")");
            if (!injected) {
                (young ? pending : notInjected).add(child.getMetadata().getName());
            }
        }
        int injected = children.size() - notInjected.size() - pending.size();
        if (!notInjected.isEmpty()) {
            return check(name, Verdict.ERROR, ref + " created " + children.size() + " chaos resource(s); "
                    + notInjected.size() + " never injected within " + GoDuration.format(injectionTimeout)
                    + " (injectionTimeout): " + String.join(", ", notInjected), evidence, injectedAt);
        }
        if (injected == 0) {
            return check(name, Verdict.WARNING, ref + " created " + children.size() + " chaos resource(s) at the end of "
                    + "the hold, none injected yet: nothing was tested", evidence, injectedAt);
        }
        return check(name, Verdict.PASSED, ref + " created " + children.size() + " chaos resource(s) during the hold, "
                + (pending.isEmpty() ? "each injected" : injected + " injected and " + pending.size()
                + " spawned as the hold ended"), evidence, injectedAt);
    }

    private List<CheckResult> workflow(ChaosResourceRef ref, GenericKubernetesResource workflow, Instant injectedAt,
                                       Duration held) {
        List<CheckResult> checks = new ArrayList<>();
        List<GenericKubernetesResource> nodes = nodes(workflow);
        for (GenericKubernetesResource node : nodes) {
            Map<String, Object> spec = SpecMaps.spec(node);
            String template = String.valueOf(spec.getOrDefault("templateName", node.getMetadata().getName()));
            String type = String.valueOf(spec.getOrDefault("type", "?"));
            String name = ref + " node " + template;
            List<String> evidence = List.of("node " + node.getMetadata().getName() + " (" + type + "): "
                    + conditionsOf(node));
            Map<String, Object> aborted = condition(node, "Aborted");
            Map<String, Object> injected = condition(node, "ChaosInjected");
            if (aborted != null && "True".equals(aborted.get("status"))) {
                checks.add(check(name, Verdict.CRITICAL, template + " (" + type + ") aborted the workflow: "
                        + aborted.get("reason"), evidence, injectedAt));
            } else if (injected != null && "False".equals(injected.get("status")) && injected.get("reason") != null
                    && String.valueOf(injected.get("reason")).contains("Failed")) {
                checks.add(check(name, Verdict.ERROR, template + " (" + type + ") could not create its chaos: "
                        + injected.get("reason"), evidence, injectedAt));
            } else if (isTrue(node, "Accomplished")) {
                checks.add(check(name, Verdict.PASSED, template + " (" + type + ") accomplished", evidence, injectedAt));
            } else {
                checks.add(check(name, Verdict.WARNING, template + " (" + type + ") had not finished when the hold of "
                        + GoDuration.format(held) + " ended", evidence, injectedAt));
            }
        }
        String name = ref + " finished";
        if (nodes.isEmpty()) {
            checks.add(check(name, Verdict.ERROR, ref + " never started a node (is the Chaos Mesh controller running?)",
                    List.of(ChaosStatus.summary(workflow)), injectedAt));
        } else if (isTrue(workflow, "Accomplished")) {
            checks.add(check(name, Verdict.PASSED, ref + " accomplished (" + nodes.size() + " node(s))",
                    List.of(conditionsOf(workflow)), injectedAt));
        } else if (!finished(workflow, nodes)) {
            checks.add(check(name, Verdict.WARNING, ref + " had not finished when the hold of " + GoDuration.format(held)
                    + " ended (its deadline, within the cap)", List.of(conditionsOf(workflow)), injectedAt));
        }
        return checks;
    }

    private List<GenericKubernetesResource> nodes(GenericKubernetesResource workflow) {
        try {
            return ChaosResources.of(client, ChaosKind.API_VERSION, SpawnedResources.WORKFLOW_NODE)
                    .inNamespace(workflow.getMetadata().getNamespace())
                    .withLabel(WORKFLOW_LABEL, workflow.getMetadata().getName()).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private static boolean finished(GenericKubernetesResource workflow, List<GenericKubernetesResource> nodes) {
        return isTrue(workflow, "Accomplished") || nodes.stream().anyMatch(n -> isTrue(n, "Aborted"));
    }

    /** A child whose duration has passed reports AllRecovered, not AllInjected: its records' counts tell. */
    private static boolean wasInjected(GenericKubernetesResource child) {
        return ChaosStatus.condition(child, ChaosStatus.ALL_INJECTED) || ChaosStatus.injectedRecords(child) > 0;
    }

    private GenericKubernetesResource read(ChaosResourceRef ref) {
        try {
            return ChaosResources.of(client, ref).get();
        } catch (KubernetesClientException e) {
            return null;
        }
    }

    private static Map<String, Object> condition(GenericKubernetesResource resource, String type) {
        for (Map<String, Object> condition : ChaosStatus.conditions(resource)) {
            if (type.equals(condition.get("type"))) {
                return condition;
            }
        }
        return null;
    }

    private static boolean isTrue(GenericKubernetesResource resource, String type) {
        Map<String, Object> condition = condition(resource, type);
        return condition != null && "True".equals(condition.get("status"));
    }

    private static String conditionsOf(GenericKubernetesResource resource) {
        return ChaosStatus.summary(resource);
    }

    private static CheckResult check(String name, Verdict verdict, String summary, List<String> evidence, Instant at) {
        return new CheckResult(ProbeIds.FAULT, name, verdict, summary, evidence, at,
                Duration.between(at, Instant.now()).toMillis());
    }
}
