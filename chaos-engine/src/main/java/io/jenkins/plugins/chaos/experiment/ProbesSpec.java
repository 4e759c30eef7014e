package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;

/** The probes of an experiment; each is optional, an experiment with neither only injects and recovers. */
public record ProbesSpec(TenantIsolationSpec tenantIsolation, ProviderFailoverSpec providerFailover) implements Serializable {

    public static ProbesSpec none() {
        return new ProbesSpec(null, null);
    }

    public boolean any() {
        return tenantIsolation != null || providerFailover != null;
    }
}
