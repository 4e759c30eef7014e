package io.jenkins.plugins.chaos.probe.rbac;

import java.io.Serializable;

/**
 * An action a tenant's own RBAC grants it, which the reviewer must report as allowed before its denials for
 * other tenants mean anything.
 *
 * @param request   the action, by one of the tenant's service accounts in its own namespace
 * @param grantedBy the binding and role that grant it
 */
public record PositiveControl(AccessRequest request, String grantedBy) implements Serializable {
}
