// Signature stub of org.jvnet.hudson.reactor.ReactorException from org.jenkins-ci:task-reactor:1.9 (the version Jenkins 2.504.3 core pins); declarations only, never shipped.
package org.jvnet.hudson.reactor;

public class ReactorException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReactorException(Throwable cause) {
        throw new UnsupportedOperationException();
    }
}
