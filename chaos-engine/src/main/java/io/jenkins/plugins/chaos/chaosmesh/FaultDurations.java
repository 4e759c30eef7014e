package io.jenkins.plugins.chaos.chaosmesh;

import java.util.Map;

/** The {@code duration} rule of a chaos spec, by where it sits ({@link SpecPlace}). */
final class FaultDurations {

    private FaultDurations() {
    }

    static void check(Map<?, ?> spec, String path, SpecPlace place, boolean oneShot, SpecProblems problems) {
        if (place == SpecPlace.WORKFLOW_TEMPLATE) {
            // workflow_webhook.go shouldNotSetupDurationInTheChaos
            if (spec.get("duration") != null) {
                problems.error(path + ".duration", "a chaos inside a Workflow must not have a duration (Chaos Mesh "
                        + "refuses it); give the template a deadline instead");
            }
            return;
        }
        String reason = oneShot ? null : place == SpecPlace.SCHEDULE_BODY
                ? "so that each fault the Schedule creates ends by itself"
                : "so that Chaos Mesh removes the fault even if this run dies";
        problems.positiveDuration(spec, "duration", path, reason);
    }

    /** The action field of a kind with actions: present and one of Chaos Mesh's enum. */
    static String action(KindRules rules, Map<?, ?> spec, String path, SpecProblems problems) {
        return problems.oneOf(spec, "action", path, rules.actions(), true);
    }
}
