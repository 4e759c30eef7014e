package io.jenkins.plugins.chaos.chaosmesh;

import java.util.List;
import java.util.Map;

/**
 * HTTPChaos (httpchaos_webhook.go): target Request or Response, a port, a method Go's net/http knows, and at least
 * one of abort, delay, replace, patch (without one the fault changes nothing and the run would prove nothing).
 */
final class HttpChaosRules implements KindRules {

    static final List<String> TARGETS = List.of("Request", "Response");
    static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
            "CONNECT");
    static final List<String> FAULTS = List.of("abort", "delay", "replace", "patch");

    @Override
    public String kind() {
        return "HTTPChaos";
    }

    @Override
    public List<String> actions() {
        return List.of();
    }

    @Override
    public void check(Map<?, ?> spec, String path, SpecPlace place, SpecProblems problems) {
        PodSelectorRules.check(spec, path, problems);
        FaultDurations.check(spec, path, place, false, problems);
        String target = problems.oneOf(spec, "target", path, TARGETS, true);
        Long port = spec.get("port") == null ? null : problems.whole(spec, "port", path);
        if (spec.get("port") == null || port != null && (port < 1 || port > 65535)) {
            problems.error(path + ".port", "HTTPChaos needs port, the container port 1..65535 whose HTTP traffic is hit "
                    + "(HTTPChaos cannot act on HTTPS: use a NetworkChaos with externalTargets for TLS egress)");
        }
        if ("Request".equals(target)) {
            problems.oneOf(spec, "method", path, METHODS, false);
        }
        if (FAULTS.stream().noneMatch(spec::containsKey)) {
            problems.error(path, "HTTPChaos needs one of abort, delay, replace, patch: without one it changes nothing");
        }
        if (spec.get("delay") != null) {
            problems.positiveDuration(spec, "delay", path, null);
        }
        if (spec.get("abort") != null && !(spec.get("abort") instanceof Boolean)) {
            problems.error(path + ".abort", "must be true or false, not " + SpecProblems.describe(spec.get("abort")));
        }
        for (String block : List.of("replace", "patch")) {
            if (spec.get(block) != null && !(spec.get(block) instanceof Map<?, ?>)) {
                problems.error(path + "." + block, "must be a map (e.g. code, body, headers), not "
                        + SpecProblems.describe(spec.get(block)));
            }
        }
        if (spec.get("code") != null) {
            problems.wholeWithin(spec, "code", path, 100, 599, false, "an HTTP status code");
        }
    }
}
