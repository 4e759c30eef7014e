package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.DidYouMean;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Workflow (workflow_webhook.go): an entry that names a template, unique DNS-1123 template names, children that
 * exist, the body each template type needs and nothing else, no duration inside a chaos template; plus this engine's
 * rule that every template that injects (a chaos other than a one-shot kill, a Schedule) has a deadline, so that the
 * Workflow ends by itself.
 */
final class WorkflowRules implements KindRules {

    static final List<String> FLOW_TYPES = List.of("Task", "Serial", "Parallel", "Suspend", "Schedule", "StatusCheck");

    @Override
    public String kind() {
        return "Workflow";
    }

    @Override
    public List<String> actions() {
        return List.of();
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        String entry = problems.requiredText(spec, "entry", path, "the name of the template the Workflow starts with");
        List<?> templates = problems.list(spec, "templates", path);
        if (templates == null || templates.isEmpty()) {
            problems.error(path + ".templates", "templates in a Workflow cannot be empty");
            return;
        }
        List<String> names = new ArrayList<>();
        for (Object template : templates) {
            names.add(template instanceof Map<?, ?> t && t.get("name") != null ? String.valueOf(t.get("name")) : "");
        }
        Set<String> seen = new LinkedHashSet<>();
        Set<String> duplicated = new LinkedHashSet<>();
        names.forEach(name -> {
            if (!seen.add(name) && !name.isEmpty()) {
                duplicated.add(name);
            }
        });
        if (!duplicated.isEmpty()) {
            problems.error(path + ".templates", "template names must be unique; listed twice: "
                    + String.join(", ", duplicated));
        }
        if (entry != null && !names.contains(entry)) {
            problems.error(path + ".entry", "no template is named '" + entry + "'" + DidYouMean.hint(entry, names));
        }
        for (int i = 0; i < templates.size(); i++) {
            String at = path + ".templates[" + i + "]";
            if (templates.get(i) instanceof Map<?, ?> template) {
                template(template, at, names, problems);
            } else {
                problems.error(at, "a template must be a map (name, templateType, ...), not "
                        + SpecProblems.describe(templates.get(i)));
            }
        }
    }

    private static void template(Map<?, ?> template, String path, List<String> names, SpecProblems problems) {
        KubernetesNames.checkObjectName(template.get("name"), path + ".name", problems);
        String type = problems.requiredText(template, "templateType", path, "one of " + String.join(", ", allTypes()));
        boolean hasDeadline = template.get("deadline") != null;
        if (hasDeadline) {
            problems.positiveDuration(template, "deadline", path, null);
        }
        if (type == null) {
            return;
        }
        Optional<String> refusal = ChaosKinds.refusal(type);
        if (refusal.isPresent() && !"StatusCheck".equals(type)) {
            problems.error(path + ".templateType", "templateType " + type + " is not supported: " + refusal.get());
            return;
        }
        if (!allTypes().contains(type)) {
            problems.error(path + ".templateType", "unknown templateType '" + type + "'" + DidYouMean.hint(type, allTypes())
                    + "; allowed: " + String.join(", ", allTypes()));
            return;
        }
        String body = ChaosRules.embeddableTypes().contains(type) && !"Workflow".equals(type) ? ChaosRules.bodyKey(type)
                : switch (type) {
                    case "Task" -> "task";
                    case "Schedule" -> "schedule";
                    case "StatusCheck" -> "statusCheck";
                    default -> null;
                };
        for (String key : List.of("task", "children", "conditionalBranches", "schedule", "statusCheck")) {
            boolean allowed = key.equals(body) || "children".equals(key) && ("Serial".equals(type) || "Parallel".equals(type))
                    || "conditionalBranches".equals(key) && "Task".equals(type);
            if (!allowed && template.get(key) != null) {
                problems.error(path + "." + key, "a " + type + " template must not contain " + key);
            }
        }
        for (String other : ChaosRules.embeddableTypes()) {
            String key = ChaosRules.bodyKey(other);
            if (!key.equals(body) && template.get(key) != null && !"Workflow".equals(other)) {
                problems.error(path + "." + key, "a " + type + " template must not contain " + key);
            }
        }
        switch (type) {
            case "Suspend" -> {
                if (!hasDeadline) {
                    problems.error(path + ".deadline", "a Suspend template needs a deadline (how long it waits)");
                }
            }
            case "Serial", "Parallel" -> {
                List<?> children = problems.list(template, "children", path);
                if (children != null) {
                    for (int i = 0; i < children.size(); i++) {
                        String child = String.valueOf(children.get(i));
                        if (!names.contains(child)) {
                            problems.error(path + ".children[" + i + "]", "no template is named '" + child + "'"
                                    + DidYouMean.hint(child, names));
                        }
                    }
                }
            }
            case "Task" -> requireBody(template, "task", path, type, problems);
            case "StatusCheck" -> requireBody(template, "statusCheck", path, type, problems);
            case "Schedule" -> {
                Map<?, ?> schedule = requireBody(template, "schedule", path, type, problems);
                if (schedule != null) {
                    ChaosRules.checkSpec("Schedule", schedule, path + ".schedule", SpecPlace.WORKFLOW_TEMPLATE, problems);
                }
                if (!hasDeadline) {
                    problems.error(path + ".deadline", "a Schedule template needs a deadline, or it creates faults "
                            + "until someone deletes the Workflow");
                }
            }
            default -> {
                Map<?, ?> chaos = requireBody(template, body, path, type, problems);
                if (chaos != null) {
                    ChaosRules.checkSpec(type, chaos, path + "." + body, SpecPlace.WORKFLOW_TEMPLATE, problems);
                    Object action = chaos.get("action");
                    if (!hasDeadline && !ChaosRules.oneShot(type, action == null ? null : String.valueOf(action))) {
                        problems.error(path + ".deadline", "a " + type + " template needs a deadline (a chaos inside a "
                                + "Workflow has no duration of its own), or the fault never ends");
                    }
                }
            }
        }
    }

    private static Map<?, ?> requireBody(Map<?, ?> template, String key, String path, String type, SpecProblems problems) {
        Object body = template.get(key);
        if (!(body instanceof Map<?, ?> map)) {
            problems.error(path + "." + key, body == null ? "is required: a " + type + " template carries " + key
                    : "must be a map, not " + SpecProblems.describe(body));
            return null;
        }
        return map;
    }

    static List<String> allTypes() {
        List<String> out = new ArrayList<>(FLOW_TYPES);
        ChaosRules.embeddableTypes().stream().filter(t -> !"Workflow".equals(t)).forEach(out::add);
        return out;
    }
}
