package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.rbac.SubjectBuilder;

import java.util.List;

/** Builds RBAC objects the way a cluster administrator writes them. */
final class RbacFixtures {

    private RbacFixtures() {
    }

    /** {@code rule("get,list", "", "secrets")}; an optional last argument lists resourceNames. */
    static PolicyRule rule(String verbs, String apiGroups, String resources, String... resourceNames) {
        return new PolicyRuleBuilder().withVerbs(List.of(verbs.split(","))).withApiGroups(List.of(apiGroups.split(",", -1)))
                .withResources(List.of(resources.split(","))).withResourceNames(List.of(resourceNames)).build();
    }

    static Role role(String namespace, String name, PolicyRule... rules) {
        return new RoleBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().withRules(rules).build();
    }

    static ClusterRole clusterRole(String name, PolicyRule... rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName(name).endMetadata().withRules(rules).build();
    }

    static Subject serviceAccount(String namespace, String name) {
        return new SubjectBuilder().withKind("ServiceAccount").withNamespace(namespace).withName(name).build();
    }

    static Subject group(String name) {
        return new SubjectBuilder().withKind("Group").withApiGroup("rbac.authorization.k8s.io").withName(name).build();
    }

    static Subject user(String name) {
        return new SubjectBuilder().withKind("User").withApiGroup("rbac.authorization.k8s.io").withName(name).build();
    }

    static RoleBinding roleBinding(String namespace, String name, String roleKind, String roleName, Subject... subjects) {
        return new RoleBindingBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind(roleKind).withName(roleName).endRoleRef()
                .withSubjects(subjects).build();
    }

    static ClusterRoleBinding clusterRoleBinding(String name, String clusterRole, Subject... subjects) {
        return new ClusterRoleBindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole).endRoleRef()
                .withSubjects(subjects).build();
    }

    static ServiceAccount account(String namespace, String name) {
        return new ServiceAccountBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().build();
    }
}
