package io.jenkins.plugins.chaos.jenkins;

import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import io.jenkins.plugins.chaos.experiment.FaultArguments;
import io.jenkins.plugins.chaos.experiment.StepArguments;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * What a fault hits: {@code selector: [namespaces: ['tenant-a'], labelSelectors: ['app=gateway']]}, the same keys as
 * the YAML selector (label selectors written as key=value because Pipeline maps do not bind to a typed field).
 */
public class FaultSelector extends AbstractDescribableImpl<FaultSelector> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Namespace names hold neither; the form's textarea uses them to separate names. */
    private static final Pattern NAMESPACE_SEPARATORS = Pattern.compile("[,\\s]+");
    /** Label values hold neither; {@code tier = model} keeps its spaces. */
    private static final Pattern LABEL_SEPARATORS = Pattern.compile("[,\\n\\r]+");

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
        this.namespaces = split(namespaces, NAMESPACE_SEPARATORS);
    }

    public List<String> getLabelSelectors() {
        return labelSelectors;
    }

    @DataBoundSetter
    public void setLabelSelectors(List<String> labelSelectors) {
        List<String> pairs = split(labelSelectors, LABEL_SEPARATORS);
        StepArguments.labels("labelSelectors", pairs);
        this.labelSelectors = pairs;
    }

    /**
     * The Snippet Generator's textarea arrives as one element holding every line (Stapler binds a single form value
     * to a list as its only element: {@code RequestImpl.TypePair.convertJSON}); a Pipeline list arrives as it is.
     * Empty: not set.
     */
    static List<String> split(List<String> values, Pattern separators) {
        if (values == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (String value : values) {
            if (value == null) {
                continue;
            }
            for (String part : separators.split(value)) {
                if (!part.isBlank()) {
                    parts.add(part.trim());
                }
            }
        }
        return parts.isEmpty() ? null : parts;
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
