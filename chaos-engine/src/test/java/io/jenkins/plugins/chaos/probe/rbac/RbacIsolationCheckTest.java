package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.jenkins.plugins.chaos.verdict.CheckResult;
import io.jenkins.plugins.chaos.verdict.Verdict;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.account;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.clusterRole;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.clusterRoleBinding;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.group;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.role;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.roleBinding;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.rule;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.serviceAccount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two tenants, each with its own Role bound to its service accounts, on a CRUD mock API server. */
class RbacIsolationCheckTest {

    private static final List<String> TENANTS = List.of("tenant-alice", "tenant-bob");
    private static KubernetesMockServer server;
    private static KubernetesClient client;

    @BeforeAll
    static void healthyTenants() throws UnknownHostException {
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        for (String tenant : TENANTS) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(tenant).endMetadata().build()).create();
            client.serviceAccounts().inNamespace(tenant).resource(account(tenant, "default")).create();
            client.serviceAccounts().inNamespace(tenant).resource(account(tenant, "inference-gateway")).create();
            client.rbac().roles().inNamespace(tenant).resource(role(tenant, "tenant-app",
                    rule("get,list,update", "", "configmaps"), rule("get", "", "secrets"), rule("create", "", "pods/exec"))).create();
            client.rbac().roleBindings().inNamespace(tenant).resource(roleBinding(tenant, "tenant-app", "Role", "tenant-app",
                    serviceAccount(tenant, "inference-gateway"), serviceAccount(tenant, "default"))).create();
        }
        // cluster-wide roles a real cluster has, bound to nothing that reaches tenants' data
        client.rbac().clusterRoles().resource(clusterRole("view", rule("get,list,watch", "", "configmaps,pods"))).create();
    }

    @AfterAll
    static void stop() {
        client.close();
        server.destroy();
    }

    private static Map<String, CheckResult> run(AccessReviewer reviewer) {
        RbacSnapshot snapshot = RbacSnapshot.read(client, TENANTS);
        List<CheckResult> results = new RbacIsolationCheck(TENANTS, reviewer).run(snapshot);
        results.forEach(r -> assertEquals(RbacIsolationCheck.PROBE, r.probe()));
        // per tenant: 1 positive control + 1 other tenant x 5 actions
        assertEquals(2 * (1 + 5), results.size());
        return results.stream().collect(Collectors.toMap(CheckResult::name, Function.identity()));
    }

    @Test
    void healthyTenantsPassAndALeakyClusterRoleBindingIsCriticalNamingIt() {
        Map<String, CheckResult> healthy = run(RoleBasedAccessEvaluator.read(client, TENANTS));
        healthy.values().forEach(r -> assertEquals(Verdict.PASSED, r.verdict(), r.toString()));
        CheckResult control = healthy.get("tenant-alice positive control");
        assertTrue(control.evidence().contains("granted by RoleBinding tenant-alice/tenant-app -> Role tenant-alice/tenant-app"
                + " rule {verbs [get, list, update], apiGroups [], resources [configmaps]}"), control.evidence().toString());
        assertTrue(healthy.get("tenant-alice->tenant-bob get secrets").evidence()
                .contains("denied for service accounts [default, inference-gateway] of tenant-alice"));

        client.rbac().clusterRoles().resource(clusterRole("secret-reader", rule("get,list", "", "secrets"))).create();
        client.rbac().clusterRoleBindings().resource(clusterRoleBinding("leaky-secret-reader", "secret-reader",
                group("system:serviceaccounts"))).create();
        try {
            Map<String, CheckResult> leaky = run(RoleBasedAccessEvaluator.read(client, TENANTS));
            for (String pair : List.of("tenant-alice->tenant-bob", "tenant-bob->tenant-alice")) {
                for (String action : List.of("get secrets", "list secrets")) {
                    CheckResult breach = leaky.get(pair + " " + action);
                    assertEquals(Verdict.CRITICAL, breach.verdict(), breach.toString());
                    assertTrue(breach.summary().contains("2 service account(s)"), breach.summary());
                    assertTrue(breach.evidence().stream().anyMatch(e -> e.contains(
                            "granted by ClusterRoleBinding leaky-secret-reader -> ClusterRole secret-reader")),
                            breach.evidence().toString());
                }
                assertEquals(Verdict.PASSED, leaky.get(pair + " get configmaps").verdict());
                assertEquals(Verdict.PASSED, leaky.get(pair + " update configmaps").verdict());
                assertEquals(Verdict.PASSED, leaky.get(pair + " create pods/exec").verdict());
            }
        } finally {
            client.rbac().clusterRoleBindings().withName("leaky-secret-reader").delete();
            client.rbac().clusterRoles().withName("secret-reader").delete();
        }
    }

    @Test
    void aReviewerThatCannotSeeTheTenantsOwnRoleMakesItsDenialsErrorsNeverPasses() {
        // An evaluator whose snapshot was taken with credentials that could not list RBAC objects: it sees no
        // grants, so it denies everything, also what the tenants' own Roles allow.
        RoleBasedAccessEvaluator blind = new RoleBasedAccessEvaluator(
                new RbacSnapshot(List.of(), List.of(), List.of(), List.of(), List.of()));
        Map<String, CheckResult> results = run(blind);
        for (String tenant : TENANTS) {
            CheckResult control = results.get(tenant + " positive control");
            assertEquals(Verdict.ERROR, control.verdict(), control.toString());
            assertEquals(RbacIsolationCheck.CONTROL_FAILED, control.summary());
        }
        CheckResult check = results.get("tenant-alice->tenant-bob get secrets");
        assertEquals(Verdict.ERROR, check.verdict());
        assertEquals(RbacIsolationCheck.CONTROL_FAILED, check.summary());
    }

    @Test
    void aTenantWithoutAnyOwnRoleBindingHasNoPositiveControl() {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("tenant-carol").endMetadata().build()).create();
        try {
            List<String> tenants = List.of("tenant-alice", "tenant-carol");
            Map<String, CheckResult> results = new RbacIsolationCheck(tenants, RoleBasedAccessEvaluator.read(client, tenants))
                    .run(RbacSnapshot.read(client, tenants)).stream()
                    .collect(Collectors.toMap(CheckResult::name, Function.identity()));
            assertEquals(Verdict.ERROR, results.get("tenant-carol positive control").verdict());
            assertTrue(results.get("tenant-carol positive control").summary().startsWith("no positive control"));
            CheckResult fromCarol = results.get("tenant-carol->tenant-alice get secrets");
            assertEquals(Verdict.ERROR, fromCarol.verdict());
            assertTrue(fromCarol.summary().startsWith("no trusted positive control"), fromCarol.summary());
            assertEquals(Verdict.PASSED, results.get("tenant-alice->tenant-carol get secrets").verdict());
        } finally {
            client.namespaces().withName("tenant-carol").delete();
        }
    }
}
