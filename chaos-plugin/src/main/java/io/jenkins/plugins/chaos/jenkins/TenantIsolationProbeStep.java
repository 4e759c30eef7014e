package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.chaos.experiment.StepArguments;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code tenantIsolationProbe}: every tenant's credentials against every other tenant's resources must be refused
 * (API layer), and tenant namespaces must not reach each other (network layer), optionally while faults are active.
 */
public class TenantIsolationProbeStep extends ChaosProbeStep {
    private static final long serialVersionUID = 1L;

    private List<TenantArgument> tenants;
    private List<String> endpoints;
    private List<Integer> deniedStatuses;
    private Boolean network;
    private List<Integer> ports;
    private Integer maxRequestsPerSecond;
    private Integer pairsPerRun;
    private String pairsCoverWithin;

    @DataBoundConstructor
    public TenantIsolationProbeStep() {
    }

    public List<TenantArgument> getTenants() {
        return tenants;
    }

    @DataBoundSetter
    public void setTenants(List<TenantArgument> tenants) {
        this.tenants = StepArguments.copy(tenants);
    }

    public List<String> getEndpoints() {
        return endpoints;
    }

    /** Endpoint templates such as {@code GET /v1/tenants/{tenant}/files}. */
    @DataBoundSetter
    public void setEndpoints(List<String> endpoints) {
        this.endpoints = StepArguments.copy(endpoints);
    }

    public List<Integer> getDeniedStatuses() {
        return deniedStatuses;
    }

    @DataBoundSetter
    public void setDeniedStatuses(List<Integer> deniedStatuses) {
        this.deniedStatuses = StepArguments.copy(deniedStatuses);
    }

    public Boolean getNetwork() {
        return network;
    }

    @DataBoundSetter
    public void setNetwork(Boolean network) {
        this.network = network;
    }

    public List<Integer> getPorts() {
        return ports;
    }

    @DataBoundSetter
    public void setPorts(List<Integer> ports) {
        this.ports = StepArguments.copy(ports);
    }

    public Integer getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    /** Cap on requests per second (default 200 against a gateway not on loopback; 0 for none). */
    @DataBoundSetter
    public void setMaxRequestsPerSecond(Integer maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public Integer getPairsPerRun() {
        return pairsPerRun;
    }

    /** With {@code pairsCoverWithin}: {@code pairs: {perRun, coverWithin}} (a step cannot nest a map). */
    @DataBoundSetter
    public void setPairsPerRun(Integer pairsPerRun) {
        this.pairsPerRun = pairsPerRun;
    }

    public String getPairsCoverWithin() {
        return pairsCoverWithin;
    }

    @DataBoundSetter
    public void setPairsCoverWithin(String pairsCoverWithin) {
        this.pairsCoverWithin = pairsCoverWithin;
    }

    @Override
    String functionName() {
        return ChaosStepNames.TENANT_ISOLATION_PROBE;
    }

    @Override
    Set<String> stringCredentialIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (tenants != null) {
            for (TenantArgument tenant : tenants) {
                if (tenant.getTokenCredentialsId() != null) {
                    ids.add(tenant.getTokenCredentialsId());
                }
            }
        }
        return ids;
    }

    @Override
    Map<String, Object> toExperimentMap(Map<String, String> secrets, UnaryOperator<String> manifest) {
        List<Map<String, Object>> tenantMaps = new ArrayList<>();
        if (tenants != null) {
            for (TenantArgument tenant : tenants) {
                tenantMaps.add(new StepArguments()
                        .put("name", tenant.getName())
                        .put("namespace", tenant.getNamespace())
                        .put("token", tenant.getTokenCredentialsId() == null ? null : secrets.get(tenant.getTokenCredentialsId()))
                        .toMap());
            }
        }
        Map<String, Object> probe = new StepArguments()
                .put("gateway", getGateway())
                .put("tenants", tenantMaps)
                .put("endpoints", StepArguments.copy(endpoints))
                .put("deniedStatuses", StepArguments.copy(deniedStatuses))
                .put("network", network)
                .put("ports", StepArguments.copy(ports))
                .put("maxRequestsPerSecond", maxRequestsPerSecond)
                .put("pairs", pairsPerRun == null && pairsCoverWithin == null ? null : new StepArguments()
                        .put("perRun", pairsPerRun).put("coverWithin", pairsCoverWithin).toMap())
                .toMap();
        return withProbe(super.toExperimentMap(secrets, manifest), "tenantIsolation", probe);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        public ListBoxModel doFillKubeconfigCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.forItem(item, FileCredentials.class, value);
        }

        @Override
        public String getFunctionName() {
            return ChaosStepNames.TENANT_ISOLATION_PROBE;
        }

        @Override
        public String getDisplayName() {
            return "Probe tenant isolation (API and network layer)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return ChaosProbeStep.requiredContext();
        }
    }
}
