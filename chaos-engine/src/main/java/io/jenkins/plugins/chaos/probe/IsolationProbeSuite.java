package io.jenkins.plugins.chaos.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import io.jenkins.plugins.chaos.plan.ProbeConfigs;
import io.jenkins.plugins.chaos.probe.api.ApiIsolationProbe;
import io.jenkins.plugins.chaos.probe.network.DynamicConnectivityProbe;
import io.jenkins.plugins.chaos.probe.network.NetworkSnapshot;
import io.jenkins.plugins.chaos.probe.network.PortSpec;
import io.jenkins.plugins.chaos.probe.network.StaticIsolationCheck;
import io.jenkins.plugins.chaos.probe.rbac.AccessRequest;
import io.jenkins.plugins.chaos.probe.rbac.AccessReviewer;
import io.jenkins.plugins.chaos.probe.rbac.ProbePodAccessCheck;
import io.jenkins.plugins.chaos.probe.rbac.RbacIsolationCheck;
import io.jenkins.plugins.chaos.probe.rbac.RbacSnapshot;
import io.jenkins.plugins.chaos.probe.rbac.RoleBasedAccessEvaluator;
import io.jenkins.plugins.chaos.probe.rbac.SubjectAccessReviewer;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Runs every enabled layer of the tenant-isolation probe once: API (through the gateway), NetworkPolicies, RBAC.
 * A layer that cannot run becomes an ERROR check, never a silent pass.
 */
public final class IsolationProbeSuite {

    private final TenantIsolationSpec spec;
    private final KubernetesClient client;
    private final RunListener listener;
    private final UnaryOperator<String> secrets;

    public IsolationProbeSuite(TenantIsolationSpec spec, KubernetesClient client, RunListener listener,
                               UnaryOperator<String> secrets) {
        this.spec = spec;
        this.client = client;
        this.listener = listener;
        this.secrets = secrets;
    }

    public List<CheckResult> run() throws InterruptedException {
        List<CheckResult> checks = new ArrayList<>();
        if (spec.gateway() != null) {
            listener.info("Tenant isolation, API layer: " + spec.tenants().size() + " tenants against " + spec.gateway());
            checks.addAll(new ApiIsolationProbe(ProbeConfigs.api(spec, secrets), listener).run());
        }
        List<String> namespaces = spec.namespaces();
        if (spec.network() && !namespaces.isEmpty()) {
            listener.info("Tenant isolation, network layer: NetworkPolicies between " + namespaces);
            checks.addAll(layer(ProbeIds.ISOLATION_NETWORK_STATIC, () -> new StaticIsolationCheck(namespaces,
                    spec.ports().stream().map(PortSpec::tcp).toList()).run(NetworkSnapshot.read(client, namespaces))));
        }
        if (spec.rbac() && !namespaces.isEmpty()) {
            listener.info("Tenant isolation, RBAC layer: service accounts of " + namespaces);
            checks.addAll(layer(ProbeIds.ISOLATION_RBAC, () -> {
                RbacSnapshot snapshot = RbacSnapshot.read(client, namespaces);
                AccessReviewer reviewer = reviewer(snapshot, namespaces.get(0));
                List<CheckResult> rbac = new RbacIsolationCheck(namespaces, reviewer).run(snapshot);
                if (!spec.probePods()) {
                    return rbac;
                }
                // Pods are started in the tenants anyway: also check the account such a pod actually gets.
                listener.info("Tenant isolation, RBAC layer: the service account a probe pod gets in each of " + namespaces);
                List<CheckResult> all = new ArrayList<>(rbac);
                all.addAll(new ProbePodAccessCheck(client, namespaces, reviewer, ProbeConfigs.dynamic(spec).image(), listener)
                        .run(ChaosLabels.newRunId(), rbac));
                return all;
            }));
        }
        if (spec.probePods() && !namespaces.isEmpty()) {
            listener.info("Tenant isolation, network layer: probe pods try real connections between " + namespaces);
            checks.addAll(layer(ProbeIds.ISOLATION_NETWORK_DYNAMIC,
                    () -> new DynamicConnectivityProbe(ProbeConfigs.dynamic(spec), listener).run(client)));
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("tenant isolation probe interrupted");
            }
        }
        long breaches = checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count();
        listener.info("Tenant isolation: " + checks.size() + " check(s), " + breaches + " breach(es)");
        for (CheckResult check : checks) {
            if (check.verdict() == Verdict.CRITICAL) {
                listener.warn("BREACH " + check.probe() + " " + check.name() + ": " + check.summary());
            }
        }
        return checks;
    }

    /**
     * A real API server answers SubjectAccessReviews, which also see webhook authorizers and aggregated roles; an
     * API server that does not (the playground's) is judged from the Roles and bindings it holds.
     */
    private AccessReviewer reviewer(RbacSnapshot snapshot, String namespace) {
        SubjectAccessReviewer sar = new SubjectAccessReviewer(client);
        try {
            sar.review(new AccessRequest(namespace, "default", "get", "configmaps", "", namespace));
            return sar;
        } catch (RuntimeException e) {
            String why = e instanceof KubernetesClientException k8s ? "HTTP " + k8s.getCode() : Messages.firstLine(e.getMessage());
            listener.info("RBAC layer: the API server does not answer SubjectAccessReviews (" + why
                    + "); evaluating its Roles and RoleBindings instead");
            return new RoleBasedAccessEvaluator(snapshot);
        }
    }

    private interface Layer {
        List<CheckResult> run();
    }

    private List<CheckResult> layer(String probe, Layer layer) {
        Instant start = Instant.now();
        try {
            return layer.run();
        } catch (KubernetesClientException e) {
            String why = "could not read the cluster (HTTP " + e.getCode() + "): " + Messages.firstLine(e.getMessage());
            listener.warn(probe + ": " + why);
            return List.of(new CheckResult(probe, "layer", Verdict.ERROR, why, List.of(), start,
                    Duration.between(start, Instant.now()).toMillis()));
        }
    }
}
