package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * {@code chaosInject}: one fault given by its YAML keys directly ({@code kind:}, {@code action:}, {@code selector:}, ...),
 * or several in {@code faults:}. Without a body it injects, holds for the duration and recovers; with a body the
 * fault is active while the body runs and is removed after it, also on failure and abort.
 */
public class ChaosInjectStep extends ChaosStep {
    private static final long serialVersionUID = 1L;

    /** The fault given by flat keys; its name is the step's {@code name}. */
    private final ChaosFault fault = new ChaosFault();

    @DataBoundConstructor
    public ChaosInjectStep() {
    }

    public String getKind() {
        return fault.getKind();
    }

    @DataBoundSetter
    public void setKind(String kind) {
        fault.setKind(kind);
    }

    public String getAction() {
        return fault.getAction();
    }

    @DataBoundSetter
    public void setAction(String action) {
        fault.setAction(action);
    }

    public String getDuration() {
        return fault.getDuration();
    }

    @DataBoundSetter
    public void setDuration(String duration) {
        fault.setDuration(duration);
    }

    public String getMode() {
        return fault.getMode();
    }

    @DataBoundSetter
    public void setMode(String mode) {
        fault.setMode(mode);
    }

    public String getValue() {
        return fault.getValue();
    }

    @DataBoundSetter
    public void setValue(String value) {
        fault.setValue(value);
    }

    public FaultSelector getSelector() {
        return fault.getSelector();
    }

    @DataBoundSetter
    public void setSelector(FaultSelector selector) {
        fault.setSelector(selector);
    }

    public String getDirection() {
        return fault.getDirection();
    }

    @DataBoundSetter
    public void setDirection(String direction) {
        fault.setDirection(direction);
    }

    public FaultSelector getTarget() {
        return fault.getTarget();
    }

    @DataBoundSetter
    public void setTarget(FaultSelector target) {
        fault.setTarget(target);
    }

    public String getManifest() {
        return fault.getManifest();
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        fault.setManifest(manifest);
    }

    public String getLatency() {
        return fault.getLatency();
    }

    @DataBoundSetter
    public void setLatency(String latency) {
        fault.setLatency(latency);
    }

    public Integer getPercent() {
        return fault.getPercent();
    }

    @DataBoundSetter
    public void setPercent(Integer percent) {
        fault.setPercent(percent);
    }

    public Integer getPort() {
        return fault.getPort();
    }

    @DataBoundSetter
    public void setPort(Integer port) {
        fault.setPort(port);
    }

    public String getPath() {
        return fault.getPath();
    }

    @DataBoundSetter
    public void setPath(String path) {
        fault.setPath(path);
    }

    @Override
    String functionName() {
        return ChaosStepNames.CHAOS_INJECT;
    }

    @Override
    List<ChaosFault> allFaults() {
        List<ChaosFault> all = new ArrayList<>();
        if (fault.isSet()) {
            fault.setName(getName());
            all.add(fault);
        }
        all.addAll(super.allFaults());
        return all;
    }

    @Override
    Map<String, Object> toExperimentMap(Map<String, String> secrets, UnaryOperator<String> manifest) {
        if (allFaults().isEmpty() && (getExperiment() == null || getExperiment().isBlank())) {
            throw new IllegalArgumentException("chaosInject: no fault given; set kind/action/selector (or manifest), faults: [...] or experiment: 'file.yaml'");
        }
        return super.toExperimentMap(secrets, manifest);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new ChaosInjectExecution(this, context);
    }

    @Extension
    public static class DescriptorImpl extends StepDescriptor {
        public ListBoxModel doFillKubeconfigCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String value) {
            return CredentialItems.forItem(item, FileCredentials.class, value);
        }

        @Override
        public String getFunctionName() {
            return ChaosStepNames.CHAOS_INJECT;
        }

        @Override
        public String getDisplayName() {
            return "Inject a chaos fault (Chaos Mesh), optionally only while a block runs";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return ChaosProbeStep.requiredContext();
        }
    }
}
