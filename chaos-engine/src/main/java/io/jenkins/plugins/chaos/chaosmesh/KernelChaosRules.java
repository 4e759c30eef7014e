package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;

/** KernelChaos (kernelchaos_types.go): failKernRequest, a selector, a duration. */
final class KernelChaosRules implements KindRules {

    @Override
    public String kind() {
        return "KernelChaos";
    }

    @Override
    public List<String> actions() {
        return List.of();
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        if (problems.map(spec, "failKernRequest", path) == null) {
            problems.error(path + ".failKernRequest", "is required: the kernel calls to fail");
        }
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
    }
}
