package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.chaosmesh.EmbeddedChaos;
import io.jenkins.plugins.chaos.chaosmesh.SpecMaps;
import io.jenkins.plugins.chaos.core.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How long one planned fault asks to be held, read from the resource as Chaos Mesh would run it: an inline fault or a
 * chaos manifest by its {@code spec.duration}; a Schedule by the duration of the chaos it spawns (the schedule itself
 * runs for ever); a Workflow by its entry template's deadline, or, without one, by what its templates add up to
 * (Serial: the sum, Parallel: the longest, a chaos template: its deadline or its chaos's duration, Suspend: its
 * deadline). Zero when nothing says (pod-kill, a Workflow of tasks): such a fault is not held at all rather than
 * for the whole cap.
 */
final class FaultHolds {

    /** Workflows nest templates; a cycle or a runaway nesting must not hang the planner. */
    private static final int MAX_DEPTH = 32;

    private FaultHolds() {
    }

    static Duration of(PlannedFault fault) {
        if (fault.inline()) {
            return orZero(fault.duration());
        }
        Map<String, Object> spec = SpecMaps.spec(fault.resource());
        switch (fault.kind()) {
            case "Schedule" -> {
                String type = text(spec.get("type"));
                Map<String, Object> body = EmbeddedChaos.body(spec, type);
                if (body == null) {
                    return Duration.ZERO;
                }
                return "Workflow".equals(type) ? workflow(body) : duration(body.get("duration"));
            }
            case "Workflow" -> {
                return workflow(spec);
            }
            default -> {
                return orZero(fault.duration());
            }
        }
    }

    /** A Workflow spec's expected run time: its entry template's. */
    static Duration workflow(Map<String, Object> spec) {
        List<Object> templates = SpecMaps.asList(spec.get("templates"));
        return templates == null ? Duration.ZERO : template(templates, text(spec.get("entry")), 0);
    }

    private static Duration template(List<Object> templates, String name, int depth) {
        Map<String, Object> template = find(templates, name);
        if (template == null || depth > MAX_DEPTH) {
            return Duration.ZERO;
        }
        Duration deadline = duration(template.get("deadline"));
        if (!deadline.isZero()) {
            return deadline;
        }
        String type = text(template.get("templateType"));
        List<Object> children = SpecMaps.asList(template.get("children"));
        switch (type == null ? "" : type) {
            case "Serial" -> {
                Duration sum = Duration.ZERO;
                for (Object child : children == null ? List.of() : children) {
                    sum = sum.plus(template(templates, text(child), depth + 1));
                }
                return sum;
            }
            case "Parallel" -> {
                Duration longest = Duration.ZERO;
                for (Object child : children == null ? List.of() : children) {
                    Duration each = template(templates, text(child), depth + 1);
                    longest = each.compareTo(longest) > 0 ? each : longest;
                }
                return longest;
            }
            case "Schedule" -> {
                Map<String, Object> schedule = SpecMaps.asMap(template.get("schedule"));
                return schedule == null ? Duration.ZERO : duration(schedule.get("duration"));
            }
            default -> {
                Map<String, Object> body = EmbeddedChaos.body(template, type);
                return body == null ? Duration.ZERO : duration(body.get("duration"));
            }
        }
    }

    private static Map<String, Object> find(List<Object> templates, String name) {
        for (Object item : templates) {
            Map<String, Object> template = SpecMaps.asMap(item);
            if (template != null && name != null && name.equals(template.get("name"))) {
                return template;
            }
        }
        return null;
    }

    private static Duration duration(Object value) {
        return value == null ? Duration.ZERO : GoDuration.parse(String.valueOf(value)).orElse(Duration.ZERO);
    }

    private static Duration orZero(Duration duration) {
        return duration == null ? Duration.ZERO : duration;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
