package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Finds, in a tenant's own namespace, a RoleBinding that binds one of its service accounts to a rule, and turns
 * the first usable rule into a concrete request. Wildcards are replaced by a concrete value the wildcard covers.
 */
final class PositiveControlFinder {

    private final RbacSnapshot snapshot;

    PositiveControlFinder(RbacSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    Optional<PositiveControl> find(String namespace) {
        List<RoleBinding> bindings = snapshot.roleBindings().stream()
                .filter(b -> namespace.equals(b.getMetadata().getNamespace()))
                .sorted(Comparator.comparing(b -> b.getMetadata().getName()))
                .toList();
        for (RoleBinding binding : bindings) {
            Optional<String> account = tenantAccount(binding.getSubjects(), namespace);
            if (account.isEmpty() || binding.getRoleRef() == null) {
                continue;
            }
            String roleKind = binding.getRoleRef().getKind();
            String roleName = binding.getRoleRef().getName();
            List<PolicyRule> rules = rules(roleKind, roleName, namespace);
            for (PolicyRule rule : rules) {
                Optional<AccessRequest> request = concreteRequest(rule, namespace, account.get());
                if (request.isPresent()) {
                    String grantedBy = "RoleBinding " + namespace + "/" + binding.getMetadata().getName() + " -> "
                            + roleKind + " " + ("Role".equals(roleKind) ? namespace + "/" : "") + roleName + " "
                            + RoleBasedAccessEvaluator.describe(rule);
                    return Optional.of(new PositiveControl(request.get(), grantedBy));
                }
            }
        }
        return Optional.empty();
    }

    /** A service account of the tenant that the subjects name, directly or through a service-account group. */
    private Optional<String> tenantAccount(List<Subject> subjects, String namespace) {
        if (subjects == null) {
            return Optional.empty();
        }
        for (Subject subject : subjects) {
            if ("ServiceAccount".equals(subject.getKind())) {
                String saNamespace = subject.getNamespace() == null || subject.getNamespace().isEmpty()
                        ? namespace : subject.getNamespace();
                if (namespace.equals(saNamespace) && subject.getName() != null) {
                    return Optional.of(subject.getName());
                }
            }
        }
        for (Subject subject : subjects) {
            if ("Group".equals(subject.getKind()) && ("system:serviceaccounts:" + namespace).equals(subject.getName())) {
                return Optional.of("default");
            }
        }
        return Optional.empty();
    }

    private List<PolicyRule> rules(String kind, String name, String namespace) {
        if ("Role".equals(kind)) {
            return snapshot.roles().stream()
                    .filter(r -> namespace.equals(r.getMetadata().getNamespace()) && name.equals(r.getMetadata().getName()))
                    .findFirst().map(Role::getRules).orElse(List.of());
        }
        if ("ClusterRole".equals(kind)) {
            return snapshot.clusterRoles().stream().filter(r -> name.equals(r.getMetadata().getName()))
                    .findFirst().map(ClusterRole::getRules).orElse(List.of());
        }
        return List.of();
    }

    private static Optional<AccessRequest> concreteRequest(PolicyRule rule, String namespace, String account) {
        if (rule.getVerbs() == null || rule.getVerbs().isEmpty() || rule.getResources() == null
                || rule.getResources().isEmpty() || rule.getApiGroups() == null || rule.getApiGroups().isEmpty()) {
            return Optional.empty(); // e.g. a nonResourceURLs rule: nothing namespaced to ask about
        }
        String verb = concrete(rule.getVerbs().get(0), "get");
        String group = concrete(rule.getApiGroups().get(0), "");
        String resourcePath = concrete(rule.getResources().get(0), "configmaps");
        if (resourcePath.startsWith("*/")) {
            resourcePath = "pods" + resourcePath.substring(1);
        }
        String resource = resourcePath;
        String subresource = "";
        int slash = resourcePath.indexOf('/');
        if (slash >= 0) {
            resource = resourcePath.substring(0, slash);
            subresource = resourcePath.substring(slash + 1);
        }
        String name = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? "" : rule.getResourceNames().get(0);
        return Optional.of(new AccessRequest(namespace, account, verb, resource, subresource, namespace, group, name));
    }

    private static String concrete(String value, String forWildcard) {
        return "*".equals(value) ? forWildcard : value;
    }
}
