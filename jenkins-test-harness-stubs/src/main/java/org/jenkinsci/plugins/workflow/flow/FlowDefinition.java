// Signature stub of org.jenkinsci.plugins.workflow.flow.FlowDefinition from org.jenkins-ci.plugins.workflow:workflow-api; declarations only, never shipped.
package org.jenkinsci.plugins.workflow.flow;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class FlowDefinition extends AbstractDescribableImpl<FlowDefinition> implements ExtensionPoint {
}
