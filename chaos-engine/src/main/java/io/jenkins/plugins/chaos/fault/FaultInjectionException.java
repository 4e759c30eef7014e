package io.jenkins.plugins.chaos.fault;

/**
 * A fault could not be put in place (API error, Chaos Mesh never reported it injected). Whatever was created has
 * already been removed when this is thrown. It is an infrastructure error (exit 4), not a verdict on the system.
 */
public class FaultInjectionException extends Exception {

    private static final long serialVersionUID = 1L;

    public FaultInjectionException(String message) {
        super(message);
    }

    public FaultInjectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
