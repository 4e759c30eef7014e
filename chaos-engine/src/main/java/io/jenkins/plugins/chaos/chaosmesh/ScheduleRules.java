package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.DidYouMean;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Schedule (schedule_webhook.go): a cron schedule Chaos Mesh parses, a type, and the chaos body of that type (checked
 * by that kind's rules), which must end by itself: a Schedule without a duration in its body piles up faults.
 */
final class ScheduleRules implements KindRules {

    static final List<String> CONCURRENCY = List.of("Forbid", "Allow");

    @Override
    public String kind() {
        return "Schedule";
    }

    @Override
    public List<String> actions() {
        return List.of();
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        String schedule = problems.requiredText(spec, "schedule", path, "a cron schedule such as '*/5 * * * *' or "
                + "'@every 5m'");
        if (schedule != null) {
            CronSchedule.problem(schedule).ifPresent(problem -> problems.error(path + ".schedule", problem));
        }
        problems.oneOf(spec, "concurrencyPolicy", path, CONCURRENCY, false);
        problems.wholeWithin(spec, "historyLimit", path, 1, 1000, false, "finished runs kept");
        problems.wholeWithin(spec, "startingDeadlineSeconds", path, 0, Long.MAX_VALUE, false, "seconds");
        String type = problems.requiredText(spec, "type", path, "the kind the Schedule creates, e.g. NetworkChaos; "
                + "allowed: " + String.join(", ", ChaosRules.embeddableTypes()));
        if (type == null) {
            return;
        }
        Optional<String> refusal = ChaosKinds.refusal(type);
        if (refusal.isPresent()) {
            problems.error(path + ".type", "type " + type + " is not supported: " + refusal.get());
            return;
        }
        if (!ChaosRules.embeddableTypes().contains(type)) {
            problems.error(path + ".type", "unknown type '" + type + "'" + DidYouMean.hint(type,
                    ChaosRules.embeddableTypes()) + "; allowed: " + String.join(", ", ChaosRules.embeddableTypes()));
            return;
        }
        String bodyKey = ChaosRules.bodyKey(type);
        for (String other : ChaosRules.embeddableTypes()) {
            String otherKey = ChaosRules.bodyKey(other);
            if (!otherKey.equals(bodyKey) && spec.get(otherKey) != null) {
                problems.error(path + "." + otherKey, "a Schedule of type " + type + " carries only " + bodyKey
                        + "; remove " + otherKey);
            }
        }
        Object body = spec.get(bodyKey);
        if (!(body instanceof Map<?, ?> chaos)) {
            problems.error(path + "." + bodyKey, body == null ? "is required: the " + type + " the Schedule creates "
                    + "(type: " + type + " needs " + bodyKey + ")" : "must be a map, not " + SpecProblems.describe(body));
            return;
        }
        ChaosRules.checkSpec(type, chaos, path + "." + bodyKey, "Workflow".equals(type) ? SpecPlace.RESOURCE
                : SpecPlace.SCHEDULE_BODY, problems);
    }
}
