// Signature stub of org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition from org.jenkins-ci.plugins.workflow:workflow-cps; declarations only, never shipped.
package org.jenkinsci.plugins.workflow.cps;

import hudson.model.Descriptor;
import org.jenkinsci.plugins.workflow.flow.FlowDefinition;

public class CpsFlowDefinition extends FlowDefinition {
    public CpsFlowDefinition(String script) throws Descriptor.FormException {
        throw new UnsupportedOperationException();
    }

    public CpsFlowDefinition(String script, boolean sandbox) throws Descriptor.FormException {
        throw new UnsupportedOperationException();
    }

    public String getScript() {
        throw new UnsupportedOperationException();
    }
}
