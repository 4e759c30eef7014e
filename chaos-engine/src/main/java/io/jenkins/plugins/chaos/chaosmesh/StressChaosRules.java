package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** StressChaos (stresschaos_webhook.go): stressors (cpu or memory, workers > 0) or stressngStressors. */
final class StressChaosRules implements KindRules {

    // go-units FromHumanSize: a decimal number and an optional unit (k, kb, kib, m, ... p), or a percentage
    private static final Pattern HUMAN_SIZE = Pattern.compile("(?i)\\d+(\\.\\d+)?\\s*([kmgtp]i?b?|b)?");
    private static final Pattern PERCENT = Pattern.compile("\\d+%");

    @Override
    public String kind() {
        return "StressChaos";
    }

    @Override
    public List<String> actions() {
        return List.of();
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
        Map<?, ?> stressors = problems.map(spec, "stressors", path);
        Object stressng = spec.get("stressngStressors");
        if (stressors == null && (stressng == null || String.valueOf(stressng).isBlank())) {
            problems.error(path + ".stressors", "StressChaos needs stressors (cpu: {workers, load}, memory: {workers, "
                    + "size}) or stressngStressors");
            return;
        }
        if (stressors == null) {
            return;
        }
        String at = path + ".stressors";
        Map<?, ?> cpu = problems.map(stressors, "cpu", at);
        Map<?, ?> memory = problems.map(stressors, "memory", at);
        if (cpu == null && memory == null) {
            problems.error(at, "needs cpu or memory");
        }
        if (cpu != null) {
            problems.wholeWithin(cpu, "workers", at + ".cpu", 1, 8192, true, "stress workers");
            problems.wholeWithin(cpu, "load", at + ".cpu", 0, 100, false, "cpu load, a percentage");
        }
        if (memory != null) {
            problems.wholeWithin(memory, "workers", at + ".memory", 1, 8192, true, "stress workers");
            Object size = memory.get("size");
            if (size != null) {
                String text = String.valueOf(size);
                boolean percent = PERCENT.matcher(text).matches();
                if (percent ? Long.parseLong(text.substring(0, text.length() - 1)) > 100
                        : !HUMAN_SIZE.matcher(text).matches()) {
                    problems.error(at + ".memory.size", "'" + text + "' is not a size; e.g. 256MB, 1GB or 50%");
                }
            }
        }
    }
}
