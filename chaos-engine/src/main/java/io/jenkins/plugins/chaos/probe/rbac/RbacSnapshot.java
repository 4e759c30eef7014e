package io.jenkins.plugins.chaos.probe.rbac;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** The RBAC objects of a cluster and the service accounts of the tenant namespaces. */
public record RbacSnapshot(List<Role> roles, List<ClusterRole> clusterRoles, List<RoleBinding> roleBindings,
                           List<ClusterRoleBinding> clusterRoleBindings, List<ServiceAccount> serviceAccounts)
        implements Serializable {

    public RbacSnapshot {
        roles = List.copyOf(roles);
        clusterRoles = List.copyOf(clusterRoles);
        roleBindings = List.copyOf(roleBindings);
        clusterRoleBindings = List.copyOf(clusterRoleBindings);
        serviceAccounts = List.copyOf(serviceAccounts);
    }

    /** Reads roles and bindings of every namespace (cluster-wide reads) and the service accounts of the tenants. */
    public static RbacSnapshot read(KubernetesClient client, Collection<String> tenantNamespaces) {
        List<ServiceAccount> serviceAccounts = new ArrayList<>();
        for (String namespace : tenantNamespaces) {
            serviceAccounts.addAll(client.serviceAccounts().inNamespace(namespace).list().getItems());
        }
        return new RbacSnapshot(
                client.rbac().roles().inAnyNamespace().list().getItems(),
                client.rbac().clusterRoles().list().getItems(),
                client.rbac().roleBindings().inAnyNamespace().list().getItems(),
                client.rbac().clusterRoleBindings().list().getItems(),
                serviceAccounts);
    }

    /**
     * The service accounts of a namespace, always including {@code default}: the API server creates it in every
     * namespace, and it is the account a pod runs as when nobody chose one.
     */
    public List<String> serviceAccountNames(String namespace) {
        TreeSet<String> names = new TreeSet<>();
        names.add("default");
        for (ServiceAccount account : serviceAccounts) {
            if (namespace.equals(account.getMetadata().getNamespace())) {
                names.add(account.getMetadata().getName());
            }
        }
        return List.copyOf(names);
    }
}
