package io.jenkins.plugins.chaos.plan;

import io.jenkins.plugins.chaos.chaosmesh.ChaosKind;
import io.jenkins.plugins.chaos.chaosmesh.ChaosKinds;
import io.jenkins.plugins.chaos.core.GoDuration;
import io.jenkins.plugins.chaos.core.ValidationError;
import io.jenkins.plugins.chaos.experiment.FaultSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the fields of one inline fault against what Chaos Mesh accepts for its kind and action. */
final class FaultValidator {

    static final List<String> MODES = List.of("one", "all", "fixed", "fixed-percent", "random-max-percent");
    static final List<String> DIRECTIONS = List.of("to", "from", "both");
    static final List<String> HTTP_TARGETS = List.of("Request", "Response");
    static final List<String> SELECTOR_KEYS = List.of("namespaces", "labelSelectors", "expressionSelectors",
            "annotationSelectors", "fieldSelectors", "podPhaseSelectors", "nodes", "nodeSelectors", "pods");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern BANDWIDTH_RATE = Pattern.compile("\\d+(\\.\\d+)?(bps|kbps|mbps|gbps|tbps)");

    private final List<ValidationError> errors;
    private final Duration cap;

    FaultValidator(List<ValidationError> errors, Duration cap) {
        this.errors = errors;
        this.cap = cap;
    }

    void validate(FaultSpec fault, String path) {
        if (fault.isManifest()) {
            validateManifestFault(fault, path);
            return;
        }
        if (fault.getKind() == null) {
            error(path + ".kind", "is required; allowed: " + String.join(", ", ChaosKinds.inlineKinds())
                    + " (or 'manifest: file.yaml' for any other Chaos Mesh kind)");
            return;
        }
        Optional<ChaosKind> kind = ChaosKinds.known(fault.getKind()).filter(ChaosKind::inline);
        if (kind.isEmpty()) {
            rejectKind(fault.getKind(), path);
            return;
        }
        validateAction(kind.get(), fault, path);
        validateDuration(fault.getDuration(), path + ".duration");
        validateMode(fault.getMode(), fault.getValue(), path);
        validateSelector(fault.getSelector(), path + ".selector", true);
        if (fault.getNamespace() != null) {
            validateNamespaceName(fault.getNamespace(), path + ".namespace");
        }
        validateParameters(kind.get(), fault, path);
    }

    private void validateManifestFault(FaultSpec fault, String path) {
        if (fault.getKind() != null || fault.getAction() != null || fault.getSelector() != null
                || fault.getMode() != null || fault.getDuration() != null || !fault.getParameters().isEmpty()) {
            error(path, "a fault with 'manifest' takes only 'name' besides it: the file is applied unchanged");
        }
        if (fault.getManifest().isBlank()) {
            error(path + ".manifest", "is empty; give the path of a Chaos Mesh YAML file");
        }
    }

    private void rejectKind(String kind, String path) {
        Optional<String> refusal = ChaosKinds.refusal(kind);
        if (refusal.isPresent()) {
            error(path + ".kind", "kind " + kind + " is not supported: " + refusal.get());
        } else if (ChaosKinds.known(kind).isPresent()) {
            error(path + ".kind", kind + " is applied from a manifest only ('manifest: file.yaml'); inline kinds: "
                    + String.join(", ", ChaosKinds.inlineKinds()));
        } else {
            error(path + ".kind", "unknown kind '" + kind + "'; allowed: " + String.join(", ", ChaosKinds.inlineKinds()));
        }
    }

    private void validateAction(ChaosKind kind, FaultSpec fault, String path) {
        if (kind.inlineActions().isEmpty()) {
            if (fault.getAction() != null) {
                error(path + ".action", kind.kind() + " takes no action; remove it");
            }
            return;
        }
        if (fault.getAction() == null) {
            error(path + ".action", "is required for " + kind.kind() + "; allowed: "
                    + String.join(", ", kind.inlineActions()));
        } else if (!kind.inlineActions().contains(fault.getAction())) {
            error(path + ".action", "unknown " + kind.kind() + " action '" + fault.getAction() + "'; allowed: "
                    + String.join(", ", kind.inlineActions()));
        }
    }

    void validateDuration(String text, String path) {
        if (text == null) {
            error(path, "is required, so that Chaos Mesh removes the fault even if this run dies; " + GoDuration.ALLOWED);
            return;
        }
        if (GoDuration.parse(text).filter(Duration::isZero).isPresent()) {
            error(path, "must be longer than 0s");
        } else {
            Guardrails.checkDuration(text, path, cap, errors);
        }
    }

    private void validateMode(String mode, String value, String path) {
        if (mode == null) {
            error(path + ".mode", "is required; allowed: " + String.join(", ", MODES));
            return;
        }
        if (!MODES.contains(mode)) {
            error(path + ".mode", "unknown mode '" + mode + "'; allowed: " + String.join(", ", MODES));
            return;
        }
        switch (mode) {
            case "fixed" -> {
                Integer count = integer(value);
                if (count == null || count < 1) {
                    error(path + ".value", "mode fixed needs value, a whole number of pods >= 1 (got "
                            + (value == null ? "nothing" : "'" + value + "'") + ")");
                }
            }
            case "fixed-percent", "random-max-percent" -> percent(value, path + ".value", "mode " + mode + " needs value");
            default -> {
                if (value != null) {
                    error(path + ".value", "mode " + mode + " takes no value; values go with fixed, fixed-percent, "
                            + "random-max-percent");
                }
            }
        }
    }

    void validateSelector(Map<String, Object> selector, String path, boolean required) {
        if (selector == null) {
            if (required) {
                error(path, "is required: name the pods with namespaces and labelSelectors (an empty selector would "
                        + "hit every pod)");
            }
            return;
        }
        for (String key : selector.keySet()) {
            if (!SELECTOR_KEYS.contains(key)) {
                error(path + "." + key, "unknown selector key; allowed: " + String.join(", ", SELECTOR_KEYS));
            }
        }
        Object namespaces = selector.get("namespaces");
        if (namespaces != null) {
            if (namespaces instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    validateNamespaceName(String.valueOf(list.get(i)), path + ".namespaces[" + i + "]");
                }
            } else {
                error(path + ".namespaces", "must be a list of namespace names");
            }
        }
        Object labels = selector.get("labelSelectors");
        if (labels != null && !(labels instanceof Map<?, ?> m && m.values().stream().allMatch(v -> v instanceof String))) {
            error(path + ".labelSelectors", "must be a map of label names to text values, e.g. {app: provider-primary}");
        }
    }

    void validateNamespaceName(String namespace, String path) {
        if (!DNS_LABEL.matcher(namespace).matches()) {
            error(path, "'" + namespace + "' is not a valid namespace name (lower-case letters, digits and '-')");
        }
    }

    private void validateParameters(ChaosKind kind, FaultSpec fault, String path) {
        Set<String> allowed = kind.parameterKeys();
        for (String key : fault.getParameters().keySet()) {
            if (!allowed.contains(key)) {
                error(path + "." + key, "unknown key for " + kind.kind() + "; allowed: "
                        + String.join(", ", FaultSpec.COMMON_KEYS) + ", " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        Map<String, Object> p = fault.getParameters();
        String action = fault.getAction() == null ? "" : fault.getAction();
        switch (kind.kind()) {
            case "NetworkChaos" -> validateNetwork(p, action, path);
            case "PodChaos" -> {
                if ("container-kill".equals(action) && !(p.get("containerNames") instanceof List<?> l && !l.isEmpty())) {
                    error(path + ".containerNames", "container-kill needs containerNames, a list of container names");
                }
            }
            case "HTTPChaos" -> validateHttp(p, action, path);
            case "IOChaos" -> IoChaosRules.validate(p, action, path, errors);
            case "StressChaos" -> {
                if (p.get("stressors") == null && p.get("stressngStressors") == null) {
                    error(path + ".stressors", "StressChaos needs stressors (cpu: {workers, load}, memory: {workers, size})");
                }
                Map<?, ?> cpu = p.get("stressors") instanceof Map<?, ?> s && s.get("cpu") instanceof Map<?, ?> c ? c : null;
                if (cpu != null && cpu.get("load") != null) {
                    percent(String.valueOf(cpu.get("load")), path + ".stressors.cpu.load", "cpu load");
                }
            }
            default -> {
            }
        }
    }

    private void validateNetwork(Map<String, Object> p, String action, String path) {
        Object direction = p.get("direction");
        if (direction != null && !DIRECTIONS.contains(String.valueOf(direction))) {
            error(path + ".direction", "unknown direction '" + direction + "'; allowed: " + String.join(", ", DIRECTIONS));
        }
        Object target = p.get("target");
        if (target != null) {
            if (target instanceof Map<?, ?> t) {
                @SuppressWarnings("unchecked")
                Map<String, Object> targetSelector = t.get("selector") instanceof Map<?, ?> s ? (Map<String, Object>) s : null;
                validateSelector(targetSelector, path + ".target.selector", true);
                validateMode(t.get("mode") == null ? null : String.valueOf(t.get("mode")),
                        t.get("value") == null ? null : String.valueOf(t.get("value")), path + ".target");
            } else {
                error(path + ".target", "must be a map with selector, mode and (for some modes) value");
            }
        }
        switch (action) {
            case "delay" -> {
                Map<?, ?> delay = p.get("delay") instanceof Map<?, ?> d ? d : null;
                if (delay == null || delay.get("latency") == null) {
                    error(path + ".delay.latency", "action delay needs delay.latency, e.g. 100ms");
                } else if (GoDuration.parse(String.valueOf(delay.get("latency"))).isEmpty()) {
                    error(path + ".delay.latency", "\"" + delay.get("latency") + "\" is not a duration; " + GoDuration.ALLOWED);
                }
                if (delay != null && delay.get("correlation") != null) {
                    percent(String.valueOf(delay.get("correlation")), path + ".delay.correlation", "correlation");
                }
            }
            case "loss" -> {
                Map<?, ?> loss = p.get("loss") instanceof Map<?, ?> l ? l : null;
                if (loss == null || loss.get("loss") == null) {
                    error(path + ".loss.loss", "action loss needs loss.loss, a percentage 0..100");
                } else {
                    percent(String.valueOf(loss.get("loss")), path + ".loss.loss", "loss");
                }
                if (loss != null && loss.get("correlation") != null) {
                    percent(String.valueOf(loss.get("correlation")), path + ".loss.correlation", "correlation");
                }
            }
            case "bandwidth" -> {
                Map<?, ?> bandwidth = p.get("bandwidth") instanceof Map<?, ?> b ? b : null;
                if (bandwidth == null || bandwidth.get("rate") == null || bandwidth.get("limit") == null
                        || bandwidth.get("buffer") == null) {
                    error(path + ".bandwidth", "action bandwidth needs bandwidth.rate (e.g. 1mbps), bandwidth.limit and "
                            + "bandwidth.buffer");
                } else if (!BANDWIDTH_RATE.matcher(String.valueOf(bandwidth.get("rate"))).matches()) {
                    error(path + ".bandwidth.rate", "'" + bandwidth.get("rate") + "' is not a rate; use bps, kbps, mbps, gbps, e.g. 1mbps");
                }
            }
            case "duplicate", "corrupt" -> {
                Map<?, ?> block = p.get(action) instanceof Map<?, ?> b ? b : null;
                if (block == null || block.get(action) == null) {
                    error(path + "." + action + "." + action, "action " + action + " needs " + action + "." + action
                            + ", a percentage 0..100");
                } else {
                    percent(String.valueOf(block.get(action)), path + "." + action + "." + action, action);
                }
            }
            default -> {
            }
        }
    }

    private void validateHttp(Map<String, Object> p, String action, String path) {
        Object target = p.get("target");
        if (target == null || !HTTP_TARGETS.contains(String.valueOf(target))) {
            error(path + ".target", (target == null ? "is required" : "unknown target '" + target + "'")
                    + " for HTTPChaos; allowed: " + String.join(", ", HTTP_TARGETS));
        }
        Integer port = integer(p.get("port") == null ? null : String.valueOf(p.get("port")));
        if (port == null || port < 1 || port > 65535) {
            error(path + ".port", "HTTPChaos needs port, the container port 1..65535 whose HTTP traffic is hit "
                    + "(HTTPChaos cannot act on HTTPS: use a NetworkChaos with externalTargets for TLS egress)");
        }
        switch (action) {
            case "delay" -> {
                Object delay = p.get("delay");
                if (delay == null || GoDuration.parse(String.valueOf(delay)).isEmpty()) {
                    error(path + ".delay", "HTTPChaos action delay needs delay, a duration such as 10s");
                }
            }
            case "replace", "patch" -> {
                if (!(p.get(action) instanceof Map<?, ?>)) {
                    error(path + "." + action, "HTTPChaos action " + action + " needs " + action
                            + ", a map (e.g. code, body, headers)");
                }
            }
            default -> {
            }
        }
    }

    private void percent(String value, String path, String what) {
        Double number = decimal(value);
        if (number == null || number < 0 || number > 100) {
            error(path, what + " must be a percentage between 0 and 100 (got "
                    + (value == null ? "nothing" : "'" + value + "'") + ")");
        }
    }

    private static Integer integer(String value) {
        try {
            return value == null ? null : Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double decimal(String value) {
        try {
            return value == null ? null : Double.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void error(String path, String message) {
        errors.add(new ValidationError(path, message));
    }
}
