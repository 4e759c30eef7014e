package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;

/** BlockChaos (blockchaos_types.go): action delay on a named volume. */
final class BlockChaosRules implements KindRules {

    @Override
    public String kind() {
        return "BlockChaos";
    }

    @Override
    public List<String> actions() {
        return List.of("delay");
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        FaultDurations.action(this, spec, path, problems);
        Map<?, ?> delay = problems.map(spec, "delay", path);
        if (delay != null && delay.get("latency") != null) {
            problems.positiveDuration(delay, "latency", path + ".delay", null);
        }
        problems.requiredText(spec, "volumeName", path, "the volume whose block device is delayed");
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
    }
}
