package io.jenkins.plugins.chaos.playground.k8s;

import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The lateral-movement game day's broken variant: a "temporary debug access" RoleBinding in one tenant's namespace
 * that grants another tenant's {@code default} service account (what any pod there runs as) its secrets.
 */
public final class CrossTenantGrant {

    public static final String NAME = "debug-access";

    private CrossTenantGrant() {
    }

    public static void grantSecrets(KubernetesClient client, String fromNamespace, String toNamespace) {
        client.rbac().roles().inNamespace(toNamespace).resource(new RoleBuilder()
                .withNewMetadata().withName(NAME).withNamespace(toNamespace).endMetadata()
                .addNewRule().withApiGroups("").withResources("secrets").withVerbs("get", "list").endRule()
                .build()).create();
        client.rbac().roleBindings().inNamespace(toNamespace).resource(new RoleBindingBuilder()
                .withNewMetadata().withName(NAME).withNamespace(toNamespace).endMetadata()
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(NAME).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withName("default").withNamespace(fromNamespace).endSubject()
                .build()).create();
    }
}
