package io.jenkins.plugins.chaos.probe;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.core.Messages;
import io.jenkins.plugins.chaos.core.RunListener;
import io.jenkins.plugins.chaos.experiment.TenantIsolationSpec;
import io.jenkins.plugins.chaos.plan.ApiIsolationConfig;
import io.jenkins.plugins.chaos.plan.ProbeConfigs;
import io.jenkins.plugins.chaos.probe.api.ApiIsolationProbe;
import io.jenkins.plugins.chaos.probe.api.IsolationMatrix;
import io.jenkins.plugins.chaos.probe.api.PairCoverage;
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
import io.jenkins.plugins.chaos.verdict.CheckLog;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.ProbeIds;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Path coverageState;
    private final String runId;

    public IsolationProbeSuite(TenantIsolationSpec spec, KubernetesClient client, RunListener listener,
                               UnaryOperator<String> secrets) {
        this(spec, client, listener, secrets, null, null);
    }

    /**
     * @param coverageState the state file of {@code pairs: {perRun, coverWithin}} ({@link PairCoverage#stateFile});
     *                      null when the run has nowhere to keep it
     * @param runId         the run, so that its phases test the same slice
     */
    public IsolationProbeSuite(TenantIsolationSpec spec, KubernetesClient client, RunListener listener,
                               UnaryOperator<String> secrets, Path coverageState, String runId) {
        this.spec = spec;
        this.client = client;
        this.listener = listener;
        this.secrets = secrets;
        this.coverageState = coverageState;
        this.runId = runId;
    }

    /** The checks of every layer, spooled ({@link CheckLog}): the API layer alone may be 160,000 of them. */
    public CheckLog run() throws InterruptedException {
        CheckLog checks = new CheckLog();
        if (spec.gateway() != null) {
            listener.info("Tenant isolation, API layer: " + spec.tenants().size() + " tenants against " + spec.gateway());
            apiLayer(checks);
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
        long breaches = checks.count(Verdict.CRITICAL);
        listener.info("Tenant isolation: " + checks.size() + " check(s), " + breaches + " breach(es)");
        for (CheckResult check : breaches == 0 ? List.<CheckResult>of() : checks) {
            if (check.verdict() == Verdict.CRITICAL) {
                listener.critical("BREACH " + check.probe() + " " + check.name() + ": " + check.summary());
            }
        }
        return checks;
    }

    /** Every pair in every run, or the run's rotating slice with its coverage check. */
    private void apiLayer(CheckLog checks) throws InterruptedException {
        ApiIsolationConfig config = ProbeConfigs.api(spec, secrets);
        ApiIsolationProbe probe = new ApiIsolationProbe(config, listener);
        if (spec.pairs().all()) {
            try (CheckLog api = probe.run()) {
                checks.addAll(api);
            }
            return;
        }
        Instant now = Instant.now();
        if (coverageState == null) {
            // A rotation that forgets where it stands tests the same slice every run: a silent hole, so refuse.
            checks.add(new CheckResult(PairCoverage.PROBE, "pairs covered within " + spec.pairs().coverWithin(),
                    Verdict.ERROR, "pairs: perRun needs a state directory to rotate (a report directory, --state-dir, "
                    + "or the Jenkins job's directory); no cross-tenant pair was tested", List.of(), now, 0));
            return;
        }
        try {
            PairCoverage coverage = new PairCoverage(coverageState, spec.pairs(), new IsolationMatrix(config));
            PairCoverage.Plan plan = coverage.plan(runId, now, listener);
            Map<Integer, Verdict> failures = new HashMap<>();
            try (CheckLog api = probe.run(plan.selection(), (index, verdict) -> {
                if (verdict != Verdict.PASSED) {
                    failures.put(index, verdict);
                }
            })) {
                checks.addAll(api);
            }
            checks.add(coverage.record(failures, Instant.now()));
        } catch (IOException e) {
            listener.warn(PairCoverage.PROBE + ": " + e.getMessage());
            checks.add(new CheckResult(PairCoverage.PROBE, "pairs covered within " + spec.pairs().coverWithin(),
                    Verdict.ERROR, "the pair-coverage state could not be used: " + Messages.firstLine(e.getMessage()),
                    List.of(), now, 0));
        }
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
