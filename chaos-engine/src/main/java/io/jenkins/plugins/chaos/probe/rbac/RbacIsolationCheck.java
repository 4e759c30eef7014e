package io.jenkins.plugins.chaos.probe.rbac;

import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The runbook's lateral-movement scenario: a tenant's service accounts must not read or change another tenant's
 * secrets and configmaps, nor exec into its pods. Each tenant's reviewer answers are trusted only after a positive
 * control: the reviewer must allow something the tenant's own Role grants, otherwise a reviewer that denies
 * everything would make every tenant look isolated.
 */
public final class RbacIsolationCheck {

    public static final String PROBE = ProbeIds.ISOLATION_RBAC;

    /** What an attacker holding a tenant's token tries next door. */
    public record Action(String verb, String resource, String subresource) implements Serializable {
        public String describe() {
            return verb + " " + (subresource.isEmpty() ? resource : resource + "/" + subresource);
        }
    }

    public static final List<Action> ACTIONS = List.of(
            new Action("get", "secrets", ""),
            new Action("list", "secrets", ""),
            new Action("get", "configmaps", ""),
            new Action("update", "configmaps", ""),
            new Action("create", "pods", "exec"));

    static final String CONTROL_FAILED = "positive control failed: the reviewer denies what the tenant's own Role grants,"
            + " so its denials prove nothing";

    private final List<String> tenantNamespaces;
    private final AccessReviewer reviewer;

    public RbacIsolationCheck(List<String> tenantNamespaces, AccessReviewer reviewer) {
        Set<String> distinct = new LinkedHashSet<>(tenantNamespaces == null ? List.of() : tenantNamespaces);
        if (distinct.size() < 2) {
            throw new IllegalArgumentException("tenantNamespaces needs at least 2 distinct namespaces, got " + distinct);
        }
        this.tenantNamespaces = List.copyOf(distinct);
        this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
    }

    /**
     * @param snapshot the service accounts to impersonate and the RBAC objects the positive controls come from;
     *                 the verdicts themselves come from the reviewer
     */
    public List<CheckResult> run(RbacSnapshot snapshot) {
        PositiveControlFinder finder = new PositiveControlFinder(snapshot);
        List<CheckResult> results = new ArrayList<>();
        for (String a : tenantNamespaces) {
            CheckResult control = positiveControl(finder, a);
            results.add(control);
            List<String> accounts = snapshot.serviceAccountNames(a);
            for (String b : tenantNamespaces) {
                if (a.equals(b)) {
                    continue;
                }
                for (Action action : ACTIONS) {
                    results.add(pairCheck(a, b, action, accounts, control));
                }
            }
        }
        return results;
    }

    private CheckResult positiveControl(PositiveControlFinder finder, String namespace) {
        Instant started = Instant.now();
        String name = namespace + " positive control";
        Optional<PositiveControl> found = finder.find(namespace);
        if (found.isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.ERROR,
                    "no positive control: no RoleBinding in " + namespace + " binds one of its service accounts to a role,"
                            + " so the reviewer's denials cannot be trusted",
                    List.of("reviewer: " + reviewer.describe()), started, since(started));
        }
        PositiveControl control = found.get();
        List<String> evidence = new ArrayList<>();
        evidence.add("reviewer: " + reviewer.describe());
        evidence.add("asked: " + control.request().describe());
        evidence.add("granted by " + control.grantedBy());
        try {
            AccessDecision decision = reviewer.review(control.request());
            if (!decision.reason().isEmpty()) {
                evidence.add("reviewer says: " + decision.reason());
            }
            if (decision.allowed()) {
                return new CheckResult(PROBE, name, Verdict.PASSED,
                        "the reviewer allows " + control.request().action() + " that " + namespace + "'s own Role grants",
                        evidence, started, since(started));
            }
            return new CheckResult(PROBE, name, Verdict.ERROR, CONTROL_FAILED, evidence, started, since(started));
        } catch (RuntimeException e) {
            evidence.add("reviewer failed: " + e);
            return new CheckResult(PROBE, name, Verdict.ERROR, "positive control could not run: " + e.getMessage(),
                    evidence, started, since(started));
        }
    }

    private CheckResult pairCheck(String a, String b, Action action, List<String> accounts, CheckResult control) {
        Instant started = Instant.now();
        String name = a + "->" + b + " " + action.describe();
        List<String> breaches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<String> denied = new ArrayList<>();
        for (String account : accounts) {
            AccessRequest request = new AccessRequest(a, account, action.verb(), action.resource(), action.subresource(), b);
            try {
                AccessDecision decision = reviewer.review(request);
                if (decision.allowed()) {
                    String why = decision.grants().isEmpty()
                            ? (decision.reason().isEmpty() ? "" : ": " + decision.reason())
                            : ": granted by " + String.join("; ", decision.grants());
                    breaches.add("ALLOWED " + request.describe() + why);
                } else {
                    denied.add(account);
                }
            } catch (RuntimeException e) {
                failures.add(request.describe() + " could not be reviewed: " + e);
            }
        }
        List<String> evidence = new ArrayList<>();
        evidence.add("reviewer: " + reviewer.describe());
        evidence.addAll(breaches);
        evidence.addAll(failures);
        if (!denied.isEmpty()) {
            evidence.add("denied for service accounts " + denied + " of " + a);
        }
        if (!breaches.isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.CRITICAL,
                    "isolation breach: " + breaches.size() + " service account(s) of " + a + " may " + action.describe()
                            + " in " + b, evidence, started, since(started));
        }
        if (!failures.isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.ERROR, failures.size() + " review(s) failed, see evidence",
                    evidence, started, since(started));
        }
        if (control.verdict() != Verdict.PASSED) {
            evidence.add(control.name() + ": " + control.summary());
            return new CheckResult(PROBE, name, Verdict.ERROR, control.verdict() == Verdict.ERROR
                    && control.summary().equals(CONTROL_FAILED) ? CONTROL_FAILED : "no trusted positive control: " + control.summary(),
                    evidence, started, since(started));
        }
        return new CheckResult(PROBE, name, Verdict.PASSED,
                "no service account of " + a + " may " + action.describe() + " in " + b, evidence, started, since(started));
    }

    private static long since(Instant started) {
        return Math.max(0, Duration.between(started, Instant.now()).toMillis());
    }
}
