package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;

/** JVMChaos (jvmchaos_types.go): one of its actions, a selector, a duration. */
final class JvmChaosRules implements KindRules {

    @Override
    public String kind() {
        return "JVMChaos";
    }

    @Override
    public List<String> actions() {
        return List.of("latency", "return", "exception", "stress", "gc", "ruleData", "mysql");
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        FaultDurations.action(this, spec, path, problems);
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
    }
}
