package io.jenkins.plugins.chaos.chaosmesh;

import io.jenkins.plugins.chaos.core.GoDuration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** NetworkChaos (networkchaos_webhook.go, networkchaos_types.go): tc blocks per action, direction and targets. */
final class NetworkChaosRules implements KindRules {

    static final List<String> DIRECTIONS = List.of("to", "from", "both");
    private static final List<String> NETEM_BLOCKS = List.of("delay", "loss", "duplicate", "corrupt", "rate");
    // isValidRateUnit: a whole number followed by one of these units, case-insensitive
    private static final Pattern RATE = Pattern.compile("(?i)\\s*\\d+\\s*(kbit|mbit|gbit|tbit|tbps|gbps|mbps|kbps|bps|bit)\\s*");

    @Override
    public String kind() {
        return "NetworkChaos";
    }

    @Override
    public List<String> actions() {
        return List.of("netem", "delay", "loss", "duplicate", "corrupt", "partition", "bandwidth");
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        String action = FaultDurations.action(this, spec, path, problems);
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
        String direction = problems.oneOf(spec, "direction", path, DIRECTIONS, false);
        Object target = spec.get("target");
        if (target != null) {
            if (target instanceof Map<?, ?> t) {
                PodSelectorRules.check(t, path + ".target", problems);
            } else {
                problems.error(path + ".target", "must be a map with selector, mode and (for some modes) value");
            }
        }
        List<?> external = problems.list(spec, "externalTargets", path);
        if (external != null && external.isEmpty()) {
            problems.error(path + ".externalTargets", "is empty; list IPs or host names, or remove it");
        }
        boolean fromOrBoth = "from".equals(direction) || "both".equals(direction);
        if (action != null && !"partition".equals(action) && fromOrBoth) {
            if (external != null) {
                problems.error(path + ".direction", "externalTargets cannot be used with direction " + direction
                        + " in a " + action + " action (Chaos Mesh refuses it); use direction: to");
            }
            if (target == null) {
                problems.error(path + ".direction", "direction " + direction + " needs target (the pods on the other "
                        + "side) in a " + action + " action");
            }
        }
        if (action == null) {
            return;
        }
        switch (action) {
            case "delay" -> delay(spec, path, problems, true);
            case "loss", "duplicate", "corrupt" -> percentBlock(spec, action, path, problems, true);
            case "bandwidth" -> bandwidth(spec, path, problems);
            case "netem" -> {
                if (NETEM_BLOCKS.stream().noneMatch(spec::containsKey)) {
                    problems.error(path, "action netem needs at least one of delay, loss, duplicate, corrupt, rate");
                }
                if (spec.containsKey("delay")) {
                    delay(spec, path, problems, false);
                }
                for (String block : List.of("loss", "duplicate", "corrupt")) {
                    if (spec.containsKey(block)) {
                        percentBlock(spec, block, path, problems, false);
                    }
                }
            }
            default -> {
            }
        }
    }

    private static void delay(Map<?, ?> spec, String path, SpecProblems problems, boolean required) {
        Map<?, ?> delay = problems.map(spec, "delay", path);
        String at = path + ".delay";
        if (delay == null) {
            if (required) {
                problems.error(at + ".latency", "action delay needs delay.latency, e.g. 100ms");
            }
            return;
        }
        if (delay.get("latency") == null) {
            problems.error(at + ".latency", "action delay needs delay.latency, e.g. 100ms");
        } else {
            problems.positiveDuration(delay, "latency", at, null);
        }
        if (delay.get("jitter") != null) {
            durationOrZero(delay, "jitter", at, problems);
        }
        problems.floatPercent(delay, "correlation", at, false, "correlation");
        Map<?, ?> reorder = problems.map(delay, "reorder", at);
        if (reorder != null) {
            problems.floatPercent(reorder, "reorder", at + ".reorder", true, "reorder");
            problems.floatPercent(reorder, "correlation", at + ".reorder", false, "correlation");
        }
    }

    /** jitter may be 0ms, unlike a fault's duration. */
    private static void durationOrZero(Map<?, ?> map, String key, String path, SpecProblems problems) {
        Object value = map.get(key);
        if (!(value instanceof String text) || GoDuration.parse(text).isEmpty()) {
            problems.error(path + "." + key, SpecProblems.describe(value) + " is not a duration; "
                    + GoDuration.ALLOWED);
        }
    }

    private static void percentBlock(Map<?, ?> spec, String block, String path, SpecProblems problems, boolean required) {
        Map<?, ?> values = problems.map(spec, block, path);
        String at = path + "." + block;
        if (values == null) {
            if (required) {
                problems.error(at + "." + block, "action " + block + " needs " + block + "." + block
                        + ", a percentage 0..100");
            }
            return;
        }
        problems.floatPercent(values, block, at, true, block);
        problems.floatPercent(values, "correlation", at, false, "correlation");
    }

    private static void bandwidth(Map<?, ?> spec, String path, SpecProblems problems) {
        Map<?, ?> bandwidth = problems.map(spec, "bandwidth", path);
        String at = path + ".bandwidth";
        if (bandwidth == null) {
            problems.error(at, "action bandwidth needs bandwidth.rate (e.g. 1mbps), bandwidth.limit and bandwidth.buffer");
            return;
        }
        Object rate = bandwidth.get("rate");
        if (rate == null) {
            problems.error(at + ".rate", "is required, e.g. 1mbps");
        } else if (!RATE.matcher(String.valueOf(rate)).matches()) {
            problems.error(at + ".rate", "'" + rate + "' is not a rate; use bps, kbps, mbps, gbps, tbps, bit, kbit, "
                    + "mbit, gbit or tbit after a whole number, e.g. 1mbps");
        }
        problems.wholeWithin(bandwidth, "limit", at, 1, 4_294_967_295L, true, "bytes that can be queued");
        problems.wholeWithin(bandwidth, "buffer", at, 1, 4_294_967_295L, true, "bucket size in bytes");
    }
}
