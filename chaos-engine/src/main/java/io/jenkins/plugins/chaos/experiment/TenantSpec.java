package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;

/**
 * A tenant as the probes see it.
 *
 * @param name      the tenant's name in the gateway's paths ({@code alice})
 * @param namespace its Kubernetes namespace ({@code tenant-alice}) for the network and RBAC layers
 * @param token     its bearer token or {@code env:VARIABLE}; a secret, resolved only when the probe runs
 */
public record TenantSpec(String name, String namespace, String token) implements Serializable {

    @Override
    public String toString() {
        return "TenantSpec[name=" + name + ", namespace=" + namespace + ", token=" + (token == null ? "none" : "****") + "]";
    }
}
