package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.chaos.experiment.StepArguments;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code providerFailoverProbe}: a paced request stream against the gateway while a provider fault (given in
 * {@code faults:}) is active; measures failover and recovery time, latency percentiles and error rate.
 */
public class ProviderFailoverProbeStep extends ChaosProbeStep {
    private static final long serialVersionUID = 1L;

    private String path;
    private String tokenCredentialsId;
    private String primary;
    private String secondary;
    private String providerHeader;
    private Integer requestsPerSecond;
    private String maxFailover;
    private String maxLatency;
    private Integer maxErrorPercent;
    private Integer maxRequestsPerSecond;
    private String expect;

    @DataBoundConstructor
    public ProviderFailoverProbeStep() {
    }

    /** {@code failover} (default) or {@code graceful-degradation} (a total outage: every provider down). */
    public String getExpect() {
        return expect;
    }

    @DataBoundSetter
    public void setExpect(String expect) {
        this.expect = expect;
    }

    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = path;
    }

    public String getTokenCredentialsId() {
        return tokenCredentialsId;
    }

    @DataBoundSetter
    public void setTokenCredentialsId(String tokenCredentialsId) {
        this.tokenCredentialsId = tokenCredentialsId;
    }

    public String getPrimary() {
        return primary;
    }

    @DataBoundSetter
    public void setPrimary(String primary) {
        this.primary = primary;
    }

    public String getSecondary() {
        return secondary;
    }

    @DataBoundSetter
    public void setSecondary(String secondary) {
        this.secondary = secondary;
    }

    public String getProviderHeader() {
        return providerHeader;
    }

    @DataBoundSetter
    public void setProviderHeader(String providerHeader) {
        this.providerHeader = providerHeader;
    }

    public Integer getRequestsPerSecond() {
        return requestsPerSecond;
    }

    @DataBoundSetter
    public void setRequestsPerSecond(Integer requestsPerSecond) {
        this.requestsPerSecond = requestsPerSecond;
    }

    public String getMaxFailover() {
        return maxFailover;
    }

    @DataBoundSetter
    public void setMaxFailover(String maxFailover) {
        this.maxFailover = maxFailover;
    }

    public String getMaxLatency() {
        return maxLatency;
    }

    @DataBoundSetter
    public void setMaxLatency(String maxLatency) {
        this.maxLatency = maxLatency;
    }

    public Integer getMaxErrorPercent() {
        return maxErrorPercent;
    }

    @DataBoundSetter
    public void setMaxErrorPercent(Integer maxErrorPercent) {
        if (maxErrorPercent != null && (maxErrorPercent < 0 || maxErrorPercent > 100)) {
            throw new IllegalArgumentException("maxErrorPercent: must be within 0..100, was " + maxErrorPercent);
        }
        this.maxErrorPercent = maxErrorPercent;
    }

    @Override
    String functionName() {
        return ChaosStepNames.PROVIDER_FAILOVER_PROBE;
    }

    @Override
    Set<String> stringCredentialIds() {
        Set<String> ids = new LinkedHashSet<>();
        if (tokenCredentialsId != null) {
            ids.add(tokenCredentialsId);
        }
        return ids;
    }

    @Override
    Map<String, Object> toExperimentMap(Map<String, String> secrets, UnaryOperator<String> manifest) {
        Map<String, Object> thresholds = new StepArguments()
                .put("failover", maxFailover)
                .put("latency", maxLatency)
                .put("errorRatePercent", maxErrorPercent)
                .toMap();
        Map<String, Object> probe = new StepArguments()
                .put("gateway", getGateway())
                .put("path", path)
                .put("token", tokenCredentialsId == null ? null : secrets.get(tokenCredentialsId))
                .put("primary", primary)
                .put("secondary", secondary)
                .put("providerHeader", providerHeader)
                .put("expect", expect)
                .put("requestsPerSecond", requestsPerSecond)
                .put("maxRequestsPerSecond", maxRequestsPerSecond)
                .put("thresholds", thresholds)
                .toMap();
        return withProbe(super.toExperimentMap(secrets, manifest), "providerFailover", probe);
    }

    public Integer getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    /** Cap on requests per second (default 200 against a gateway not on loopback; 0 for none). */
    @DataBoundSetter
    public void setMaxRequestsPerSecond(Integer maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        public ListBoxModel doFillKubeconfigCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.forItem(item, FileCredentials.class, value);
        }

        public ListBoxModel doFillTokenCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.forItem(item, StringCredentials.class, value);
        }

        @Override
        public String getFunctionName() {
            return ChaosStepNames.PROVIDER_FAILOVER_PROBE;
        }

        @Override
        public String getDisplayName() {
            return "Probe provider failover of the inference gateway";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return ChaosProbeStep.requiredContext();
        }
    }
}
