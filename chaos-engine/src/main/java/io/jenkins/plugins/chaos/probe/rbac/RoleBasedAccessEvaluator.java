package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the Kubernetes RBAC authorizer's rules over Roles, ClusterRoles, RoleBindings and ClusterRoleBindings:
 * a request is allowed when a ClusterRoleBinding, or a RoleBinding in the target namespace, binds one of the
 * service account's identities to a role with a rule matching verb, API group, resource (with subresource) and
 * resource name. RBAC only grants, so no match means denied.
 * <p>
 * This is what the playground uses, because the mock API server does not answer SubjectAccessReviews. It does
 * not see webhook authorizers, and it ignores {@code aggregationRule}: in a cluster the controller manager copies
 * the aggregated rules into the ClusterRole's {@code rules}, which is what we read; in the mock nobody does, so
 * an aggregated ClusterRole grants only the rules stored in it.
 */
public final class RoleBasedAccessEvaluator implements AccessReviewer {

    private static final String ALL = "*";

    private final Map<String, Role> roles = new HashMap<>();
    private final Map<String, ClusterRole> clusterRoles = new HashMap<>();
    private final List<RoleBinding> roleBindings;
    private final List<ClusterRoleBinding> clusterRoleBindings;

    public RoleBasedAccessEvaluator(RbacSnapshot snapshot) {
        for (Role role : snapshot.roles()) {
            roles.put(role.getMetadata().getNamespace() + "/" + role.getMetadata().getName(), role);
        }
        for (ClusterRole role : snapshot.clusterRoles()) {
            clusterRoles.put(role.getMetadata().getName(), role);
        }
        this.roleBindings = snapshot.roleBindings();
        this.clusterRoleBindings = snapshot.clusterRoleBindings();
    }

    public static RoleBasedAccessEvaluator read(KubernetesClient client, Collection<String> tenantNamespaces) {
        return new RoleBasedAccessEvaluator(RbacSnapshot.read(client, tenantNamespaces));
    }

    @Override
    public boolean allowed(AccessRequest request) {
        return review(request).allowed();
    }

    @Override
    public AccessDecision review(AccessRequest request) {
        List<String> grants = new ArrayList<>();
        for (ClusterRoleBinding binding : clusterRoleBindings) {
            String bindingName = "ClusterRoleBinding " + binding.getMetadata().getName();
            if (bindsRequester(binding.getSubjects(), null, request)) {
                grants.addAll(grantsOf(binding.getRoleRef(), null, bindingName, request));
            }
        }
        for (RoleBinding binding : roleBindings) {
            String namespace = binding.getMetadata().getNamespace();
            if (!request.targetNamespace().equals(namespace)) {
                continue;
            }
            String bindingName = "RoleBinding " + namespace + "/" + binding.getMetadata().getName();
            if (bindsRequester(binding.getSubjects(), namespace, request)) {
                grants.addAll(grantsOf(binding.getRoleRef(), namespace, bindingName, request));
            }
        }
        return new AccessDecision(!grants.isEmpty(), grants,
                grants.isEmpty() ? "no RBAC rule grants " + request.action() : "");
    }

    @Override
    public String describe() {
        return "RBAC evaluation of Roles, ClusterRoles and their bindings";
    }

    /**
     * @param bindingNamespace namespace of a RoleBinding, whose ServiceAccount subjects default to it; null for a
     *                         ClusterRoleBinding
     */
    static boolean bindsRequester(List<Subject> subjects, String bindingNamespace, AccessRequest request) {
        if (subjects == null) {
            return false;
        }
        for (Subject subject : subjects) {
            String kind = subject.getKind();
            if ("ServiceAccount".equals(kind)) {
                String namespace = subject.getNamespace() == null || subject.getNamespace().isEmpty()
                        ? bindingNamespace : subject.getNamespace();
                if (request.serviceAccountName().equals(subject.getName())
                        && request.serviceAccountNamespace().equals(namespace)) {
                    return true;
                }
            } else if ("Group".equals(kind)) {
                if (request.groups().contains(subject.getName())) {
                    return true;
                }
            } else if ("User".equals(kind)) {
                if (request.user().equals(subject.getName())) {
                    return true;
                }
            }
        }
        return false;
    }

    private List<String> grantsOf(RoleRef ref, String bindingNamespace, String bindingName, AccessRequest request) {
        List<String> grants = new ArrayList<>();
        if (ref == null) {
            return grants;
        }
        List<PolicyRule> rules;
        String roleName;
        if ("ClusterRole".equals(ref.getKind())) {
            ClusterRole role = clusterRoles.get(ref.getName());
            rules = role == null ? null : role.getRules();
            roleName = "ClusterRole " + ref.getName();
        } else if ("Role".equals(ref.getKind()) && bindingNamespace != null) {
            Role role = roles.get(bindingNamespace + "/" + ref.getName());
            rules = role == null ? null : role.getRules();
            roleName = "Role " + bindingNamespace + "/" + ref.getName();
        } else {
            return grants; // a ClusterRoleBinding cannot refer to a Role; the API server refuses it
        }
        if (rules == null) {
            return grants; // a binding to a role that does not exist grants nothing
        }
        for (PolicyRule rule : rules) {
            if (ruleMatches(rule, request)) {
                grants.add(bindingName + " -> " + roleName + " " + describe(rule));
            }
        }
        return grants;
    }

    static boolean ruleMatches(PolicyRule rule, AccessRequest request) {
        return contains(rule.getVerbs(), request.verb())
                && contains(rule.getApiGroups(), request.apiGroup())
                && resourceMatches(rule.getResources(), request)
                && resourceNameMatches(rule.getResourceNames(), request);
    }

    private static boolean contains(List<String> values, String wanted) {
        return values != null && (values.contains(ALL) || values.contains(wanted));
    }

    /** {@code *} covers subresources too; {@code pods} does not cover {@code pods/exec}; {@code * /exec} does. */
    private static boolean resourceMatches(List<String> resources, AccessRequest request) {
        if (resources == null) {
            return false;
        }
        for (String resource : resources) {
            if (ALL.equals(resource) || resource.equals(request.resourcePath())) {
                return true;
            }
            if (!request.subresource().isEmpty() && resource.equals("*/" + request.subresource())) {
                return true;
            }
        }
        return false;
    }

    /** A rule limited to names never matches a request without one (list, create): RBAC cannot filter those. */
    private static boolean resourceNameMatches(List<String> names, AccessRequest request) {
        return names == null || names.isEmpty() || names.contains(request.resourceName());
    }

    static String describe(PolicyRule rule) {
        StringBuilder text = new StringBuilder("rule {verbs ").append(rule.getVerbs())
                .append(", apiGroups ").append(rule.getApiGroups())
                .append(", resources ").append(rule.getResources());
        if (rule.getResourceNames() != null && !rule.getResourceNames().isEmpty()) {
            text.append(", resourceNames ").append(rule.getResourceNames());
        }
        return text.append('}').toString();
    }
}
