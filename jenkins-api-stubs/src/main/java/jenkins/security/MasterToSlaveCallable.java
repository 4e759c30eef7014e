// Signature stub of jenkins.security.MasterToSlaveCallable from org.jenkins-ci.main:jenkins-core:2.504.3; declarations only, never shipped.
package jenkins.security;

import jenkins.agents.ControllerToAgentCallable;

public abstract class MasterToSlaveCallable<V, T extends Throwable> implements ControllerToAgentCallable<V, T> {
    private static final long serialVersionUID = 1L;
}
