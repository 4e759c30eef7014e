// Signature stub of org.jenkinsci.plugins.workflow.steps.BodyExecution from org.jenkins-ci.plugins.workflow:workflow-step-api:710.v3e456cc85233; declarations only, never shipped.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.concurrent.Future;

public abstract class BodyExecution implements Future<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public boolean cancel(Throwable t) {
        throw new UnsupportedOperationException();
    }
}
