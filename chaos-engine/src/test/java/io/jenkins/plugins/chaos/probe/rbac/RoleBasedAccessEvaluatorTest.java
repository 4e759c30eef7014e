package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.clusterRole;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.clusterRoleBinding;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.group;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.role;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.roleBinding;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.rule;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.serviceAccount;
import static io.jenkins.plugins.chaos.probe.rbac.RbacFixtures.user;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoleBasedAccessEvaluatorTest {

    private static final String ALICE = "tenant-alice";
    private static final String BOB = "tenant-bob";

    private static RoleBasedAccessEvaluator evaluator(List<Role> roles, List<ClusterRole> clusterRoles,
                                                      List<RoleBinding> bindings, List<ClusterRoleBinding> clusterBindings) {
        return new RoleBasedAccessEvaluator(new RbacSnapshot(roles, clusterRoles, bindings, clusterBindings, List.of()));
    }

    private static AccessRequest aliceDefault(String verb, String resource, String subresource, String target) {
        return new AccessRequest(ALICE, "default", verb, resource, subresource, target);
    }

    @Test
    void wildcardsCoverEveryVerbGroupResourceAndSubresource() {
        RoleBasedAccessEvaluator rbac = evaluator(List.of(role(BOB, "admin-ish", rule("*", "*", "*"))), List.of(),
                List.of(roleBinding(BOB, "alice-admin", "Role", "admin-ish", serviceAccount(ALICE, "default"))), List.of());
        assertTrue(rbac.allowed(aliceDefault("get", "secrets", "", BOB)));
        assertTrue(rbac.allowed(aliceDefault("update", "configmaps", "", BOB)));
        assertTrue(rbac.allowed(aliceDefault("create", "pods", "exec", BOB)));
        assertTrue(rbac.allowed(new AccessRequest(ALICE, "default", "delete", "deployments", "", BOB, "apps", "web")));
        assertFalse(rbac.allowed(aliceDefault("get", "secrets", "", ALICE)), "a RoleBinding grants only in its namespace");
        assertFalse(rbac.allowed(new AccessRequest(ALICE, "builder", "get", "secrets", "", BOB)), "only the bound account");
    }

    @Test
    void verbAndApiGroupMustMatch() {
        RoleBasedAccessEvaluator rbac = evaluator(
                List.of(role(BOB, "reader", rule("get,list", "", "configmaps"), rule("get", "apps", "secrets"))), List.of(),
                List.of(roleBinding(BOB, "r", "Role", "reader", serviceAccount(ALICE, "default"))), List.of());
        assertTrue(rbac.allowed(aliceDefault("list", "configmaps", "", BOB)));
        assertFalse(rbac.allowed(aliceDefault("update", "configmaps", "", BOB)));
        assertFalse(rbac.allowed(aliceDefault("get", "secrets", "", BOB)), "secrets are in the core group, the rule says apps");
    }

    @Test
    void subresourcesNeedTheirOwnRuleOrAWildcard() {
        RoleBasedAccessEvaluator podsOnly = evaluator(List.of(role(BOB, "pods", rule("create,get", "", "pods"))), List.of(),
                List.of(roleBinding(BOB, "p", "Role", "pods", serviceAccount(ALICE, "default"))), List.of());
        assertTrue(podsOnly.allowed(aliceDefault("create", "pods", "", BOB)));
        assertFalse(podsOnly.allowed(aliceDefault("create", "pods", "exec", BOB)), "pods does not cover pods/exec");

        RoleBasedAccessEvaluator exec = evaluator(List.of(role(BOB, "exec", rule("create", "", "pods/exec"))), List.of(),
                List.of(roleBinding(BOB, "e", "Role", "exec", serviceAccount(ALICE, "default"))), List.of());
        assertTrue(exec.allowed(aliceDefault("create", "pods", "exec", BOB)));
        assertFalse(exec.allowed(aliceDefault("create", "pods", "", BOB)), "pods/exec does not cover pods");
        assertFalse(exec.allowed(aliceDefault("create", "pods", "attach", BOB)));

        RoleBasedAccessEvaluator anyExec = evaluator(List.of(role(BOB, "any-exec", rule("create", "", "*/exec"))), List.of(),
                List.of(roleBinding(BOB, "e", "Role", "any-exec", serviceAccount(ALICE, "default"))), List.of());
        assertTrue(anyExec.allowed(aliceDefault("create", "pods", "exec", BOB)));
        assertFalse(anyExec.allowed(aliceDefault("create", "pods", "", BOB)));
    }

    @Test
    void resourceNamesLimitToNamedObjectsAndNeverMatchCollectionRequests() {
        RoleBasedAccessEvaluator rbac = evaluator(List.of(role(BOB, "one-secret", rule("get,list", "", "secrets", "shared-ca"))),
                List.of(), List.of(roleBinding(BOB, "s", "Role", "one-secret", serviceAccount(ALICE, "default"))), List.of());
        assertTrue(rbac.allowed(new AccessRequest(ALICE, "default", "get", "secrets", "", BOB, "", "shared-ca")));
        assertFalse(rbac.allowed(new AccessRequest(ALICE, "default", "get", "secrets", "", BOB, "", "db-password")));
        assertFalse(rbac.allowed(aliceDefault("list", "secrets", "", BOB)));
        assertFalse(rbac.allowed(aliceDefault("get", "secrets", "", BOB)));
    }

    @Test
    void clusterRoleThroughRoleBindingGrantsOnlyInThatNamespaceAndNamesTheGrant() {
        RoleBasedAccessEvaluator rbac = evaluator(List.of(), List.of(clusterRole("secret-reader", rule("get,list", "", "secrets"))),
                List.of(roleBinding(BOB, "alice-reads-secrets", "ClusterRole", "secret-reader", serviceAccount(ALICE, "default"))),
                List.of());
        AccessDecision decision = rbac.review(aliceDefault("get", "secrets", "", BOB));
        assertTrue(decision.allowed());
        assertEquals(List.of("RoleBinding tenant-bob/alice-reads-secrets -> ClusterRole secret-reader"
                + " rule {verbs [get, list], apiGroups [], resources [secrets]}"), decision.grants());
        assertFalse(rbac.allowed(aliceDefault("get", "secrets", "", "tenant-carol")));
        AccessDecision denied = rbac.review(aliceDefault("get", "secrets", "", "tenant-carol"));
        assertEquals("no RBAC rule grants get secrets", denied.reason());
    }

    @Test
    void clusterRoleBindingToAllServiceAccountsIsABreachEverywhere() {
        RoleBasedAccessEvaluator rbac = evaluator(List.of(), List.of(clusterRole("secret-reader", rule("get,list", "", "secrets"))),
                List.of(), List.of(clusterRoleBinding("leaky", "secret-reader", group("system:serviceaccounts"))));
        for (String target : List.of(BOB, "tenant-carol", "kube-system")) {
            AccessDecision decision = rbac.review(new AccessRequest("tenant-carol", "builder", "list", "secrets", "", target));
            assertTrue(decision.allowed(), target);
            assertTrue(decision.grants().get(0).startsWith("ClusterRoleBinding leaky -> ClusterRole secret-reader"));
        }
        assertFalse(rbac.allowed(aliceDefault("update", "configmaps", "", BOB)));
    }

    @Test
    void subjectsMatchByServiceAccountNamespaceGroupAndUser() {
        ClusterRole reader = clusterRole("cm-reader", rule("get", "", "configmaps"));
        // a ServiceAccount subject without namespace means the binding's namespace
        RoleBasedAccessEvaluator implicitNamespace = evaluator(List.of(), List.of(reader),
                List.of(roleBinding(BOB, "b", "ClusterRole", "cm-reader", serviceAccount(null, "default"))), List.of());
        assertFalse(implicitNamespace.allowed(aliceDefault("get", "configmaps", "", BOB)));
        assertTrue(implicitNamespace.allowed(new AccessRequest(BOB, "default", "get", "configmaps", "", BOB)));

        RoleBasedAccessEvaluator namespaceGroup = evaluator(List.of(), List.of(reader),
                List.of(roleBinding(BOB, "b", "ClusterRole", "cm-reader", group("system:serviceaccounts:" + ALICE))), List.of());
        assertTrue(namespaceGroup.allowed(new AccessRequest(ALICE, "any-account", "get", "configmaps", "", BOB)));
        assertFalse(namespaceGroup.allowed(new AccessRequest("tenant-carol", "default", "get", "configmaps", "", BOB)));

        RoleBasedAccessEvaluator authenticated = evaluator(List.of(), List.of(reader),
                List.of(), List.of(clusterRoleBinding("everyone", "cm-reader", group("system:authenticated"))));
        assertTrue(authenticated.allowed(aliceDefault("get", "configmaps", "", BOB)));

        RoleBasedAccessEvaluator asUser = evaluator(List.of(), List.of(reader),
                List.of(roleBinding(BOB, "b", "ClusterRole", "cm-reader", user("system:serviceaccount:tenant-alice:default"))),
                List.of());
        assertTrue(asUser.allowed(aliceDefault("get", "configmaps", "", BOB)));
        assertFalse(asUser.allowed(new AccessRequest(ALICE, "other", "get", "configmaps", "", BOB)));
    }

    @Test
    void roleRefsResolveInTheBindingsNamespaceAndMissingRolesGrantNothing() {
        RoleBasedAccessEvaluator rbac = evaluator(List.of(role(ALICE, "everything", rule("*", "*", "*"))), List.of(),
                List.of(roleBinding(BOB, "points-at-alices-role", "Role", "everything", serviceAccount(ALICE, "default")),
                        roleBinding(BOB, "dangling", "ClusterRole", "does-not-exist", serviceAccount(ALICE, "default"))),
                List.of());
        assertFalse(rbac.allowed(aliceDefault("get", "secrets", "", BOB)));
    }

    @Test
    void requestNamesMissingFields() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AccessRequest(ALICE, "default", " ", "secrets", "", BOB));
        assertEquals("AccessRequest verb is required", e.getMessage());
    }
}
