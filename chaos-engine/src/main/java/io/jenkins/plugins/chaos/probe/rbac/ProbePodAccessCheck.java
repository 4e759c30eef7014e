package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.probe.network.ProbePods;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Lateral movement from inside a tenant: a pod started in tenant A runs as whatever service account admission gives
 * it (the namespace's {@code default}, or one a mutating webhook sets), and that account must have no rights over
 * tenant B. The check creates one short-lived probe pod per tenant, reads the service account back from the API
 * server (not from what it asked for), deletes the pod, and asks the reviewer (SubjectAccessReviews on a real
 * cluster) about that account for every action of {@link RbacIsolationCheck#ACTIONS} in every other tenant.
 */
public final class ProbePodAccessCheck {

    public static final String PROBE = ProbeIds.ISOLATION_RBAC;
    /** The probe label's value for these pods; the connectivity probe's are {@link ProbePods#PROBE_VALUE}. */
    public static final String PROBE_VALUE = "service-account";
    /** nobody, as the connectivity probe pods run. */
    static final long NON_ROOT_UID = 65534L;
    static final Duration POD_DEADLINE = Duration.ofSeconds(60);
    static final Duration DELETE_WAIT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final List<String> namespaces;
    private final AccessReviewer reviewer;
    private final String image;
    private final RunListener listener;

    public ProbePodAccessCheck(KubernetesClient client, List<String> namespaces, AccessReviewer reviewer, String image,
                               RunListener listener) {
        if (namespaces == null || namespaces.size() < 2) {
            throw new IllegalArgumentException("namespaces: at least 2 tenant namespaces are needed, got " + namespaces);
        }
        this.client = client;
        this.namespaces = List.copyOf(namespaces);
        this.reviewer = reviewer;
        this.image = image;
        this.listener = listener;
    }

    /**
     * @param controls the RBAC layer's checks, whose per-tenant positive controls say whether the reviewer's
     *                 denials can be trusted
     */
    public List<CheckResult> run(String runId, List<CheckResult> controls) {
        List<CheckResult> results = new ArrayList<>();
        Map<String, String> accounts = new LinkedHashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        for (int i = 0; i < namespaces.size(); i++) {
            String namespace = namespaces.get(i);
            try {
                accounts.put(namespace, serviceAccountOfAProbePod(namespace, "sa-probe-" + runId + "-" + i, runId));
            } catch (KubernetesClientException e) {
                problems.put(namespace, "could not start a probe pod in " + namespace + " (HTTP " + e.getCode() + ")");
            }
        }
        for (String a : namespaces) {
            for (String b : namespaces) {
                if (!a.equals(b)) {
                    results.add(pair(a, b, accounts.get(a), problems.get(a), control(controls, a)));
                }
            }
        }
        return results;
    }

    private String serviceAccountOfAProbePod(String namespace, String name, String runId) {
        Pod created = client.pods().inNamespace(namespace).resource(pod(namespace, name, runId)).create();
        try {
            Pod read = client.pods().inNamespace(namespace).withName(name).get();
            Pod pod = read == null ? created : read;
            String account = pod.getSpec() == null ? null : pod.getSpec().getServiceAccountName();
            // The API server's ServiceAccount admission sets "default" when the pod names none.
            return account == null || account.isBlank() ? "default" : account;
        } finally {
            delete(namespace, name);
        }
    }

    private void delete(String namespace, String name) {
        try {
            client.pods().inNamespace(namespace).withName(name).withGracePeriod(0).delete();
            client.pods().inNamespace(namespace).withName(name).waitUntilCondition(p -> p == null,
                    DELETE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (KubernetesClientException e) {
            listener.warn(PROBE + ": could not delete probe pod " + namespace + "/" + name + " (HTTP " + e.getCode()
                    + "); delete it with: kubectl delete pod -n " + namespace + " " + name);
        }
    }

    private Pod pod(String namespace, String name, String runId) {
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                .addToLabels(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE)
                .addToLabels(ProbePods.PROBE_LABEL, PROBE_VALUE)
                .addToLabels(ChaosLabels.RUN_ID, runId)
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withActiveDeadlineSeconds(POD_DEADLINE.toSeconds())
                .withTerminationGracePeriodSeconds(0L)
                // The account is what is checked; its token need not be mounted for that.
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(NON_ROOT_UID).endSecurityContext()
                .addNewContainer().withName("probe").withImage(image).withCommand("true")
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .endContainer()
                .endSpec()
                .build();
    }

    private CheckResult pair(String a, String b, String account, String problem, Optional<CheckResult> control) {
        Instant started = Instant.now();
        String name = a + "->" + b + " probe pod service account";
        List<String> evidence = new ArrayList<>();
        evidence.add("reviewer: " + reviewer.describe());
        if (account == null) {
            return new CheckResult(PROBE, name, Verdict.ERROR, problem, evidence, started, since(started));
        }
        evidence.add("a pod started in " + a + " runs as service account " + account);
        List<String> breaches = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (RbacIsolationCheck.Action action : RbacIsolationCheck.ACTIONS) {
            AccessRequest request = new AccessRequest(a, account, action.verb(), action.resource(), action.subresource(), b);
            try {
                AccessDecision decision = reviewer.review(request);
                if (decision.allowed()) {
                    breaches.add("ALLOWED " + request.describe() + (decision.grants().isEmpty()
                            ? (decision.reason().isEmpty() ? "" : ": " + decision.reason())
                            : ": granted by " + String.join("; ", decision.grants())));
                }
            } catch (RuntimeException e) {
                failures.add(request.describe() + " could not be reviewed: " + e.getMessage());
            }
        }
        evidence.addAll(breaches);
        evidence.addAll(failures);
        if (!breaches.isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.CRITICAL, "isolation breach: a pod in " + a + " (service account "
                    + account + ") has " + breaches.size() + " right(s) over " + b, evidence, started, since(started));
        }
        if (!failures.isEmpty()) {
            return new CheckResult(PROBE, name, Verdict.ERROR, failures.size() + " review(s) failed, see evidence",
                    evidence, started, since(started));
        }
        if (control.isEmpty() || control.get().verdict() != Verdict.PASSED) {
            evidence.add(control.map(c -> c.name() + ": " + c.summary()).orElse("no positive control for " + a));
            return new CheckResult(PROBE, name, Verdict.ERROR, "no trusted positive control for " + a
                    + ", so the reviewer's denials prove nothing", evidence, started, since(started));
        }
        return new CheckResult(PROBE, name, Verdict.PASSED, "a pod in " + a + " (service account " + account
                + ") has no right over " + b, evidence, started, since(started));
    }

    private static Optional<CheckResult> control(List<CheckResult> controls, String namespace) {
        return controls.stream().filter(c -> c.name().equals(namespace + " positive control")).findFirst();
    }

    private static long since(Instant started) {
        return Math.max(0, Duration.between(started, Instant.now()).toMillis());
    }
}
