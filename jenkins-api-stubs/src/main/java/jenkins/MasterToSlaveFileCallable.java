// Signature stub of jenkins.MasterToSlaveFileCallable from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package jenkins;

import jenkins.agents.ControllerToAgentFileCallable;

public abstract class MasterToSlaveFileCallable<T> implements ControllerToAgentFileCallable<T> {
    private static final long serialVersionUID = 1L;
}
