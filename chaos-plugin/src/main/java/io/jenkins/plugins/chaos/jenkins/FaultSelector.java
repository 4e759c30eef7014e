package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import io.jenkins.plugins.chaos.experiment.FaultArguments;
import io.jenkins.plugins.chaos.experiment.StepArguments;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What a fault hits: {@code selector: [namespaces: ['tenant-a'], labelSelectors: ['app=gateway']]}, the same keys as
 * the YAML selector (label selectors written as key=value because Pipeline maps do not bind to a typed field).
 */
public class FaultSelector extends AbstractDescribableImpl<FaultSelector> implements Serializable {
    private static final long serialVersionUID = 1L;

    private List<String> namespaces;
    private List<String> labelSelectors;

    @DataBoundConstructor
    public FaultSelector() {
    }

    public List<String> getNamespaces() {
        return namespaces;
    }

    @DataBoundSetter
    public void setNamespaces(List<String> namespaces) {
        this.namespaces = StepArguments.copy(namespaces);
    }

    public List<String> getLabelSelectors() {
        return labelSelectors;
    }

    @DataBoundSetter
    public void setLabelSelectors(List<String> labelSelectors) {
        StepArguments.labels("labelSelectors", labelSelectors);
        this.labelSelectors = StepArguments.copy(labelSelectors);
    }

    Map<String, Object> toMap(String field) {
        return FaultArguments.selector(field, namespaces, labelSelectors);
    }

    @Extension
    public static class DescriptorImpl extends Descriptor<FaultSelector> {
        @Override
        public String getDisplayName() {
            return "Chaos fault selector";
        }
    }
}
