package io.jenkins.plugins.chaos.experiment;

import java.io.Serializable;

/** The probes of an experiment; each is optional, an experiment with none only injects and recovers. */
public record ProbesSpec(TenantIsolationSpec tenantIsolation, ProviderFailoverSpec providerFailover,
                         BlastRadiusSpec blastRadius, DataIntegritySpec dataIntegrity,
                         ResourceUsageSpec resourceUsage) implements Serializable {

    public ProbesSpec(TenantIsolationSpec tenantIsolation, ProviderFailoverSpec providerFailover) {
        this(tenantIsolation, providerFailover, null, null, null);
    }

    public static ProbesSpec none() {
        return new ProbesSpec(null, null, null, null, null);
    }

    public boolean any() {
        return tenantIsolation != null || providerFailover != null || blastRadius != null || dataIntegrity != null
                || resourceUsage != null;
    }
}
