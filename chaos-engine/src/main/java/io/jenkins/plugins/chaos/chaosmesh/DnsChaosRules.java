package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;

/** DNSChaos (dnschaos_type.go): action error or random, patterns a list. */
final class DnsChaosRules implements KindRules {

    @Override
    public String kind() {
        return "DNSChaos";
    }

    @Override
    public List<String> actions() {
        return List.of("error", "random");
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        FaultDurations.action(this, spec, path, problems);
        problems.list(spec, "patterns", path);
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
    }
}
