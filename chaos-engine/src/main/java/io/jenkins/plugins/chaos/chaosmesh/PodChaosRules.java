package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;

/** PodChaos (podchaos_webhook.go): container-kill needs containerNames; pod-kill and container-kill are one-shot. */
final class PodChaosRules implements KindRules {

    @Override
    public String kind() {
        return "PodChaos";
    }

    @Override
    public List<String> actions() {
        return List.of("pod-kill", "pod-failure", "container-kill");
    }

    @Override
    public boolean oneShot(String action) {
        return "pod-kill".equals(action) || "container-kill".equals(action);
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        String action = FaultDurations.action(this, spec, path, problems);
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, action == null || oneShot(action), problems);
        if ("container-kill".equals(action)
                && !(spec.get("containerNames") instanceof List<?> names && !names.isEmpty())) {
            problems.error(path + ".containerNames", "container-kill needs containerNames, a list of container names");
        }
        problems.wholeWithin(spec, "gracePeriod", path, 0, Long.MAX_VALUE, false, "seconds before the pod is killed");
    }
}
