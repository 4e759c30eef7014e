package io.jenkins.plugins.chaos.probe.rbac;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.jenkins.plugins.chaos.core.ChaosLabels;
import io.jenkins.plugins.chaos.playground.k8s.ChaosEffects;
import io.jenkins.plugins.chaos.playground.k8s.CrossTenantGrant;
import io.jenkins.plugins.chaos.playground.k8s.PlaygroundCluster;
import io.jenkins.plugins.chaos.support.ChaosTestSupport.RecordingListener;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lateral movement from a pod inside a tenant, on the playground's API server (judged from its Roles). */
class ProbePodAccessCheckTest {

    private static final List<String> NAMESPACES = List.of("tenant-alice", "tenant-bob", "tenant-carol");

    private PlaygroundCluster cluster;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() {
        cluster = PlaygroundCluster.start(PlaygroundCluster.DEFAULT_TENANTS, ChaosEffects.none());
    }

    @AfterEach
    void noProbePodRemains() {
        List<Pod> left = cluster.client().pods().inAnyNamespace()
                .withLabel(ChaosLabels.MANAGED_BY, ChaosLabels.MANAGED_BY_VALUE).list().getItems();
        cluster.close();
        assertEquals(List.of(), left.stream().map(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()).toList());
    }

    @Test
    void podsWithoutRightsOverOtherTenantsPass() {
        List<CheckResult> checks = run();
        assertEquals(6, checks.size(), checks.toString());
        for (CheckResult check : checks) {
            assertEquals(Verdict.PASSED, check.verdict(), check.name() + ": " + check.summary());
            assertTrue(check.evidence().contains("a pod started in " + check.name().substring(0, check.name().indexOf("->"))
                    + " runs as service account default"), check.evidence().toString());
        }
    }

    @Test
    void aBindingForAnotherTenantsDefaultAccountIsCriticalNamingIt() {
        CrossTenantGrant.grantSecrets(cluster.client(), "tenant-alice", "tenant-bob");
        List<CheckResult> checks = run();
        CheckResult breach = checks.stream().filter(c -> c.name().equals("tenant-alice->tenant-bob probe pod service account"))
                .findFirst().orElseThrow();
        assertEquals(Verdict.CRITICAL, breach.verdict(), breach.summary());
        assertTrue(breach.summary().contains("a pod in tenant-alice (service account default) has 2 right(s) over tenant-bob"),
                breach.summary());
        assertTrue(breach.evidence().stream().anyMatch(e -> e.startsWith(
                "ALLOWED system:serviceaccount:tenant-alice:default get secrets in namespace tenant-bob: granted by RoleBinding "
                        + "tenant-bob/" + CrossTenantGrant.NAME)), breach.evidence().toString());
        assertEquals(1, checks.stream().filter(c -> c.verdict() == Verdict.CRITICAL).count(), checks.toString());
    }

    @Test
    void withoutATrustedPositiveControlTheDenialsAreAnError() {
        List<CheckResult> checks = new ProbePodAccessCheck(cluster.client(), NAMESPACES, request -> false, "busybox:1.36",
                listener).run("t1", List.of());
        assertTrue(checks.stream().allMatch(c -> c.verdict() == Verdict.ERROR), checks.toString());
    }

    private List<CheckResult> run() {
        RbacSnapshot snapshot = RbacSnapshot.read(cluster.client(), NAMESPACES);
        AccessReviewer reviewer = new RoleBasedAccessEvaluator(snapshot);
        List<CheckResult> controls = new RbacIsolationCheck(NAMESPACES, reviewer).run(snapshot);
        return new ProbePodAccessCheck(cluster.client(), NAMESPACES, reviewer, "busybox:1.36", listener).run("t1", controls);
    }
}
