package io.jenkins.plugins.chaos.probe.network;

import io.jenkins.plugins.chaos.probe.network.DynamicConnectivityProbe.Attempt;
import io.jenkins.plugins.chaos.probe.network.ProbeOutcome.Kind;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns probe pod outcomes into checks. A connection is a breach whatever the controls say: it is proof. A refused
 * connection is only evidence of isolation when both controls worked: some pod of the source namespace could connect
 * to its own service (so pods of A can run nc, resolve names and reach the network), and the target port answered
 * its own namespace (so something listens there).
 */
final class ConnectivityJudge {

    private final String probe;

    ConnectivityJudge(String probe) {
        this.probe = probe;
    }

    List<CheckResult> judge(List<Attempt> attempts, ProbeOutcome[] outcomes, Map<String, ProbeTargets> targets,
                            Instant started) {
        Map<ProbeTarget, ProbeOutcome> controls = new HashMap<>();
        Map<String, List<ProbeOutcome>> controlsBySource = new HashMap<>();
        for (int i = 0; i < attempts.size(); i++) {
            if (attempts.get(i).control()) {
                controls.put(attempts.get(i).target(), outcomes[i]);
                controlsBySource.computeIfAbsent(attempts.get(i).source(), k -> new ArrayList<>()).add(outcomes[i]);
            }
        }
        List<CheckResult> results = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            Attempt attempt = attempts.get(i);
            results.add(attempt.control() ? control(attempt, outcomes[i])
                    : cross(attempt, outcomes[i], controlsBySource.getOrDefault(attempt.source(), List.of()),
                    controls.get(attempt.target()), targets.get(attempt.source())));
        }
        results.addAll(unprobed(targets, started));
        return results;
    }

    private CheckResult control(Attempt attempt, ProbeOutcome outcome) {
        String own = attempt.source() + "'s own " + attempt.target().describe();
        return switch (outcome.kind()) {
            case CONNECTED -> check(attempt, outcome, Verdict.PASSED,
                    "positive control: a pod in " + attempt.source() + " connected to " + own, outcome.evidence());
            case NOT_CONNECTED -> check(attempt, outcome, Verdict.ERROR, "positive control failed: a pod in "
                    + attempt.source() + " could not connect to " + own + " (" + outcome.detail()
                    + "); a refused connection from or to it proves nothing", outcome.evidence());
            default -> check(attempt, outcome, Verdict.ERROR, "positive control could not run: " + outcome.detail(),
                    outcome.evidence());
        };
    }

    private CheckResult cross(Attempt attempt, ProbeOutcome outcome, List<ProbeOutcome> sourceControls,
                              ProbeOutcome targetControl, ProbeTargets sourceTargets) {
        ProbeTarget target = attempt.target();
        if (outcome.kind() == Kind.CONNECTED) {
            return check(attempt, outcome, Verdict.CRITICAL, "isolation breach: a pod in " + attempt.source()
                    + " connected to " + target.namespace() + "'s " + target.describe() + " (" + target.dnsName() + ")",
                    outcome.evidence());
        }
        if (outcome.kind() != Kind.NOT_CONNECTED) {
            return check(attempt, outcome, Verdict.ERROR, "could not check: " + outcome.detail(), outcome.evidence());
        }
        List<String> failed = new ArrayList<>();
        if (sourceControls.stream().noneMatch(c -> c.kind() == Kind.CONNECTED)) {
            failed.add(sourceControls.isEmpty()
                    ? attempt.source() + " has no service to run a positive control against"
                    + (sourceTargets == null || sourceTargets.problems().isEmpty() ? ""
                    : " (" + sourceTargets.problems().get(0).reason() + ")")
                    : "no pod in " + attempt.source() + " could connect to its own services ("
                    + sourceControls.get(0).detail() + ")");
        }
        if (targetControl == null || targetControl.kind() != Kind.CONNECTED) {
            failed.add(target.namespace() + "'s own pods could not connect to " + target.describe()
                    + (targetControl == null ? "" : " (" + targetControl.detail() + ")"));
        }
        List<String> evidence = new ArrayList<>(outcome.evidence());
        if (!failed.isEmpty()) {
            evidence.add("positive control failed: " + String.join("; ", failed));
            return check(attempt, outcome, Verdict.ERROR, "positive control failed (" + String.join("; ", failed)
                    + "), so the refused connection proves nothing", evidence);
        }
        evidence.add("positive controls: " + attempt.source() + " reaches its own services and "
                + target.namespace() + "'s " + target.describe() + " answers its own namespace");
        return check(attempt, outcome, Verdict.PASSED, attempt.source() + " cannot connect to " + target.namespace()
                + "'s " + target.describe() + " (" + outcome.detail() + ")", evidence);
    }

    /** ERROR checks for what no pod was started for: missing namespaces, services or ports. */
    private List<CheckResult> unprobed(Map<String, ProbeTargets> targets, Instant started) {
        List<CheckResult> results = new ArrayList<>();
        for (ProbeTargets source : targets.values()) {
            for (ProbeTargets destination : targets.values()) {
                if (destination.namespace().equals(source.namespace())) {
                    continue;
                }
                String pair = source.namespace() + "->" + destination.namespace() + " ";
                if (!source.exists()) {
                    String reason = source.problems().isEmpty() ? "namespace " + source.namespace() + " not found"
                            : source.problems().get(0).reason();
                    for (ProbeTarget target : destination.targets()) {
                        results.add(error(pair + target.describe(), "could not check: " + reason
                                + ", no probe pod can run there", started));
                    }
                }
                for (ProbeTargets.Problem problem : destination.problems()) {
                    results.add(error(pair + problem.label(), "could not check: " + problem.reason(), started));
                }
            }
        }
        return results;
    }

    private CheckResult check(Attempt attempt, ProbeOutcome outcome, Verdict verdict, String summary, List<String> evidence) {
        return new CheckResult(probe, attempt.checkName(), verdict, summary, evidence, outcome.startedAt(),
                outcome.durationMillis());
    }

    private CheckResult error(String name, String summary, Instant started) {
        return new CheckResult(probe, name, Verdict.ERROR, summary, List.of(summary), started, 0);
    }
}
