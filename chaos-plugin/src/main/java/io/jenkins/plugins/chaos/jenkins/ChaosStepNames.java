package io.jenkins.plugins.chaos.jenkins;

import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.Step;

/**
 * The Pipeline function names of this plugin's steps, used by the descriptors' {@code getFunctionName()} and by
 * the offline check that every example pipeline calls only steps and arguments that exist.
 */
public final class ChaosStepNames {
    public static final String CHAOS_INJECT = "chaosInject";
    public static final String TENANT_ISOLATION_PROBE = "tenantIsolationProbe";
    public static final String PROVIDER_FAILOVER_PROBE = "providerFailoverProbe";

    /** Function name to step class; argument names come from the class's data-bound constructor and setters. */
    public static final Map<String, Class<? extends Step>> STEPS = Map.of(
            CHAOS_INJECT, ChaosInjectStep.class,
            TENANT_ISOLATION_PROBE, TenantIsolationProbeStep.class,
            PROVIDER_FAILOVER_PROBE, ProviderFailoverProbeStep.class);

    private ChaosStepNames() {
    }
}
