// Signature stub of org.jenkinsci.plugins.workflow.graph.FlowNode from org.jenkins-ci.plugins.workflow:workflow-api:1384.vdc05a_48f535f; declarations only, never shipped.
package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;

public abstract class FlowNode extends Actionable {
    public String getId() {
        throw new UnsupportedOperationException();
    }

    public String getDisplayName() {
        throw new UnsupportedOperationException();
    }
}
