package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import io.jenkins.plugins.chaos.experiment.FaultArguments;
import io.jenkins.plugins.chaos.experiment.StepArguments;
import java.io.Serializable;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * One fault with the keys of a YAML fault. {@code chaosInject} takes these keys directly (one fault) or a
 * {@code faults:} list; the probe steps take a {@code faults:} list that is active while they measure.
 */
public class ChaosFault extends AbstractDescribableImpl<ChaosFault> implements Serializable {
    private static final long serialVersionUID = 1L;

    private String name;
    private String kind;
    private String action;
    private String duration;
    private String mode;
    private String value;
    private FaultSelector selector;
    private String direction;
    private FaultSelector target;
    private String manifest;
    private String latency;
    private Integer percent;
    private Integer port;
    private String path;

    @DataBoundConstructor
    public ChaosFault() {
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    @DataBoundSetter
    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getAction() {
        return action;
    }

    @DataBoundSetter
    public void setAction(String action) {
        this.action = action;
    }

    public String getDuration() {
        return duration;
    }

    @DataBoundSetter
    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getValue() {
        return value;
    }

    @DataBoundSetter
    public void setValue(String value) {
        this.value = value;
    }

    public FaultSelector getSelector() {
        return selector;
    }

    @DataBoundSetter
    public void setSelector(FaultSelector selector) {
        this.selector = selector;
    }

    public String getDirection() {
        return direction;
    }

    @DataBoundSetter
    public void setDirection(String direction) {
        this.direction = direction;
    }

    public FaultSelector getTarget() {
        return target;
    }

    @DataBoundSetter
    public void setTarget(FaultSelector target) {
        this.target = target;
    }

    public String getManifest() {
        return manifest;
    }

    @DataBoundSetter
    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public String getLatency() {
        return latency;
    }

    @DataBoundSetter
    public void setLatency(String latency) {
        this.latency = latency;
    }

    public Integer getPercent() {
        return percent;
    }

    @DataBoundSetter
    public void setPercent(Integer percent) {
        this.percent = percent;
    }

    public Integer getPort() {
        return port;
    }

    @DataBoundSetter
    public void setPort(Integer port) {
        this.port = port;
    }

    public String getPath() {
        return path;
    }

    @DataBoundSetter
    public void setPath(String path) {
        this.path = path;
    }

    /** True when the user set at least one key; a bare {@code chaosInject(faults: [...])} has no flat fault. */
    boolean isSet() {
        return !toMap("fault", null).isEmpty();
    }

    /**
     * The YAML fault map.
     *
     * @param field        where this fault sits, for error messages ({@code faults[1]})
     * @param manifestPath the manifest's absolute path on the agent, resolved by the caller; null when none
     */
    Map<String, Object> toMap(String field, String manifestPath) {
        return FaultArguments.fault(new StepArguments()
                .put("name", name)
                .put("kind", kind)
                .put("action", action)
                .put("duration", duration)
                .put("mode", mode)
                .put("value", value)
                .put("selector", selector == null ? null : selector.toMap(field + ".selector"))
                .put("direction", direction)
                .put("target", target == null ? null : target.toMap(field + ".target.selector"))
                .put("manifest", manifestPath == null ? manifest : manifestPath)
                .put("latency", latency)
                .put("percent", percent)
                .put("port", port)
                .put("path", path)
                .toMap());
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<ChaosFault> {
        @Override
        public String getDisplayName() {
            return "Chaos fault";
        }
    }
}
