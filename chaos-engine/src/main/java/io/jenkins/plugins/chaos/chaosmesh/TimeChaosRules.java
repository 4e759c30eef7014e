package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** TimeChaos (timechaos_webhook.go): timeOffset a Go duration, which may be negative, and known clock ids. */
final class TimeChaosRules implements KindRules {

    static final List<String> CLOCKS = List.of("CLOCK_REALTIME", "CLOCK_MONOTONIC", "CLOCK_PROCESS_CPUTIME_ID",
            "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE", "CLOCK_MONOTONIC_COARSE",
            "CLOCK_BOOTTIME", "CLOCK_REALTIME_ALARM", "CLOCK_BOOTTIME_ALARM");
    private static final Pattern SIGNED_DURATION = Pattern.compile("[+-]?(\\d+(\\.\\d+)?(ns|us|µs|ms|s|m|h))+");

    @Override
    public String kind() {
        return "TimeChaos";
    }

    @Override
    public List<String> actions() {
        return List.of();
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
        String offset = problems.requiredText(spec, "timeOffset", path, "how far to shift the clock, e.g. -10m");
        if (offset != null && !SIGNED_DURATION.matcher(offset).matches()) {
            problems.error(path + ".timeOffset", "\"" + offset + "\" is not a duration; e.g. -10m, 1h, 30s");
        }
        List<?> clocks = problems.list(spec, "clockIds", path);
        if (clocks != null) {
            for (int i = 0; i < clocks.size(); i++) {
                if (!CLOCKS.contains(String.valueOf(clocks.get(i)))) {
                    problems.error(path + ".clockIds[" + i + "]", "unknown clock '" + clocks.get(i) + "'; allowed: "
                            + String.join(", ", CLOCKS));
                }
            }
        }
    }
}
